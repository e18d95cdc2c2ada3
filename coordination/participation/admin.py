"""Back-office of the coordination area's participation part: the invitations sent to agencies (a record, read
only: they are sent from the coverage report)."""

from django.contrib import admin

from coordination.participation.models import AgencyInvitation
from portal.admin import WorkingGroupAdmin


@admin.register(AgencyInvitation)
class AgencyInvitationAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    list_display = ["agency", "email", "language", "sent_at", "sent_by"]
    list_select_related = ["agency", "sent_by"]
    list_filter = ["language", "agency__kind"]
    search_fields = ["agency__slug", "agency__name", "email"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
