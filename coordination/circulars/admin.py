"""Back-office of the coordination area's circulars part: working-group admins only. Distribution lists are edited
here; a circular is written here and sent by the "send" action after a preview of its addressees (the rule of
sending is `services.send_circular`), or withdrawn. Recipient rows are written by sending and by the agencies'
answers, never typed here."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from coordination.circulars import selectors, services
from coordination.circulars.models import (
    Circular,
    CircularAttachment,
    CircularRecipient,
    CircularState,
    DistributionList,
    ReplyAttachment,
)
from portal.admin import WorkingGroupAdmin
from portal.languages import translated_fields
from portal.moments import format_moment


@admin.register(DistributionList)
class DistributionListAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "agency_count", "updated_at"]
    search_fields = ["slug", *translated_fields("name")]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["agencies"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agency_total=Count("agencies"))

    @admin.display(description=_("agencies"), ordering="agency_total")
    def agency_count(self, dlist):
        return dlist.agency_total


class CircularAttachmentInline(admin.TabularInline):
    model = CircularAttachment
    extra = 0
    fields = ["title", "file", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


class CircularRecipientInline(admin.TabularInline):
    """The addressed agencies and their answers, as sending and the agencies wrote them."""

    model = CircularRecipient
    extra = 0
    can_delete = False
    fields = ["agency", "state", "acknowledged_at", "answered_at", "answered_by", "late"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency", "answered_by")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Circular)
class CircularAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["reference", "subject", "sender", "dated_on", "reply_due_on", "visibility", "state", "answers"]
    list_filter = ["state", "visibility", "demo", "distribution_list"]
    list_select_related = ["sender", "distribution_list"]
    search_fields = ["reference", *translated_fields("subject"), *translated_fields("sender__name")]
    autocomplete_fields = ["sender", "award_edition", "funding_call", "event"]
    date_hierarchy = "dated_on"
    readonly_fields = [
        "state",
        "distribution_name",
        "sent_at",
        "sent_by",
        "withdrawn_at",
        "reply_due_shown",
        "recipients_link",
        "created_at",
        "updated_at",
    ]
    inlines = [CircularAttachmentInline, CircularRecipientInline]
    actions = ["send", "withdraw"]
    fieldsets = [
        (None, {"fields": ["reference", "dated_on", "sender", "subject", "body", "requested_action"]}),
        (_("Contact person"), {"fields": ["contact_name", "contact_role", "contact_email", "contact_phone"]}),
        (_("Reply deadline"), {"fields": ["reply_due_on", "reply_due_time", "tz", "reply_due_shown"]}),
        (_("What it is about"), {"fields": ["award_edition", "funding_call", "event"]}),
        (
            _("Distribution"),
            {"fields": ["visibility", "distribution_list", "state", "distribution_name", "recipients_link"]},
        ),
        (_("Record"), {"fields": ["demo", "sent_at", "sent_by", "withdrawn_at", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recipient_total=Count("recipients", distinct=True))

    @admin.display(description=_("addressees"), ordering="recipient_total")
    def answers(self, circular):
        return circular.recipient_total

    @admin.display(description=_("reply deadline"))
    def reply_due_shown(self, circular):
        due_at = circular.reply_due_at if circular and circular.pk else None
        return format_moment(due_at, circular.tz) if due_at else "—"

    @admin.display(description=_("recipients"))
    def recipients_link(self, circular):
        if circular is None or circular.pk is None:
            return "—"
        url = reverse("admin:coordination_circularrecipient_changelist") + f"?circular__id__exact={circular.pk}"
        link = format_html('<a href="{}">{}</a>', url, _("The addressed agencies and their answers"))
        if not circular.is_sent:
            return link
        dashboard = reverse("coordination:circular_dashboard", kwargs={"pk": circular.pk})
        return format_html('{} · <a href="{}">{}</a>', link, dashboard, _("Dashboard and reminder"))

    @admin.action(description=_("Send the selected circulars (after a preview)"), permissions=["change"])
    def send(self, request, queryset):
        """A page of its own shows each draft's addressees and how many contacts get the mail; confirming sends."""
        circulars = list(queryset.select_related("sender", "distribution_list").order_by("pk"))
        if request.POST.get("confirm") == "yes":
            sent = 0
            for circular in circulars:
                try:
                    count = services.send_circular(circular, request.user)
                except ValidationError as error:
                    self.message_user(request, f"{circular.reference}: {' '.join(error.messages)}", messages.ERROR)
                    continue
                sent += 1
                self.message_user(
                    request,
                    ngettext("%(circular)s sent to %(n)d agency.", "%(circular)s sent to %(n)d agencies.", count)
                    % {"circular": circular.reference, "n": count},
                    messages.SUCCESS,
                )
            return None
        previews = []
        for circular in circulars:
            dlist = circular.distribution_list
            agencies = list(dlist.agencies.order_by("slug")) if dlist else []
            contacts = selectors.distribution_contacts([a.pk for a in agencies]).count() if agencies else 0
            problem = ""
            if circular.state != CircularState.DRAFT:
                problem = _("Already sent: it will not be sent again.")
            elif dlist is None:
                problem = _("No distribution list: choose one on the circular first.")
            elif not agencies:
                problem = _("The distribution list has no agencies.")
            previews.append(
                {"circular": circular, "list": dlist, "agencies": agencies, "contacts": contacts, "problem": problem}
            )
        return render(
            request,
            "admin/coordination/send_circulars.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send circulars"),
                "previews": previews,
                "sendable": any(not p["problem"] for p in previews),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )

    @admin.action(description=_("Withdraw the selected circulars"), permissions=["change"])
    def withdraw(self, request, queryset):
        done = 0
        for circular in queryset.order_by("pk"):
            try:
                services.withdraw_circular(circular, request.user)
            except ValidationError as error:
                self.message_user(request, f"{circular.reference}: {' '.join(error.messages)}", messages.ERROR)
                continue
            done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(n)d circular withdrawn.", "%(n)d circulars withdrawn.", done) % {"n": done},
                messages.SUCCESS,
            )


class ReplyAttachmentInline(admin.TabularInline):
    model = ReplyAttachment
    extra = 0
    can_delete = False
    fields = ["title", "file", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CircularRecipient)
class CircularRecipientAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    """Who was addressed and how each answered: read here, written by sending and by the agencies' answers."""

    list_display = ["circular", "agency", "state", "acknowledged_at", "answered_at", "answered_by", "late"]
    list_filter = ["state", "late", "circular__state", "circular"]
    list_select_related = ["circular", "agency", "answered_by"]
    search_fields = ["circular__reference", *translated_fields("agency__name"), "agency__acronym"]
    fields = [
        "circular",
        "agency",
        "state",
        "acknowledged_at",
        "acknowledged_by",
        "answer",
        "answered_at",
        "answered_by",
        "late",
        "applications",
        "last_reminded_at",
    ]
    readonly_fields = fields
    inlines = [ReplyAttachmentInline]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
