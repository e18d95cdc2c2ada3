"""Back-office of the portals part: the international portals (entered by the working group) and the projects'
listings on them (reported by agencies' contacts, reviewed and published here; the working group's own listings
are published at once)."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from guides.portals import services
from guides.portals.models import InternationalPortal, PortalListing
from portal.admin import WorkingGroupAdmin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields


@admin.register(InternationalPortal)
class InternationalPortalAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "owner", "status", "closed_year", "position", "demo"]
    list_filter = ["status", "demo"]
    search_fields = ["slug", "acronym", *translated_fields("name")]
    prepopulated_fields = {"slug": ("acronym",)}
    raw_id_fields = ["guide"]


@admin.register(PortalListing)
class PortalListingAdmin(ReviewedAdmin, WorkingGroupAdmin, TabbedTranslationAdmin):
    """Listings reported by agencies' contacts on the portal, reviewed and published here. The agency is the
    project's."""

    list_display = ["project", "portal", "agency", "listed_on", "review_state", "demo"]
    list_select_related = ["project", "portal", "agency"]
    list_filter = ["review_state", "portal", "demo"]
    search_fields = ["agency__slug", "project__slug", *translated_fields("project__title")]
    autocomplete_fields = ["project"]
    readonly_fields = ["agency"]

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages and the API, so the same rules apply."""
        services.save_listing(request.user, obj, {})
