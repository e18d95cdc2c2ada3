"""Back-office of the events area: working-group admins only, whatever other staff permissions say. Events are
curated here (their deadlines follow them into the registry); participations are saved and published through
events.services, as on the pages."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TabbedTranslationAdmin

from events import selectors, services
from events.models import Event, EventParticipation
from portal.admin import WorkingGroupAdmin
from portal.admin_imports import InventoryImportExportMixin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields
from portal.moments import format_moment


@admin.register(Event)
class EventAdmin(WorkingGroupAdmin, InventoryImportExportMixin, TabbedTranslationAdmin):
    """The events inventory. Its dates are local dates in the event's own zone; saving it keeps its deadlines in
    the registry (events/deadlines.py). Its Import and Export buttons read and write the file of
    `import_inventory events` through the shared mechanism (portal/admin_imports.py)."""

    inventory_kind = "events"

    list_display = ["name", "kind", "starts_on", "ends_on", "city", "country", "attendance", "status"]
    list_filter = ["kind", "status", "attendance", ("country", CountryFilter), "tz"]
    search_fields = ["slug", "organiser", *translated_fields("name"), *translated_fields("city")]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["themes", "action_lines"]
    date_hierarchy = "starts_on"
    readonly_fields = ["registered_deadlines", "sequence", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "organiser", "description", "website", "source_url"]}),
        (_("Place"), {"fields": ["attendance", "city", "country", "venue", "online_url"]}),
        (
            _("Dates (local, in the event's time zone)"),
            {"fields": ["tz", "starts_on", "start_time", "ends_on", "end_time"]},
        ),
        (
            _("Deadlines"),
            {"fields": ["proposal_deadline", "exhibition_deadline", "registration_deadline", "registered_deadlines"]},
        ),
        (_("Support and topics"), {"fields": ["support", "support_details", "languages", "themes", "action_lines"]}),
        (_("Record"), {"fields": ["sequence", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("in the deadline registry"))
    def registered_deadlines(self, event):
        """The event's open deadlines as the alerts and calendars see them: the instant in the event's zone."""
        if event is None or event.pk is None:
            return "—"
        deadlines = selectors.event_deadlines(event)
        if not deadlines:
            return _("none (cancelled or postponed events have none)") if event.is_withdrawn else "—"
        rows = format_html_join(
            "",
            "<li>{}: {}{}</li>",
            (
                (
                    deadline.get_kind_display(),
                    format_moment(deadline.due_at, deadline.tz),
                    format_html(" ({})", _("tentative")) if deadline.tentative else "",
                )
                for deadline in deadlines
            ),
        )
        return format_html("<ul>{}</ul>", rows)


@admin.register(EventParticipation)
class EventParticipationAdmin(ReviewedAdmin, WorkingGroupAdmin, TabbedTranslationAdmin):
    """Participations reported by agency contacts on the portal, reviewed and published here."""

    list_display = ["event", "agency", "project", "role", "people", "review_state", "imported", "updated_at"]
    list_select_related = ["event", "agency", "project"]
    list_filter = ["review_state", "role", "event__kind", "imported", "agency__kind", "agency__country"]
    search_fields = [
        "event__slug",
        *translated_fields("event__name"),
        *translated_fields("agency__name"),
        "agency__acronym",
        *translated_fields("project__title"),
    ]
    autocomplete_fields = ["event", "agency", "project"]
    date_hierarchy = "event__starts_on"

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages, so the same rules apply."""
        services.save_participation(request.user, obj, {})
