"""Back-office of the websites part: the agencies' English websites with the "check now" action (the worker checks
them once the request commits) and the `english-websites` import and export; the checks' history (read only);
the addresses the agencies' contacts propose, published to the agency here through the review workflow."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guides.websites import services
from guides.websites.models import EnglishWebsite, WebsiteCheck, WebsiteProposal
from portal.admin import WorkingGroupAdmin
from portal.admin_imports import InventoryImportExportMixin
from portal.admin_reviews import ReviewedAdmin
from portal.languages import translated_fields


class WebsiteCheckInline(admin.TabularInline):
    model = WebsiteCheck
    fields = ["checked_at", "url", "status", "final_url", "html_lang", "content_language", "outcome", "state", "error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-checked_at", "-pk")


@admin.register(EnglishWebsite)
class EnglishWebsiteAdmin(WorkingGroupAdmin, InventoryImportExportMixin, admin.ModelAdmin):
    """Each agency's published English-website entry; the working group corrects it here or imports it."""

    inventory_kind = "english-websites"
    list_display = [
        "name",
        "kind",
        "country",
        "english_website_url",
        "english_website_state",
        "english_website_checked_on",
    ]
    list_filter = ["english_website_state", "kind", "country"]
    search_fields = [*translated_fields("name"), "acronym", "slug", "english_website_url"]
    fields = ["name", "english_website_url", "english_website_state", "english_website_checked_on"]
    readonly_fields = ["name", "english_website_checked_on"]
    inlines = [WebsiteCheckInline]
    actions = ["check_now"]

    def has_add_permission(self, request):
        return False  # agencies are added as agencies

    def has_delete_permission(self, request, obj=None):
        return False

    def has_import_permission(self, request):
        """The import changes existing agencies' entries only (an unknown agency is an error): changing is enough."""
        return self.has_change_permission(request)

    @admin.action(description=_("Check the selected agencies' English websites now"), permissions=["change"])
    def check_now(self, request, queryset):
        """Stores the requests and starts the worker once they commit; a broker that is down leaves them for the
        next run (never an error page)."""
        try:
            count = services.request_checks(request.user, queryset)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(n)d English website will be checked shortly.",
                    "%(n)d English websites will be checked shortly.",
                    count,
                )
                % {"n": count},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("None of the selected agencies has an English-website address."), messages.INFO
            )


@admin.register(WebsiteCheck)
class WebsiteCheckAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    """What each check found (written by the checker only)."""

    list_display = [
        "agency",
        "checked_at",
        "url",
        "status",
        "html_lang",
        "content_language",
        "outcome",
        "state",
        "demo",
    ]
    list_select_related = ["agency"]
    list_filter = ["outcome", "state", "demo", "agency__kind"]
    search_fields = [*translated_fields("agency__name"), "agency__slug", "url"]
    date_hierarchy = "checked_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WebsiteProposal)
class WebsiteProposalAdmin(ReviewedAdmin, WorkingGroupAdmin, admin.ModelAdmin):
    """Addresses proposed by the agencies' contacts; publishing one makes it the agency's address."""

    list_display = ["agency", "url", "review_state", "updated_at"]
    list_select_related = ["agency"]
    list_filter = ["review_state"]
    search_fields = [*translated_fields("agency__name"), "agency__acronym", "url"]
    autocomplete_fields = ["agency"]

    def save_model(self, request, obj, form, change):
        """Through the same service as the pages, so the same rules apply."""
        services.save_proposal(request.user, obj, {})
