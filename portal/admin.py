"""Back-office for the core records; the same permission rule as pages and API."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from portal import mail, materials, partnerships, selectors, services
from portal.admin_reviews import ReviewedAdmin
from portal.alerts import sending
from portal.alerts.subscriptions import save_subscription
from portal.forms import SubscriptionAdminForm
from portal.languages import translated_fields
from portal.models import (
    SDG,
    ActionLine,
    Agency,
    AgencyDomain,
    AlertDelivery,
    Contact,
    Deadline,
    MailKind,
    OutboxMail,
    PlanningRun,
    Project,
    ProjectListing,
    ProjectPartner,
    PromoMaterial,
    Subscription,
    Theme,
    Topic,
)
from portal.models.outbox import SECRET_KINDS

admin.site.site_header = _("International Promotion Portal")
admin.site.site_title = _("Promotion Portal back-office")
admin.site.index_title = _("Working group back-office")
# The index counts what waits for review, per kind (portal/reviews/).
admin.site.index_template = "admin/portal/index.html"


@admin.register(ActionLine)
class ActionLineAdmin(TabbedTranslationAdmin):
    list_display = ["code", "title", "parent"]
    list_select_related = ["parent"]
    search_fields = ["code", *translated_fields("title")]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]


@admin.register(SDG)
class SDGAdmin(TabbedTranslationAdmin):
    list_display = ["number", "title"]
    search_fields = translated_fields("title")


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["slug", "title"]
    search_fields = ["slug", *translated_fields("title")]
    prepopulated_fields = {"slug": ["title_en"]}


class AgencyDomainInline(admin.TabularInline):
    model = AgencyDomain
    extra = 1


@admin.register(Agency)
class AgencyAdmin(TabbedTranslationAdmin):
    list_display = ["name", "acronym", "kind", "country", "email", "english_website_state", "parent"]
    list_select_related = ["parent"]
    list_filter = ["kind", "country", "english_website_state", "imported"]
    search_fields = [*translated_fields("name"), "acronym", "aliases", "slug", "email", "domains__domain"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["parent"]
    inlines = [AgencyDomainInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "agency", "language", "time_zone", "confirmed_at", "approved_at", "is_active"]
    list_select_related = ["agency"]
    list_filter = [
        "is_active",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("approved_at", admin.EmptyFieldListFilter),
        "language",
        "agency__kind",
    ]
    search_fields = ["name", "email", *translated_fields("agency__name"), "agency__acronym"]
    autocomplete_fields = ["agency", "user"]
    readonly_fields = ["confirmed_at", "approved_at", "created_at"]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected contacts and tell them by e-mail"), permissions=["change"])
    def approve(self, request, queryset):
        done = sum(services.approve_contact(contact, by=request.user) for contact in queryset)
        self.message_user(
            request,
            ngettext("%(n)d contact approved.", "%(n)d contacts approved.", done) % {"n": done},
            messages.SUCCESS,
        )


class ProjectListingInline(admin.TabularInline):
    model = ProjectListing
    extra = 0


class PromoMaterialInline(admin.TabularInline):
    """A material an admin adds here is published at once (`portal.materials`); one a contact added shows its
    review state, decided in the review queue or the materials' list."""

    model = PromoMaterial
    extra = 0
    fields = ["kind", "title", "file", "url", "review_state"]
    readonly_fields = ["review_state"]


class ProjectPartnerInline(admin.TabularInline):
    """A partner agency an admin names here is accepted at once; one a contact named waits for the agency's answer
    (or an admin's: the partnerships' list)."""

    model = ProjectPartner
    fk_name = "project"
    extra = 0
    fields = ["agency", "state", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    readonly_fields = ["state", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    autocomplete_fields = ["agency"]


@admin.register(Project)
class ProjectAdmin(ReviewedAdmin, TabbedTranslationAdmin):
    list_display = ["title", "agency", "status", "start_year", "review_state", "submitted_at", "published_at"]
    list_select_related = ["agency"]
    list_filter = ["review_state", "status", "imported", "agency__kind", "agency__country", "action_lines", "sdgs"]
    search_fields = [*translated_fields("title"), "slug", *translated_fields("agency__name"), "agency__acronym"]
    autocomplete_fields = ["agency"]
    filter_horizontal = ["action_lines", "sdgs", "themes"]
    inlines = [ProjectPartnerInline, ProjectListingInline, PromoMaterialInline]
    date_hierarchy = "submitted_at"

    def get_queryset(self, request):
        return selectors.projects_editable_by(request.user).select_related("agency")

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed if obj is None else allowed and selectors.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed if obj is None else allowed and selectors.can_change(request.user, obj)

    def save_model(self, request, obj, form, change):
        services.save_project(request.user, obj)

    def save_formset(self, request, form, formset, change):
        """Partners and materials through their services: what an admin names or adds here is accepted and
        published at once."""
        if formset.model is ProjectPartner:
            formset.save(commit=False)  # the formset's record of what changed, for the admin's history
            kept = [
                row.cleaned_data["agency"]
                for row in formset.forms
                if row.cleaned_data.get("agency") and not row.cleaned_data.get("DELETE")
            ]
            partnerships.propose_partners(request.user, form.instance, kept)
        elif formset.model is PromoMaterial:
            for material in formset.save(commit=False):
                if material.pk is None:
                    materials.add_material(request.user, form.instance, material)
                else:
                    materials.change_material(request.user, material)
            for material in formset.deleted_objects:
                material.delete()
        else:
            super().save_formset(request, form, formset, change)


# --- Deadlines and alerts -------------------------------------------------------------------------


class WorkingGroupAdmin:
    """Working-group admins only, whatever other staff permissions say (the areas' back-office: programmes,
    calls, results, grants…)."""

    def has_module_permission(self, request):
        return selectors.is_working_group_admin(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return selectors.is_working_group_admin(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return selectors.is_working_group_admin(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return selectors.is_working_group_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return selectors.is_working_group_admin(request.user) and super().has_delete_permission(request, obj)


class WorkingGroupOnly(WorkingGroupAdmin):
    """Alert records hold contacts' personal data and drive the mail: working-group admins only, whatever other
    staff permissions say. Nobody adds them by hand: a subscription comes with a confirmed contact, a delivery
    from the planner, a deadline from its app's sync."""

    def has_add_permission(self, request):
        return False


class ReadOnly(WorkingGroupOnly):
    """Shown, never changed here: what the planner and the apps' sync write."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    """Partner agencies named on projects and their answers; an admin may accept or decline for the agency. They
    are named and removed on the project's page."""

    list_display = ["project", "agency", "state", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    list_select_related = ["project", "agency", "proposed_by", "decided_by"]
    list_filter = ["state"]
    search_fields = [*translated_fields("project__title"), "project__slug", "agency__slug", "agency__acronym"]
    fields = ["project", "agency", "state", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    readonly_fields = fields
    actions = ["accept", "decline"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, accept: bool):
        done = 0
        for partnership in queryset.order_by("pk"):
            try:
                partnerships.decide_partnership(request.user, partnership, accept=accept)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
                return
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d partnership answered.", "%(n)d partnerships answered.", done) % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Accept the selected partnerships for the partner agency"), permissions=["change"])
    def accept(self, request, queryset):
        self._decide(request, queryset, accept=True)

    @admin.action(description=_("Decline the selected partnerships for the partner agency"), permissions=["change"])
    def decline(self, request, queryset):
        self._decide(request, queryset, accept=False)


@admin.register(PromoMaterial)
class PromoMaterialAdmin(ReviewedAdmin, WorkingGroupAdmin, admin.ModelAdmin):
    """Promotional materials: those a contact added to a published project wait here and in the review queue to be
    published or sent back. They are added on the project's page."""

    list_display = ["title", "kind", "project", "agency", "review_state", "submitted_at", "published_at"]
    list_select_related = ["project", "agency"]
    list_filter = ["review_state", "kind"]
    search_fields = ["title", "project__slug", *translated_fields("project__title")]
    fields = ["project", "agency", "kind", "title", "file", "url", "review_state", "review_comment"]
    readonly_fields = ["project", "agency"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        materials.change_material(request.user, obj)


class PausedFilter(admin.SimpleListFilter):
    title = _("paused")
    parameter_name = "paused"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(paused_at__isnull=self.value() == "no")
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(WorkingGroupOnly, admin.ModelAdmin):
    form = SubscriptionAdminForm
    list_display = ["contact", "agency", "topic_list", "lead_list", "delivery", "is_paused"]
    list_select_related = ["contact__agency"]
    list_filter = ["delivery", PausedFilter]
    search_fields = ["contact__name", "contact__email"]
    fields = ["contact", "topics", "lead_days", "delivery", "digest_hour", "paused", "last_digest_on", "updated_at"]
    readonly_fields = ["contact", "last_digest_on", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("leads")

    @admin.display(description=_("agency"), ordering="contact__agency__slug")
    def agency(self, obj):
        return obj.contact.agency

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return ", ".join(str(Topic(code).label) for code in obj.topics)

    @admin.display(description=_("lead times (days)"))
    def lead_list(self, obj):
        return ", ".join(str(days) for days in obj.lead_days)

    @admin.display(description=_("paused"), boolean=True, ordering="paused_at")
    def is_paused(self, obj):
        return obj.is_paused

    def save_model(self, request, obj, form, change):
        save_subscription(obj, **form.service_values())


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(WorkingGroupOnly, admin.ModelAdmin):
    """Every alert and its state, read-only: the planner writes the rows, the sender their state. Deleting stays
    possible, as deleting a contact takes its alerts along, but not in bulk: a deleted alert whose window is
    still open is planned and sent again."""

    list_display = ["contact", "deadline", "lead_days", "due_at", "state", "attempts", "sent_at", "error"]
    list_select_related = ["contact__agency", "deadline"]
    list_filter = ["state", "deadline__topic"]
    search_fields = ["contact__email", *translated_fields("deadline__title")]
    date_hierarchy = "planned_at"
    actions = ["send_again"]

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_send_again_permission(self, request):
        return selectors.is_working_group_admin(request.user) and request.user.has_perm("portal.change_alertdelivery")

    @admin.display(description=_("error"))
    def error(self, obj):
        return Truncator(obj.last_error).chars(80)

    @admin.action(description=_("Send the selected failed alerts again"), permissions=["send_again"])
    def send_again(self, request, queryset):
        done = sending.send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(n)d failed alert will be sent again within a few minutes.",
                "%(n)d failed alerts will be sent again within a few minutes.",
                done,
            )
            % {"n": done},
            messages.SUCCESS,
        )
        others = len(queryset) - done
        if others:
            self.message_user(
                request,
                ngettext(
                    "%(n)d selected alert had not failed and was left as it was.",
                    "%(n)d selected alerts had not failed and were left as they were.",
                    others,
                )
                % {"n": others},
                messages.WARNING,
            )


class MailKindFilter(admin.SimpleListFilter):
    """The kinds of mail by name (the field itself takes no choices: a new kind needs no migration)."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return MailKind.choices

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnly, admin.ModelAdmin):
    """Every mail other than the alerts and its state, read-only: services queue the rows, the sender writes their
    state. A failed one can be sent again."""

    list_display = [
        "created_at",
        "kind_name",
        "recipient",
        "language",
        "subject",
        "state",
        "attempts",
        "sent_at",
        "error",
    ]
    list_filter = ["state", MailKindFilter, "language"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "kind_name",
        "recipient",
        "language",
        "subject",
        "text",
        "headers",
        "state",
        "attempts",
        "not_before",
        "claimed_at",
        "sent_at",
        "last_error",
        "message_id",
        "created_at",
    ]
    readonly_fields = fields

    def get_fields(self, request, obj=None):
        if obj is not None and obj.kind in SECRET_KINDS:
            return [field for field in self.fields if field != "text"]  # its link would open the account
        return self.fields

    def has_send_again_permission(self, request):
        return selectors.is_working_group_admin(request.user) and request.user.has_perm("portal.change_outboxmail")

    @admin.display(description=_("kind"), ordering="kind")
    def kind_name(self, obj):
        return obj.kind_label

    @admin.display(description=_("error"))
    def error(self, obj):
        return Truncator(obj.last_error).chars(80)

    @admin.action(description=_("Send the selected failed mails again"), permissions=["send_again"])
    def send_again(self, request, queryset):
        done = mail.send_again(queryset)
        self.message_user(
            request,
            ngettext(
                "%(n)d failed mail will be sent again within a few minutes.",
                "%(n)d failed mails will be sent again within a few minutes.",
                done,
            )
            % {"n": done},
            messages.SUCCESS,
        )
        others = len(queryset) - done
        if others:
            self.message_user(
                request,
                ngettext(
                    "%(n)d selected mail had not failed and was left as it was.",
                    "%(n)d selected mails had not failed and were left as they were.",
                    others,
                )
                % {"n": others},
                messages.WARNING,
            )


@admin.register(Deadline)
class DeadlineAdmin(ReadOnly, TabbedTranslationAdmin):
    """The deadline registry. Its rows are kept in sync by the apps (`portal.deadlines`), so they are only shown
    here: a change made by hand would be overwritten at the next save of its source."""

    list_display = ["title", "kind", "topic", "due_at", "tz", "tentative", "withdrawn_at", "sequence"]
    list_filter = ["topic", "kind", "tentative", ("withdrawn_at", admin.EmptyFieldListFilter)]
    search_fields = translated_fields("title")
    date_hierarchy = "due_at"
    exclude = ["content_type", "object_id"]


@admin.register(PlanningRun)
class PlanningRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["finished_at", "planned", "cancelled", "reaped"]
