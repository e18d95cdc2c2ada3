"""Back-office of the funds area: working-group admins only, whatever other staff permissions say. Grants are
saved and published through funds.services, and calls invite their eligible agencies through it, as on the pages."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from funds import services
from funds.models import Funder, FundingCall, FundingProgramme, FundInvitation, Grant
from portal.admin import WorkingGroupAdmin
from portal.admin_imports import InventoryImportExportMixin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields


class ProgrammeInline(WorkingGroupAdmin, TranslationTabularInline):
    model = FundingProgramme
    extra = 0
    fields = ["name", "slug", "scope", "currency", "website"]
    show_change_link = True


class CallInline(WorkingGroupAdmin, TranslationTabularInline):
    model = FundingCall
    extra = 0
    fields = ["title", "opens_on", "deadline", "deadline_time", "tz", "state"]
    show_change_link = True


@admin.register(Funder)
class FunderAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "kind", "country"]
    list_filter = ["kind", ("country", CountryFilter)]
    search_fields = ["slug", "acronym", *translated_fields("name")]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ProgrammeInline]


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["name", "funder", "scope", "currency", "amount_min", "amount_max", "co_financing_percent"]
    list_select_related = ["funder"]
    list_filter = ["scope", "funder__kind", "funder", "themes", "action_lines"]
    search_fields = ["slug", *translated_fields("name"), "funder__acronym", *translated_fields("funder__name")]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["funder"]
    filter_horizontal = ["themes", "action_lines"]
    inlines = [CallInline]


@admin.register(FundingCall)
class FundingCallAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["title", "programme", "opens_on", "deadline", "deadline_time", "tz", "state"]
    list_select_related = ["programme__funder"]
    list_filter = ["state", "programme__funder", "programme", "tz"]
    search_fields = [*translated_fields("title"), "programme__slug", *translated_fields("programme__name")]
    autocomplete_fields = ["programme"]
    date_hierarchy = "deadline"
    actions = ["invite_eligible"]

    @admin.action(
        description=_("Tell the eligible agencies (one alert to each agency's contacts)"), permissions=["change"]
    )
    def invite_eligible(self, request, queryset):
        for call in queryset.select_related("programme__funder").order_by("deadline", "pk"):
            try:
                invited = services.invite_eligible_agencies(call, request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                _("%(call)s: %(new)d agencies invited, %(same)d already invited.")
                % {"call": call, "new": invited.agencies, "same": invited.unchanged},
                messages.SUCCESS,
            )


@admin.register(FundInvitation)
class FundInvitationAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    """Invitations are made by the calls' action; here they are read, or deleted (which withdraws the alert not
    yet sent)."""

    list_display = ["call", "agency", "invited_by", "created_at"]
    list_select_related = ["call__programme", "agency", "invited_by"]
    list_filter = ["call__programme__funder", "call__programme"]
    search_fields = [*translated_fields("agency__name"), "agency__acronym", *translated_fields("call__title")]
    readonly_fields = ["call", "agency", "invited_by", "created_at"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Grant)
class GrantAdmin(ReviewedAdmin, WorkingGroupAdmin, InventoryImportExportMixin, TabbedTranslationAdmin):
    """The grants inventory: reported by agency contacts on the portal, reviewed and published here. Its Import and
    Export buttons read and write the file of `import_inventory grants` through the shared mechanism
    (portal/admin_imports.py)."""

    inventory_kind = "grants"

    list_display = [
        "funder",
        "programme",
        "agency",
        "project",
        "amount",
        "currency",
        "signed_on",
        "review_state",
        "imported",
    ]
    list_select_related = ["funder", "programme", "agency", "project"]
    list_filter = ["review_state", "currency", "funder", "imported", "agency__kind", "agency__country"]
    search_fields = [
        *translated_fields("agency__name"),
        "agency__acronym",
        *translated_fields("funder__name"),
        "funder__acronym",
        *translated_fields("project__title"),
    ]
    autocomplete_fields = ["funder", "programme", "agency", "project"]
    date_hierarchy = "signed_on"

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages and the API, so the same rules apply."""
        services.save_grant(request.user, obj, {})
