"""Factories of the coordination area's participation part: circulars sent to agencies and their recipient rows
(made directly, without the circulars' services), and invitations."""

import datetime as dt

from django.utils import timezone

from coordination.circulars.models import Circular, CircularRecipient, CircularState, RecipientState
from coordination.participation.models import AgencyInvitation
from tests.factories.portal import AgencyFactory

_references = iter(range(1, 1_000_000))


def coverage_circular(
    *, reply_due_on=None, reply_due_time=None, tz="Europe/Istanbul", sender=None, **fields
) -> Circular:
    """A circular in state sent, its reply deadline a local date (and time) in `tz`."""
    number = next(_references)
    return Circular.objects.create(
        reference=fields.pop("reference", f"E-{number}"),
        dated_on=fields.pop("dated_on", dt.date(2026, 1, 5)),
        sender=sender or AgencyFactory(slug=f"circular-sender-{number}"),
        subject=fields.pop("subject", f"Circular {number}"),
        reply_due_on=reply_due_on,
        reply_due_time=reply_due_time,
        tz=tz,
        state=fields.pop("state", CircularState.SENT),
        sent_at=fields.pop("sent_at", timezone.now()),
        **fields,
    )


def circular_recipient(circular, agency, state=RecipientState.PENDING, *, late=False) -> CircularRecipient:
    """The agency on the circular's distribution, in `state` (an answer gets its time)."""
    answered = state in (RecipientState.ANSWERED, RecipientState.NOTHING_TO_REPORT)
    return CircularRecipient.objects.create(
        circular=circular,
        agency=agency,
        state=state,
        late=late,
        answered_at=timezone.now() if answered else None,
        answer="Done." if state == RecipientState.ANSWERED else "",
    )


def agency_invitation(agency, *, days_ago: float = 0, by=None) -> AgencyInvitation:
    """An invitation recorded `days_ago` days ago (no mail: the record only)."""
    return AgencyInvitation.objects.create(
        agency=agency,
        email=agency.email or "info@agency.example",
        language="tr",
        sent_by=by,
        sent_at=timezone.now() - dt.timedelta(days=days_ago),
    )
