"""Back-office of the awards area: working-group admins only, whatever other staff permissions say."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from awards import services
from awards.models import (
    AwardApplication,
    AwardCategory,
    AwardEdition,
    AwardInvitation,
    AwardProgramme,
    AwardResult,
)
from portal.admin import WorkingGroupAdmin
from portal.admin_imports import InventoryImportExportMixin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields


class CategoryInline(WorkingGroupAdmin, TranslationTabularInline):
    model = AwardCategory
    extra = 0
    fields = ["code", "title", "position"]
    show_change_link = True


class EditionInline(WorkingGroupAdmin, TranslationTabularInline):
    model = AwardEdition
    extra = 0
    fields = ["year", "nomination_opens", "nomination_deadline", "tz", "ceremony_on", "tentative"]
    show_change_link = True


@admin.register(AwardProgramme)
class AwardProgrammeAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "organiser", "frequency"]
    list_filter = ["frequency"]
    search_fields = ["slug", "acronym", "aliases", *translated_fields("name")]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["themes"]
    inlines = [CategoryInline, EditionInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is AwardEdition:  # an edition no longer tentative has no text left to confirm
            for edition in formset.new_objects + [obj for obj, _changed in formset.changed_objects]:
                services.settle_texts_to_confirm(edition)


@admin.register(AwardCategory)
class AwardCategoryAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["code", "title", "programme", "position"]
    list_select_related = ["programme"]
    list_filter = ["programme", "action_lines", "sdgs"]
    search_fields = ["code", "aliases", *translated_fields("title")]
    filter_horizontal = ["action_lines", "sdgs", "themes"]


class TextsToConfirmFilter(admin.SimpleListFilter):
    title = _("texts to confirm")
    parameter_name = "to_confirm"

    def lookups(self, request, model_admin):
        return [("yes", _("Waiting for a curator")), ("no", _("Confirmed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(texts_to_confirm={})
        if self.value() == "no":
            return queryset.filter(texts_to_confirm={})
        return queryset


class AwardEditionForm(forms.ModelForm):
    """The edition's fields (given by the admin) and the curator's confirmation of the texts carried over."""

    confirm_texts = forms.BooleanField(
        label=_("The texts to confirm are right"),
        required=False,
        help_text=_(
            "Tick once you have checked the texts above against the organiser's announcement. A text you edit, "
            "or an edition no longer tentative, needs no confirmation."
        ),
    )


@admin.register(AwardEdition)
class AwardEditionAdmin(WorkingGroupAdmin, TabbedTranslationAdmin):
    """A proposed edition's texts that name a year (`texts_to_confirm`) are listed first on its page, with the
    previous edition's text, until the curator confirms or edits them."""

    form = AwardEditionForm
    readonly_fields = ["proposed_texts"]
    list_display = ["__str__", "year", "nomination_deadline", "tz", "ceremony_on", "tentative", "texts_confirmed"]
    list_select_related = ["programme"]
    list_filter = ["programme", "year", "tentative", TextsToConfirmFilter]
    search_fields = ["programme__slug", "programme__acronym", *translated_fields("programme__name")]
    autocomplete_fields = ["programme"]
    date_hierarchy = "nomination_deadline"
    actions = ["propose_next", "invite_matching"]

    def get_fieldsets(self, request, obj=None):
        confirming = ("proposed_texts", "confirm_texts")
        fieldsets = [
            (name, {**options, "fields": [field for field in options["fields"] if field not in confirming]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not obj.texts_to_confirm:
            return fieldsets
        to_confirm = {
            "fields": list(confirming),
            "description": _(
                "This edition was proposed from the previous one. These texts named a year: the previous "
                "edition's year was replaced by this one's. Check them before the edition is shown as confirmed."
            ),
        }
        return [(_("Texts to confirm"), to_confirm), *fieldsets]

    @admin.display(description=_("texts confirmed"), boolean=True)
    def texts_confirmed(self, obj):
        return not obj.texts_to_confirm

    @admin.display(description=_("texts to confirm"))
    def proposed_texts(self, obj):
        lines = [
            (
                AwardEdition._meta.get_field(column).verbose_name,
                _("“%(text)s”, carried over from “%(previous)s”")
                % {"text": getattr(obj, column, ""), "previous": previous}
                if getattr(obj, column, "") != previous
                else _("“%(text)s”, as the previous edition said") % {"text": previous},
            )
            for column, previous in (obj.texts_to_confirm or {}).items()
        ]
        return format_html(
            '<ul class="texts-to-confirm">{}</ul>', format_html_join("", '<li dir="auto">{}: {}</li>', lines)
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.settle_texts_to_confirm(
            obj, edited=form.changed_data, confirmed=form.cleaned_data.get("confirm_texts", False)
        )

    @admin.action(description=_("Propose a tentative edition for the next year"), permissions=["add"])
    def propose_next(self, request, queryset):
        done = 0
        for edition in queryset.select_related("programme").order_by("programme", "year"):
            try:
                services.propose_next_edition(edition)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(n)d tentative edition proposed.", "%(n)d tentative editions proposed.", done) % {"n": done},
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Invite the agencies of matching projects (one alert to each agency's contacts)"),
        permissions=["change"],
    )
    def invite_matching(self, request, queryset):
        for edition in queryset.select_related("programme").order_by("programme", "year"):
            try:
                invited = services.invite_matching_agencies(edition, request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                _("%(edition)s: %(new)d agencies invited, %(updated)d invitations updated, %(same)d unchanged.")
                % {"edition": edition, "new": invited.agencies, "updated": invited.updated, "same": invited.unchanged},
                messages.SUCCESS,
            )


@admin.register(AwardInvitation)
class AwardInvitationAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    """Invitations are made by the editions' action; here they are read, or deleted (which withdraws the
    alert not yet sent)."""

    list_display = ["edition", "agency", "invited_by", "created_at"]
    list_select_related = ["edition__programme", "agency", "invited_by"]
    list_filter = ["edition__programme", "edition__year"]
    search_fields = [*translated_fields("agency__name"), "agency__acronym"]
    readonly_fields = ["edition", "agency", "projects", "invited_by", "created_at", "updated_at"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VerifiedFilter(admin.SimpleListFilter):
    title = _("verified")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", _("Verified")), ("no", _("Waiting for verification"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(verified_at__isnull=self.value() == "no")
        return queryset


@admin.register(AwardResult)
class AwardResultAdmin(WorkingGroupAdmin, InventoryImportExportMixin, TabbedTranslationAdmin):
    """The results inventory; its Import and Export buttons read and write the file of `import_inventory
    award-results` through the shared mechanism (portal/admin_imports.py). A result an agency reported is private
    until verified against its evidence (the action); one entered here is the working group's, verified at once."""

    inventory_kind = "award-results"
    list_display = ["edition", "category", "agency", "project", "outcome", "is_verified", "imported"]
    list_select_related = ["edition__programme", "category", "agency", "project"]
    list_filter = [
        VerifiedFilter,
        "outcome",
        "edition__programme",
        "edition__year",
        "imported",
        "agency__kind",
        "agency__country",
    ]
    search_fields = [*translated_fields("agency__name"), "agency__acronym", *translated_fields("project__title")]
    autocomplete_fields = ["edition", "category", "agency", "project"]
    readonly_fields = ["application", "verified_at", "verified_by"]
    actions = ["verify"]

    @admin.display(description=_("verified"), boolean=True, ordering="verified_at")
    def is_verified(self, obj):
        return obj.is_verified

    def save_model(self, request, obj, form, change):
        if not change:
            obj.verified_at, obj.verified_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Verify against the evidence"), permissions=["change"])
    def verify(self, request, queryset):
        """One by one through the service, as the review queue does; a result without evidence is refused."""
        done = already = 0
        for result in queryset.order_by("pk"):
            try:
                changed = services.verify_result(request.user, result)
            except (PermissionDenied, ValidationError) as error:
                text = " ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"{result}: {text}", messages.ERROR)
                continue
            done += changed
            already += not changed
        if done:
            self.message_user(
                request,
                ngettext("%(n)d result verified.", "%(n)d results verified.", done) % {"n": done},
                messages.SUCCESS,
            )
        if already:
            self.message_user(
                request,
                ngettext("%(n)d result was already verified.", "%(n)d results were already verified.", already)
                % {"n": already},
                messages.INFO,
            )


@admin.register(AwardApplication)
class AwardApplicationAdmin(ReviewedAdmin, WorkingGroupAdmin, admin.ModelAdmin):
    list_display = ["edition", "category", "agency", "project", "state", "outcome", "review_state", "submitted_at"]
    list_select_related = ["edition__programme", "category", "agency", "project"]
    list_filter = ["review_state", "state", "edition__programme", "edition__year"]
    search_fields = [*translated_fields("agency__name"), "agency__acronym", *translated_fields("project__title")]
    autocomplete_fields = ["edition", "category", "agency", "project"]

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages and the API: a published won application records its result."""
        services.save_application(request.user, obj, {})
