"""Back-office of the meetings part: working-group admins enter the bodies, meetings and resolutions (the
resolutions' due dates follow them into the deadline registry); progress notes are reported by contacts and
published here through the same review workflow as on the pages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from coordination.meetings import services
from coordination.meetings.models import Body, Meeting, MeetingAttachment, ProgressNote, Resolution, ResolutionState
from portal.admin import WorkingGroupAdmin
from portal.admin_imports import InventoryImportExportMixin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields


@admin.register(Body)
class BodyAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "kind", "convener", "parent", "demo"]
    list_select_related = ["convener", "parent"]
    list_filter = ["kind", "demo"]
    search_fields = ["slug", "acronym", *translated_fields("name")]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["convener", "parent", "members"]


class MeetingAttachmentInline(admin.TabularInline):
    model = MeetingAttachment
    extra = 0


class ResolutionInline(TranslationTabularInline):
    model = Resolution
    extra = 0
    fields = ["number", "text", "due_on", "tz", "state"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["title", "body", "held_on", "date_is_approximate", "tz", "demo"]
    list_select_related = ["body"]
    list_filter = ["body", "date_is_approximate", "demo"]
    search_fields = [*translated_fields("title"), *translated_fields("body__name")]
    autocomplete_fields = ["body", "attendees"]
    date_hierarchy = "held_on"
    inlines = [MeetingAttachmentInline, ResolutionInline]
    fieldsets = [
        (None, {"fields": ["body", "number", "title", "source_url", "demo"]}),
        (
            _("Date and place (local, in the meeting's time zone)"),
            {"fields": ["held_on", "start_time", "tz", "date_is_approximate", "place", "online_url"]},
        ),
        (_("Attendance, agenda and minutes"), {"fields": ["attendees", "agenda", "minutes"]}),
    ]


@admin.register(Resolution)
class ResolutionAdmin(WorkingGroupAdmin, InventoryImportExportMixin, TabbedTranslationAdmin):
    """Resolutions; their due dates follow them into the deadline registry. The Import and Export buttons read and
    write the file of `import_inventory resolutions` through the shared mechanism (portal/admin_imports.py)."""

    inventory_kind = "resolutions"

    list_display = ["number", "meeting", "due_on", "tz", "state", "demo"]
    list_select_related = ["meeting__body"]
    list_filter = ["state", "meeting__body", "tz", "demo"]
    search_fields = ["number", *translated_fields("text"), *translated_fields("meeting__title")]
    autocomplete_fields = ["meeting", "responsible"]
    date_hierarchy = "due_on"
    actions = ["mark_done", "mark_dropped"]

    def _set_state(self, request, queryset, state):
        # One save each: the registry withdraws each one's deadline (coordination/meetings/deadlines.py).
        for resolution in queryset.select_related("meeting__body"):
            resolution.state = state
            resolution.save(update_fields=["state", "updated_at"])

    @admin.action(description=_("Mark the selected resolutions as done"), permissions=["change"])
    def mark_done(self, request, queryset):
        self._set_state(request, queryset, ResolutionState.DONE)

    @admin.action(description=_("Mark the selected resolutions as dropped"), permissions=["change"])
    def mark_dropped(self, request, queryset):
        self._set_state(request, queryset, ResolutionState.DROPPED)


@admin.register(ProgressNote)
class ProgressNoteAdmin(ReviewedAdmin, WorkingGroupAdmin, TabbedTranslationAdmin):
    """Progress notes reported by the responsible agencies' contacts, reviewed and published here."""

    list_display = ["resolution", "agency", "review_state", "updated_at"]
    list_select_related = ["resolution__meeting__body", "agency"]
    list_filter = ["review_state", "resolution__meeting__body"]
    search_fields = [*translated_fields("text"), *translated_fields("agency__name"), "agency__acronym"]
    autocomplete_fields = ["resolution", "agency"]

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages, so the same rules apply."""
        services.save_note(request.user, obj, {})
