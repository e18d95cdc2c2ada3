"""Reads of a circular's dashboard (who answered, who is late): who may watch a circular's answers, its recipient
rows as the dashboard lists them, and the counts made from those very rows, so that they always match."""

import dataclasses

from django.db.models import Q, QuerySet
from django.utils import timezone

from coordination.circulars import selectors
from coordination.circulars.models import Circular, CircularRecipient, RecipientState
from portal.selectors import active_contact, is_working_group_admin

# The bucket of each row: every row is in exactly one, so the buckets add up to the rows.
ANSWERED_ON_TIME = "answered_on_time"
ANSWERED_LATE = "answered_late"
NOTHING_TO_REPORT = "nothing_to_report"
ACKNOWLEDGED = "acknowledged"
PENDING = "pending"
BUCKETS = (ANSWERED_ON_TIME, ANSWERED_LATE, NOTHING_TO_REPORT, ACKNOWLEDGED, PENDING)


def can_watch(user, circular: Circular) -> bool:
    """The one rule of reading every addressee's answer to a circular (the dashboard, its downloads, the reminder,
    the API's recipient rows): working-group admins and the active contacts of the sender agency."""
    if is_working_group_admin(user):
        return True
    contact = active_contact(user)
    return contact is not None and contact.agency_id == circular.sender_id


def bucket(row: CircularRecipient) -> str:
    """Which of `BUCKETS` the row counts in."""
    if row.state == RecipientState.ANSWERED:
        return ANSWERED_LATE if row.late else ANSWERED_ON_TIME
    if row.state == RecipientState.NOTHING_TO_REPORT:
        return NOTHING_TO_REPORT
    if row.state == RecipientState.ACKNOWLEDGED:
        return ACKNOWLEDGED
    return PENDING


def is_overdue(row: CircularRecipient, circular: Circular, now=None) -> bool:
    """A row still waiting for its answer (pending or acknowledged) once the reply deadline has passed."""
    due_at = circular.reply_due_at
    return due_at is not None and not row.has_answered and (now or timezone.now()) > due_at


@dataclasses.dataclass(frozen=True)
class Line:
    """A recipient row as the dashboard shows it."""

    row: CircularRecipient
    bucket: str
    overdue: bool


@dataclasses.dataclass(frozen=True)
class Counts:
    total: int
    answered_on_time: int
    answered_late: int
    nothing_to_report: int
    acknowledged: int
    pending: int
    overdue: int

    @property
    def answered(self) -> int:
        """Rows with an answer (on time, late, or nothing to report)."""
        return self.answered_on_time + self.answered_late + self.nothing_to_report

    @property
    def reply_rate(self) -> int:
        """The share of addressees that answered, in whole per cent (0 without addressees)."""
        return round(100 * self.answered / self.total) if self.total else 0

    def by_bucket(self) -> list[tuple[str, int]]:
        return [(name, getattr(self, name)) for name in BUCKETS]


def recipient_rows(circular: Circular) -> QuerySet:
    """The circular's recipient rows with their agencies, who acknowledged and answered, attachments and
    applications (a fixed number of queries whatever their number)."""
    return selectors.circular_recipients(circular).prefetch_related("applications__project")


def lines(circular: Circular, now=None) -> list[Line]:
    now = now or timezone.now()
    return [Line(row, bucket(row), is_overdue(row, circular, now)) for row in recipient_rows(circular)]


def counts(lines_: list[Line]) -> Counts:
    """The dashboard's counts, made from its rows."""
    per_bucket = dict.fromkeys(BUCKETS, 0)
    for line in lines_:
        per_bucket[line.bucket] += 1
    return Counts(total=len(lines_), overdue=sum(line.overdue for line in lines_), **per_bucket)


def readable_recipients(user) -> QuerySet:
    """Recipient rows `user` may read with their answers: every row for working-group admins; for an active agency
    contact, every row of the circulars its agency sent and its own agency's rows of the circulars that went out;
    nothing for anyone else (the public sees only a public circular's counts)."""
    qs = CircularRecipient.objects.select_related(
        "circular", "agency", "acknowledged_by", "answered_by"
    ).prefetch_related("attachments", "applications")
    if is_working_group_admin(user):
        return qs
    contact = active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(circular__state__in=selectors.OUT_STATES).filter(
        Q(circular__sender_id=contact.agency_id) | Q(agency_id=contact.agency_id)
    )
