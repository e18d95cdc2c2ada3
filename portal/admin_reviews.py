"""The back-office side of the review workflow, the same for every reviewed kind: publish, or send back with a
comment the contact gets by mail (`portal.reviews`); the review fields are shown, never typed; the admin index
counts what waits for review."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal import reviews
from portal.forms import RequestChangesForm

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
