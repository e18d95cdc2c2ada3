"""Writes of the funds area: grants reported by agency contacts and published by the working group, and
invitations of eligible agencies to a call."""

import dataclasses
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from funds import deadlines, selectors
from funds.models import CallState, FundingCall, FundInvitation, Grant
from portal import dispatch, reviews
from portal.reviews import Refusals, ReviewedKind
from portal.tasks import alerts_tick

GRANTS = Refusals(
    may_not_report=_("Only agency contacts and working-group admins may report grants."),
    not_yours=_("You may change only your own agency's grants."),
    only_own_agency=_("You may report grants only for your own agency."),
    choose_agency=_("Choose the agency that received the grant."),
    only_admins_publish=_("Only working-group admins publish grants."),
)


# Grants in the review workflow: the mails link to the grant's report form.
GRANT_REVIEW = ReviewedKind(
    Grant, GRANTS, edit_url=lambda grant: reverse("funds:report_edit", args=[grant.pk]), related=("funder",)
)


def save_grant(user, grant: Grant, data: dict) -> Grant:
    """Create or update a grant report (`portal.reviews.save_reported`)."""
    return reviews.save_reported(user, grant, data)


def submit_grant(user, grant: Grant) -> Grant:
    return reviews.submit_reported(user, grant)


def publish_grant(user, grant: Grant) -> bool:
    """Publish a grant in the inventory (working-group admins). False when it was already published."""
    return reviews.publish_reported(user, grant)


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
    if not selectors.is_open_or_upcoming(call, now):
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
        dispatch.after_commit(alerts_tick)
    return result
