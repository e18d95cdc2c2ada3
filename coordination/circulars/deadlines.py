"""The circulars' deadlines: a sent circular with a reply date keeps a `circular.reply` deadline in the registry,
23:59 that day (or its reply time) in the circular's zone, addressed to the agencies that have not answered yet
(neither answered nor "nothing to report"). Answering re-syncs it, so only the others are reminded; once every
agency has answered it stays with an empty audience (no one is alerted). A draft or a withdrawn circular has none.
The page of each is the circular's page, without a language prefix."""

from django.utils.translation import gettext

from coordination.circulars.models import ANSWERED_STATES, Circular, CircularState
from portal.deadlines import DeadlineSpec, in_every_language, local_due, track
from portal.models import DeadlineKind


def circular_url(circular: Circular) -> str:
    return f"/coordination/circulars/{circular.pk}/"


def _title(circular: Circular) -> str:
    """The title in the active language, e.g. “BTK 2026/01 — reply to the circular: WSIS Prizes 2026”."""
    return gettext("%(reference)s — reply to the circular: %(subject)s") % {
        "reference": circular.reference,
        "subject": circular.subject,
    }


def waiting_agency_ids(circular: Circular) -> tuple[int, ...]:
    """The addressed agencies that have not answered yet, by primary key."""
    return tuple(
        circular.recipients.exclude(state__in=list(ANSWERED_STATES))
        .order_by("agency_id")
        .values_list("agency_id", flat=True)
    )


def specs_for(circular: Circular) -> list[DeadlineSpec]:
    if circular.state != CircularState.SENT or circular.reply_due_on is None:
        return []
    return [
        DeadlineSpec(
            kind=DeadlineKind.CIRCULAR_REPLY,
            due=local_due(circular.reply_due_on, circular.reply_due_time, circular.tz),
            tz=circular.tz,
            titles=in_every_language(lambda: _title(circular)),
            url=circular_url(circular),
            agencies=waiting_agency_ids(circular),
        )
    ]


def connect() -> None:
    track(Circular, specs_for)
