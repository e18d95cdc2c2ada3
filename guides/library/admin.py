"""Back-office of the library: guides reviewed and published through the same workflow as on the pages (every
publication a new version), their versions read-only, their files checked by content; "publish as new version" and
"mark reviewed" act on the selected guides through the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from guides.library import services
from guides.library.models import Guide, GuideAttachment, GuideVersion
from portal.admin import WorkingGroupAdmin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields

VERSION_FIELDS = ["number", "title", "change_note", "published_at", "published_by"]


class GuideVersionInline(admin.TabularInline):
    """The versions as published: never typed, changed or deleted here."""

    model = GuideVersion
    extra = 0
    fields = VERSION_FIELDS
    readonly_fields = VERSION_FIELDS
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class GuideAttachmentInline(TranslationTabularInline):
    model = GuideAttachment
    extra = 0
    fields = ["kind", "title", "file", "language", "pending"]


class MarkReviewedForm(forms.Form):
    review_by = forms.DateField(
        label=_("Next review by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@admin.register(Guide)
class GuideAdmin(ReviewedAdmin, WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "agency", "review_state", "version", "review_by", "demo"]
    list_select_related = ["agency"]
    list_filter = ["review_state", "kind", "demo"]
    search_fields = ["slug", *translated_fields("title"), *translated_fields("agency__name"), "agency__acronym"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["award_programme", "award_edition", "fund_programme", "fund_call", "event", "circular"]
    readonly_fields = ["version", "languages", "last_reviewed_at"]
    inlines = [GuideAttachmentInline, GuideVersionInline]
    actions = ["publish", "request_changes", "publish_new_version", "mark_reviewed"]

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages: a published guide whose text changed is a new version."""
        services.save_guide(request.user, obj, {})

    @admin.action(description=_("Publish the selected guides as a new version"), permissions=["change"])
    def publish_new_version(self, request, queryset):
        done = unchanged = 0
        for guide in queryset.order_by("pk"):
            try:
                version = services.publish_guide(request.user, guide)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
                return
            if version is None:
                unchanged += 1
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(n)d new version published.", "%(n)d new versions published.", done) % {"n": done},
                messages.SUCCESS,
            )
        if unchanged:
            self.message_user(
                request,
                ngettext(
                    "%(n)d guide has not changed since its current version.",
                    "%(n)d guides have not changed since their current version.",
                    unchanged,
                )
                % {"n": unchanged},
                messages.INFO,
            )

    @admin.action(description=_("Mark the selected guides reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        """Asks for the next review-by date on a page of its own, then marks each guide reviewed."""
        form = MarkReviewedForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            guides = list(queryset.order_by("pk"))
            try:
                for guide in guides:
                    services.mark_reviewed(request.user, guide, form.cleaned_data["review_by"])
            except ValidationError as error:
                form.add_error("review_by", error.message_dict.get("review_by", error.messages))
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            else:
                done = len(guides)
                self.message_user(
                    request,
                    ngettext("%(n)d guide marked reviewed.", "%(n)d guides marked reviewed.", done) % {"n": done},
                    messages.SUCCESS,
                )
                return None
        return render(
            request,
            "admin/guides/mark_reviewed.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Mark reviewed"),
                "form": form,
                "records": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


@admin.register(GuideVersion)
class GuideVersionAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    """Versions as they were published: read-only."""

    list_display = ["guide", "number", "published_at", "published_by"]
    list_select_related = ["guide", "published_by"]
    search_fields = ["guide__slug", *translated_fields("title")]
    readonly_fields = [
        "guide",
        "number",
        *translated_fields("title", "summary", "body", "change_note"),
        "published_at",
        "published_by",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
