"""Writes of the funds area: grants reported by agency contacts and published by the working group, and
invitations of eligible agencies to a call."""

import dataclasses
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funds import deadlines, selectors
from funds.models import CallState, FundingCall, FundInvitation, Grant, GrantState
from portal import selectors as portal_selectors
from portal.tasks import alerts_tick


@transaction.atomic
def save_grant(user, grant: Grant, data: dict) -> Grant:
    """Create or update `grant` with `data` (model field → value) as `user`, under the one rule of
    `portal.selectors.can_change` for the grant as it was and as it becomes. A contact's grant is its own
    agency's and stays a draft (or goes back to draft when a published one is changed); a working-group admin
    sets any state."""
    contact = portal_selectors.active_contact(user)
    admin = portal_selectors.is_working_group_admin(user)
    if grant.pk is None:
        if not selectors.can_report_grants(user):
            raise PermissionDenied(_("Only agency contacts and working-group admins may report grants."))
        grant.reported_by = user
    elif not portal_selectors.can_change(user, Grant.objects.get(pk=grant.pk)):
        raise PermissionDenied(_("You may change only your own agency's grants."))
    for field, value in data.items():
        if field == "state" and not admin:
            continue
        setattr(grant, field, value)
    if not admin:
        if contact is not None:
            grant.agency = contact.agency
        if grant.pk is not None and grant.state != GrantState.DRAFT:
            grant.state = GrantState.DRAFT  # changed after submission: reviewed again
    if not grant.agency_id:
        raise ValidationError({"agency": _("Choose the agency that received the grant.")})
    if not portal_selectors.can_change(user, grant):
        raise PermissionDenied(_("You may report grants only for your own agency."))
    grant.full_clean()
    grant.save()
    return grant


@transaction.atomic
def submit_grant(user, grant: Grant) -> Grant:
    """A draft goes to the working group for review."""
    if not portal_selectors.can_change(user, grant):
        raise PermissionDenied(_("You may change only your own agency's grants."))
    if grant.state != GrantState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."), code="not_draft")
    grant.state = GrantState.SUBMITTED
    grant.save(update_fields=["state", "updated_at"])
    return grant


@transaction.atomic
def publish_grant(user, grant: Grant) -> bool:
    """Publish a grant in the inventory (working-group admins). False when it was already published."""
    if not (portal_selectors.is_working_group_admin(user) and user.has_perm("funds.change_grant")):
        raise PermissionDenied(_("Only working-group admins publish grants."))
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if grant.state == GrantState.PUBLISHED:
        return False
    grant.state = GrantState.PUBLISHED
    grant.save(update_fields=["state", "updated_at"])
    return True


@dataclasses.dataclass
class Invited:
    agencies: int = 0
    unchanged: int = 0


@transaction.atomic
def invite_eligible_agencies(call: FundingCall, user=None, now: dt.datetime | None = None) -> Invited:
    """Tell the contacts of every agency eligible for `call` (funds.selectors.eligible_agencies): one notice per
    agency (`fund.suggestion`), sent once through the alerts soon after this transaction commits. Refused for a
    cancelled or closed call."""
    if call.state == CallState.CANCELLED:
        raise ValidationError(_("%(call)s is cancelled."), code="cancelled", params={"call": call})
    if call.deadline_at <= (now or timezone.now()):
        raise ValidationError(_("%(call)s is closed."), code="closed", params={"call": call})
    result = Invited()
    existing = set(call.invitations.values_list("agency_id", flat=True))
    for agency, _eligibility in selectors.eligible_agencies(call):
        if agency.pk in existing:
            result.unchanged += 1
            continue
        invitation = FundInvitation.objects.create(call=call, agency=agency, invited_by=user)
        deadlines.sync_invitation(invitation)
        result.agencies += 1
    if result.agencies:
        transaction.on_commit(alerts_tick.delay)
    return result
