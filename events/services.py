"""Writes of the events area: participations reported by agency contacts and published by the working group,
through the review workflow every reported record follows (portal/reviews.py)."""

from django.utils.translation import gettext_lazy as _

from events.models import EventParticipation
from portal.reviews import Refusals, publish_reported, save_reported, submit_reported

PARTICIPATIONS = Refusals(
    may_not_report=_("Only agency contacts and working-group admins may report participations."),
    not_yours=_("You may change only your own agency's participations."),
    only_own_agency=_("You may report participations only for your own agency."),
    choose_agency=_("Choose the agency that took part."),
    only_admins_publish=_("Only working-group admins publish participations."),
)


def save_participation(user, participation: EventParticipation, data: dict) -> EventParticipation:
    """Create or update a participation report (`portal.reviews.save_reported`)."""
    return save_reported(user, participation, data, PARTICIPATIONS)


def submit_participation(user, participation: EventParticipation) -> EventParticipation:
    return submit_reported(user, participation, PARTICIPATIONS)


def publish_participation(user, participation: EventParticipation) -> bool:
    """Publish a participation (working-group admins). False when it was already published."""
    return publish_reported(user, participation, PARTICIPATIONS)
