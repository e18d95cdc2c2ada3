"""Reads of the awards area scoped to a user. Who may change what is `portal.selectors.can_change`."""

from django.db.models import QuerySet

from awards.models import AwardApplication, AwardResult
from portal import selectors


def applications_visible_to(user) -> QuerySet:
    """Working-group admins see every application; an active agency contact its own agency's; anyone else none."""
    qs = AwardApplication.objects.select_related("agency", "project", "edition__programme", "category")
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)


def results_inventory() -> QuerySet:
    """Every line of the results inventory (public: agencies, projects, categories; no contact appears)."""
    return AwardResult.objects.select_related("edition__programme", "category", "agency", "project")
