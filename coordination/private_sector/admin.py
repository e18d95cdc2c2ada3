"""Back-office of the coordination area's private sector part: company profiles, contributions and problems
(reported by companies' contacts, reviewed and published here; the working group may enter them published
directly) and the incentives."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from coordination.private_sector import services
from coordination.private_sector.models import CompanyProfile, Contribution, Incentive, Problem
from portal.admin import WorkingGroupAdmin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields


@admin.register(CompanyProfile)
class CompanyProfileAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["agency", "sector", "size", "is_demo"]
    list_select_related = ["agency"]
    list_filter = ["sector", "size", "is_demo"]
    search_fields = ["agency__slug", *translated_fields("agency__name")]
    autocomplete_fields = ["agency"]


@admin.register(Contribution)
class ContributionAdmin(ReviewedAdmin, WorkingGroupAdmin, TabbedTranslationAdmin):
    """Contributions reported by companies' contacts on the portal, reviewed and published here."""

    list_display = ["agency", "kind", "year", "project", "event", "amount", "currency", "review_state", "is_demo"]
    list_select_related = ["agency", "project", "event"]
    list_filter = ["review_state", "kind", "year", "agency__company_profile__sector", "is_demo"]
    search_fields = ["agency__slug", *translated_fields("agency__name"), *translated_fields("project__title")]
    autocomplete_fields = ["agency", "project", "event", "award_application"]

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages, so the same rules apply."""
        services.save_contribution(request.user, obj, {})


@admin.register(Problem)
class ProblemAdmin(ReviewedAdmin, WorkingGroupAdmin, admin.ModelAdmin):
    """Problems reported by companies' contacts, reviewed and published here; the working group sets their
    status."""

    list_display = ["agency", "category", "status", "review_state", "created_at", "is_demo"]
    list_select_related = ["agency"]
    list_filter = ["review_state", "category", "status", "is_demo"]
    search_fields = ["agency__slug", *translated_fields("agency__name"), "description"]
    autocomplete_fields = ["agency", "agencies_concerned"]

    def save_model(self, request, obj, form, change):
        services.save_problem(request.user, obj, {})


@admin.register(Incentive)
class IncentiveAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["title", "offered_by", "is_open", "is_demo", "updated_at"]
    list_select_related = ["offered_by"]
    list_filter = ["is_open", "is_demo"]
    search_fields = [*translated_fields("title")]
    autocomplete_fields = ["offered_by"]
