"""The back-office side of the review workflow, the same for every reviewed kind: publish, or send back with a
comment the contact gets by mail (`portal.reviews`); the review fields are shown, never typed; the admin index
counts what waits for review."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal import reviews, selectors
from portal.forms import RequestChangesForm
from portal.models import Revision, RevisionState
from portal.reviews import decisions
from portal.reviews.diffs import describe

REVIEW_FIELDS = (
    "review_state",
    "review_comment",
    "reported_by",
    "submitted_by",
    "submitted_at",
    "published_at",
    "reviewed_at",
    "created_at",
    "updated_at",
)


def _refusal(model_admin, request, error) -> None:
    text = " ".join(getattr(error, "messages", None) or [str(error)])
    model_admin.message_user(request, text, messages.ERROR)


class ReviewedAdmin:
    """Mixin of the admin of a reviewed kind (projects, grants, participations, applications)."""

    actions = ["publish", "request_changes"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [name for name in REVIEW_FIELDS if name not in fields]

    @admin.action(description=_("Publish the selected %(verbose_name_plural)s"), permissions=["change"])
    def publish(self, request, queryset):
        """One by one through the workflow, so the rule is the pages' and the API's; the first refusal stops."""
        done = already = 0
        for record in queryset.order_by("pk"):
            try:
                changed = reviews.publish_reported(request.user, record)
            except (PermissionDenied, ValidationError) as error:
                _refusal(self, request, error)
                return
            done += changed
            already += not changed
        if done:
            self.message_user(
                request,
                ngettext("%(n)d record published.", "%(n)d records published.", done) % {"n": done},
                messages.SUCCESS,
            )
        if already:
            self.message_user(
                request,
                ngettext("%(n)d record was already published.", "%(n)d records were already published.", already)
                % {"n": already},
                messages.INFO,
            )

    @admin.action(
        description=_("Send the selected %(verbose_name_plural)s back with a comment"), permissions=["change"]
    )
    def request_changes(self, request, queryset):
        """Asks for the comment on a page of its own, then sends each record back; its contact gets the comment."""
        form = RequestChangesForm(request.POST if "comment" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for record in queryset.order_by("pk"):
                try:
                    reviews.request_changes(request.user, record, form.cleaned_data["comment"])
                except (PermissionDenied, ValidationError) as error:
                    _refusal(self, request, error)
                    return None
                done += 1
            self.message_user(
                request,
                ngettext("%(n)d record sent back for changes.", "%(n)d records sent back for changes.", done)
                % {"n": done},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/portal/request_changes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send back with a comment"),
                "form": form,
                "records": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


# --- Changes to published records ------------------------------------------------------------------------------


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """Contacts' changes to published records: each shown field by field, accepted or sent back with a comment
    through the same steps as the review queue (`portal.reviews.revisions`). Never typed or deleted here."""

    list_display = ["__str__", "kind", "agency", "author", "state", "updated_at"]
    list_filter = ["state", "content_type"]
    list_select_related = ["agency", "author", "content_type"]
    search_fields = ["agency__slug", "author__email"]
    date_hierarchy = "updated_at"
    actions = ["accept", "send_back"]
    fields = ["kind", "record_link", "agency", "author", "state", "changes", "comment", "updated_at", "decided_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("record")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return selectors.is_working_group_admin(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return selectors.is_working_group_admin(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return selectors.is_working_group_admin(request.user) and super().has_change_permission(request, obj)

    @admin.display(description=_("kind"))
    def kind(self, obj):
        return capfirst(obj.content_type.model_class()._meta.verbose_name) if obj.content_type.model_class() else ""

    @admin.display(description=_("record"))
    def record_link(self, obj):
        record = obj.record
        if record is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reviews.kind_of(record).admin_url(record), record)

    @admin.display(description=_("changes"))
    def changes(self, obj):
        [item] = describe([obj])
        return render_to_string("includes/revision_diff.html", {"item": item})

    def _decided(self, request, done: int) -> None:
        if done:
            self.message_user(
                request,
                ngettext("%(n)d change decided.", "%(n)d changes decided.", done) % {"n": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Accept and publish the selected changes"), permissions=["change"])
    def accept(self, request, queryset):
        done = 0
        for revision in queryset.filter(state=RevisionState.PENDING).order_by("pk"):
            try:
                decisions.accept_revision(request.user, revision)
            except (PermissionDenied, ValidationError) as error:
                _refusal(self, request, error)
                break
            done += 1
        self._decided(request, done)

    @admin.action(description=_("Send the selected changes back with a comment"), permissions=["change"])
    def send_back(self, request, queryset):
        form = RequestChangesForm(request.POST if "comment" in request.POST else None)
        if form.is_bound and form.is_valid():
            done = 0
            for revision in queryset.filter(state=RevisionState.PENDING).order_by("pk"):
                try:
                    decisions.send_back_revision(request.user, revision, form.cleaned_data["comment"])
                except (PermissionDenied, ValidationError) as error:
                    _refusal(self, request, error)
                    break
                done += 1
            self._decided(request, done)
            return None
        return render(
            request,
            "admin/portal/request_changes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send back with a comment"),
                "form": form,
                "records": queryset,
                "action": "send_back",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )
