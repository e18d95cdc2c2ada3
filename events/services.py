"""Writes of the events area: participations reported by agency contacts and published by the working group,
through the review workflow every reported record follows (portal/reviews/)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import EventParticipation
from portal import reviews
from portal.reviews import Refusals, ReviewedKind

PARTICIPATIONS = Refusals(
    may_not_report=_("Only agency contacts and working-group admins may report participations."),
    not_yours=_("You may change only your own agency's participations."),
    only_own_agency=_("You may report participations only for your own agency."),
    choose_agency=_("Choose the agency that took part."),
    only_admins_publish=_("Only working-group admins publish participations."),
)
# Participations in the review workflow: the mails link to the participation's report form.
PARTICIPATION_REVIEW = ReviewedKind(
    EventParticipation,
    PARTICIPATIONS,
    edit_url=lambda participation: reverse("events:participation_edit", args=[participation.pk]),
    related=("event",),
)


def save_participation(user, participation: EventParticipation, data: dict) -> EventParticipation:
    """Create or update a participation report (`portal.reviews.save_reported`)."""
    return reviews.save_reported(user, participation, data)


def submit_participation(user, participation: EventParticipation) -> EventParticipation:
    return reviews.submit_reported(user, participation)


def publish_participation(user, participation: EventParticipation) -> bool:
    """Publish a participation (working-group admins). False when it was already published."""
    return reviews.publish_reported(user, participation)
