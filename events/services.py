"""Writes of the events area: participations reported by agency contacts and published by the working group."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.models import EventParticipation, ParticipationState
from portal import selectors as portal_selectors

NOT_YOURS = _("You may change only your own agency's participations.")


@transaction.atomic
def save_participation(user, participation: EventParticipation, data: dict) -> EventParticipation:
    """Create or update `participation` with `data` (model field → value) as `user`, under the one rule of
    `portal.selectors.can_change` for the participation as it was and as it becomes. A contact's is its own
    agency's and stays a draft (or goes back to draft when a submitted or published one is changed); a
    working-group admin chooses the agency and sets any state."""
    contact = portal_selectors.active_contact(user)
    admin = portal_selectors.is_working_group_admin(user)
    if participation.pk is None:
        if not selectors.can_report_participations(user):
            raise PermissionDenied(_("Only agency contacts and working-group admins may report participations."))
        participation.reported_by = user
    elif not portal_selectors.can_change(user, EventParticipation.objects.get(pk=participation.pk)):
        raise PermissionDenied(NOT_YOURS)
    for field, value in data.items():
        if field == "state" and not admin:
            continue
        setattr(participation, field, value)
    if not admin:
        if contact is not None:
            participation.agency = contact.agency
        if participation.pk is not None and participation.state != ParticipationState.DRAFT:
            participation.state = ParticipationState.DRAFT  # changed after submission: reviewed again
    if not participation.agency_id:
        raise ValidationError({"agency": _("Choose the agency that took part.")})
    if not portal_selectors.can_change(user, participation):
        raise PermissionDenied(_("You may report participations only for your own agency."))
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def submit_participation(user, participation: EventParticipation) -> EventParticipation:
    """A draft goes to the working group for review."""
    if not portal_selectors.can_change(user, participation):
        raise PermissionDenied(NOT_YOURS)
    if participation.state != ParticipationState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."), code="not_draft")
    participation.state = ParticipationState.SUBMITTED
    participation.save(update_fields=["state", "updated_at"])
    return participation


@transaction.atomic
def publish_participation(user, participation: EventParticipation) -> bool:
    """Publish a participation (working-group admins). False when it was already published."""
    if not (portal_selectors.is_working_group_admin(user) and user.has_perm("events.change_eventparticipation")):
        raise PermissionDenied(_("Only working-group admins publish participations."))
    participation = EventParticipation.objects.select_for_update().get(pk=participation.pk)
    if participation.state == ParticipationState.PUBLISHED:
        return False
    participation.state = ParticipationState.PUBLISHED
    participation.save(update_fields=["state", "updated_at"])
    return True
