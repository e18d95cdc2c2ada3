"""Back-office for the core records; the same permission rule as pages and API."""

from django.contrib import admin, messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from portal import selectors, services
from portal.forms import RequestChangesForm
from portal.languages import translated_fields
from portal.models import (
    SDG,
    ActionLine,
    Agency,
    AgencyDomain,
    Contact,
    Project,
    ProjectListing,
    PromoMaterial,
    Theme,
)

admin.site.site_header = _("International Promotion Portal")
admin.site.site_title = _("Promotion Portal back-office")
admin.site.index_title = _("Working group back-office")


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
    list_display = ["name", "acronym", "kind", "country", "english_website_state", "parent"]
    list_select_related = ["parent"]
    list_filter = ["kind", "country", "english_website_state"]
    search_fields = [*translated_fields("name"), "acronym", "slug", "domains__domain"]
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
    model = PromoMaterial
    extra = 0


@admin.register(Project)
class ProjectAdmin(TabbedTranslationAdmin):
    list_display = ["title", "agency", "status", "start_year", "moderation_state", "submitted_at", "published_at"]
    list_select_related = ["agency"]
    list_filter = ["moderation_state", "status", "agency__kind", "agency__country", "action_lines", "sdgs"]
    search_fields = [*translated_fields("title"), "slug", *translated_fields("agency__name"), "agency__acronym"]
    autocomplete_fields = ["agency", "partner_agencies"]
    filter_horizontal = ["action_lines", "sdgs", "themes"]
    readonly_fields = [
        "moderation_state",
        "submitted_by",
        "submitted_at",
        "published_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [ProjectListingInline, PromoMaterialInline]
    actions = ["publish", "request_changes"]
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

    @admin.action(description=_("Publish the selected projects"), permissions=["change"])
    def publish(self, request, queryset):
        done = sum(services.publish_project(request.user, project) for project in queryset)
        self.message_user(
            request,
            ngettext("%(n)d project published.", "%(n)d projects published.", done) % {"n": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Request changes on the selected projects (with a comment)"), permissions=["change"])
    def request_changes(self, request, queryset):
        form = RequestChangesForm(request.POST if "comment" in request.POST else None)
        if form.is_bound and form.is_valid():
            for project in queryset:
                services.request_changes(request.user, project, form.cleaned_data["comment"])
            self.message_user(
                request,
                ngettext(
                    "Changes requested on %(n)d project.", "Changes requested on %(n)d projects.", queryset.count()
                )
                % {"n": queryset.count()},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/portal/request_changes.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Request changes"),
                "form": form,
                "projects": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )
