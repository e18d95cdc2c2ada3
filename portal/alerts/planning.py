"""Planning the alerts: a scan (a beat task every few minutes), never an ETA.

Windows. The window of a lead time of L days opens at 00:00, in the deadline's own zone, on the calendar
day L days before the deadline's date (so "1 day" is the whole day before, on a DST-change day too, and
"0 days" is the day itself). A window stays open until the deadline passes.

For each upcoming deadline one INSERT … SELECT adds a delivery for every contact that should hear of it, choosing
per contact the most urgent open window (the smallest lead time L whose window is open), unless an alert as
urgent or more was already planned for the same due time. The unique key (contact, deadline, lead_days, due_at)
makes planning twice, or from two processes at once, harmless. Moving a deadline changes its due time: what was
not sent for the old time is cancelled and the new time is planned afresh; withdrawing or passing it cancels
what is unsent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from portal.alerts import queue
from portal.models import (
    AlertDelivery,
    Audience,
    Contact,
    Deadline,
    DeadlineKind,
    DeliveryState,
    OutboxMail,
    PlanningRun,
    Subscription,
    SubscriptionLead,
)
from portal.models.alerts import MAX_LEAD_DAYS
from portal.models.deadlines import NOTICE_KINDS
from portal.moments import days_before


def window_opens(due_at: dt.datetime, tz: str, lead_days: int) -> dt.datetime:
    """When the window of `lead_days` opens: 00:00 in `tz` on the day `lead_days` before the due date."""
    zone = ZoneInfo(tz)
    day = due_at.astimezone(zone).date() - dt.timedelta(days=lead_days)
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)


@dataclasses.dataclass
class PlanResult:
    planned: int = 0
    cancelled: int = 0
    reaped: int = 0


def reap(now: dt.datetime | None = None) -> int:
    """Return rows stuck in "sending" (their worker died) to "pending": alerts and outbox mail alike."""
    now = now or timezone.now()
    return queue.reap(AlertDelivery, now) + queue.reap(OutboxMail, now)


def cancel_stale(now: dt.datetime | None = None) -> int:
    """Cancel unsent alerts of deadlines withdrawn, passed or moved (a moved one is planned again), and those of
    deadlines addressed to agencies whose contact's agency is no longer named (it answered a circular)."""
    now = now or timezone.now()
    named = Deadline.agencies.through.objects.filter(
        deadline_id=OuterRef("deadline_id"), agency_id=OuterRef("contact__agency_id")
    )
    stale = (
        Q(deadline__withdrawn_at__isnull=False)
        | Q(deadline__due_at__lte=now)
        | ~Q(due_at=F("deadline__due_at"))
        | (Q(deadline__audience=Audience.AGENCIES) & ~Exists(named))
    )
    return (
        AlertDelivery.objects.filter(state=DeliveryState.PENDING)
        .filter(stale)
        .update(state=DeliveryState.CANCELLED, not_before=None, claim="")
    )


def _plan_sql() -> str:
    delivery = AlertDelivery._meta.db_table
    # The alerts already planned are read once, before the insert. A NOT EXISTS on the table itself, planned
    # while the table is empty, becomes a scan of the table per contact, and the table grows as the statement
    # inserts: 100 s instead of 2 for 100,000 contacts (bench/alerts.py).
    materialized = "MATERIALIZED" if connection.vendor == "postgresql" else ""
    # Table names come from the models, values are parameters.
    return f"""
        WITH planned AS {materialized} (
            SELECT contact_id, lead_days FROM {delivery}
            WHERE deadline_id = %(deadline)s AND due_at = %(due_at)s AND state <> 'cancelled'
        )
        INSERT INTO {delivery}
            (contact_id, deadline_id, lead_days, due_at, state, attempts, last_error, planned_at, claim, message_id)
        SELECT x.contact_id, %(deadline)s, x.lead, %(due_at)s, 'pending', 0, '', %(now)s, '', ''
        FROM (
            SELECT s.contact_id AS contact_id, MIN(l.days) AS lead
            FROM {Subscription._meta.db_table} s
            JOIN {SubscriptionLead._meta.db_table} l ON l.subscription_id = s.id
            JOIN {Contact._meta.db_table} c ON c.id = s.contact_id
            WHERE l.days >= %(threshold)s
              AND s.paused_at IS NULL
              AND c.is_active
              AND c.confirmed_at IS NOT NULL
              AND c.approved_at IS NOT NULL
              AND {{audience}}
            GROUP BY s.contact_id
        ) x
        WHERE NOT EXISTS (SELECT 1 FROM planned p WHERE p.contact_id = x.contact_id AND p.lead_days <= x.lead)
        ON CONFLICT (contact_id, deadline_id, lead_days, due_at) DO UPDATE
            SET state = 'pending', planned_at = excluded.planned_at, attempts = 0, last_error = '', claim = ''
            WHERE {delivery}.state = 'cancelled'
    """  # noqa: S608


def _audience_sql(deadline: Deadline) -> tuple[str, dict]:
    if deadline.audience == Audience.AGENCIES:
        through = Deadline.agencies.through._meta.db_table
        return f"c.agency_id IN (SELECT agency_id FROM {through} WHERE deadline_id = %(deadline)s)", {}  # noqa: S608
    return "s.topics LIKE %(topic)s", {"topic": f"%{deadline.topic}%"}


def upcoming_for_planning(now: dt.datetime):
    """Open deadlines whose earliest possible window (90 days) may have opened, and every open notice."""
    horizon = now + dt.timedelta(days=MAX_LEAD_DAYS + 2)
    return Deadline.objects.filter(
        Q(due_at__lte=horizon) | Q(kind__in=NOTICE_KINDS), withdrawn_at__isnull=True, due_at__gt=now
    ).only("pk", "kind", "due_at", "tz", "topic", "audience")


def _notice_sql() -> str:
    delivery = AlertDelivery._meta.db_table
    # Table names come from the models, values are parameters.
    return f"""
        INSERT INTO {delivery}
            (contact_id, deadline_id, lead_days, due_at, state, attempts, last_error, planned_at, claim, message_id)
        SELECT s.contact_id, %(deadline)s, %(lead)s, %(due_at)s, 'pending', 0, '', %(now)s, '', ''
        FROM {Subscription._meta.db_table} s
        JOIN {Contact._meta.db_table} c ON c.id = s.contact_id
        WHERE s.paused_at IS NULL
          AND c.is_active
          AND c.confirmed_at IS NOT NULL
          AND c.approved_at IS NOT NULL
          AND {{audience}}
          AND NOT EXISTS (
              SELECT 1 FROM {delivery} d
              WHERE d.deadline_id = %(deadline)s AND d.contact_id = s.contact_id AND d.state <> 'cancelled'
          )
        ON CONFLICT (contact_id, deadline_id, lead_days, due_at) DO NOTHING
    """  # noqa: S608


def plan_notice(deadline: Deadline, now: dt.datetime) -> int:
    """A notice goes to each contact of its audience once, as soon as it exists: whatever their lead times, and
    not again when its date moves (an unsent one is planned again for the new date)."""
    audience, extra = _audience_sql(deadline)
    lead = min(max(days_before(deadline.due_at, deadline.tz, now), 0), MAX_LEAD_DAYS)
    params = {"deadline": deadline.pk, "due_at": deadline.due_at, "now": now, "lead": lead, **extra}
    with connection.cursor() as cursor:
        cursor.execute(_notice_sql().replace("{audience}", audience), params)
        return max(cursor.rowcount, 0)


def plan_deadline(deadline: Deadline, now: dt.datetime) -> int:
    """Insert the deliveries `deadline` needs now; returns how many rows were added (or revived)."""
    if deadline.due_at <= now:
        return 0
    if DeadlineKind(deadline.kind).is_notice:
        return plan_notice(deadline, now)
    threshold = days_before(deadline.due_at, deadline.tz, now)
    if threshold > MAX_LEAD_DAYS:
        return 0
    audience, extra = _audience_sql(deadline)
    params = {"deadline": deadline.pk, "due_at": deadline.due_at, "now": now, "threshold": max(threshold, 0), **extra}
    with connection.cursor() as cursor:
        cursor.execute(_plan_sql().replace("{audience}", audience), params)
        return max(cursor.rowcount, 0)


def cancel_superseded(deadline: Deadline, now: dt.datetime) -> int:
    """Cancel a deadline's unsent alerts that a more urgent one for the same contact and due time replaced
    (sending was down, or a digest was waiting): the contact hears of the deadline once, not once per window."""
    more_urgent = AlertDelivery.objects.filter(
        contact=OuterRef("contact"),
        deadline=OuterRef("deadline"),
        due_at=OuterRef("due_at"),
        lead_days__lt=OuterRef("lead_days"),
    ).exclude(state=DeliveryState.CANCELLED)
    return (
        # Rows planned by this run are the most urgent ones: only older rows can have been replaced.
        AlertDelivery.objects.filter(
            deadline=deadline, due_at=deadline.due_at, state=DeliveryState.PENDING, planned_at__lt=now
        )
        .filter(Exists(more_urgent))
        .update(state=DeliveryState.CANCELLED, not_before=None, claim="")
    )


def plan(now: dt.datetime | None = None) -> PlanResult:
    """One planning run: free stuck rows, cancel stale ones, plan every upcoming deadline, note the run."""
    now = now or timezone.now()
    result = PlanResult()
    with transaction.atomic():
        result.reaped = reap(now)
        result.cancelled = cancel_stale(now)
    for deadline in upcoming_for_planning(now):
        with transaction.atomic():
            planned = plan_deadline(deadline, now)
            if planned:
                result.cancelled += cancel_superseded(deadline, now)
            result.planned += planned
    with transaction.atomic():
        PlanningRun.objects.update_or_create(
            pk=1,
            defaults={
                "finished_at": timezone.now(),
                "planned": result.planned,
                "cancelled": result.cancelled,
                "reaped": result.reaped,
            },
        )
    return result
