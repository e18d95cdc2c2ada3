"""Sending the alerts: each at once in claimed batches over one SMTP connection (texts rendered once per group of
contacts who read the same), then the daily digests at each contact's hour. The states, retries and reaper are
the shared ones of `portal.alerts.queue`."""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.alerts import queue
from portal.alerts.queue import SendResult, backoff, classify, gave_up
from portal.alerts.rendering import GroupedAlerts, render_digest
from portal.alerts.smtp import Transport
from portal.models import AlertDelivery, Audience, Delivery, DeliveryState, Subscription


def due_deliveries(now: dt.datetime):
    """Alerts waiting to be sent at `now` (pending, past any retry wait)."""
    return queue.due(AlertDelivery, now)


def still_wanted(delivery: AlertDelivery, now: dt.datetime) -> bool:
    """The alert still says something true to someone who wants it: same due time, not passed, the contact active,
    not paused and (for a topic's deadline) still subscribed to the topic."""
    deadline = delivery.deadline
    contact = delivery.contact
    return (
        deadline.withdrawn_at is None
        and deadline.due_at == delivery.due_at
        and deadline.due_at > now
        and contact.is_active
        and not contact.subscription.is_paused
        # The contact may have left the topic since the alert was planned.
        and (deadline.audience == Audience.AGENCIES or deadline.topic in contact.subscription.topics)
    )


class Alerts(queue.Outgoing):
    """The alerts sent each at once (digests wait for their hour)."""

    model = AlertDelivery
    order = ("due_at", "pk")

    def claimable(self, now):
        return due_deliveries(now).filter(contact__subscription__delivery=Delivery.IMMEDIATE)

    def remaining(self, now):
        return due_deliveries(now)  # the digests too: a sending task goes on until they are tried

    def claimed(self, ids, token):
        return super().claimed(ids, token).select_related("deadline", "contact__subscription")

    def wanted(self, row, now):
        return still_wanted(row, now)

    def sender(self, transport: Transport, now):
        grouped = GroupedAlerts(now)

        def send(delivery: AlertDelivery, before_content) -> str:
            mail, subject = grouped.mail(delivery)
            return transport.send(mail, before_content=before_content, subject=subject)

        return send


DIGESTS = (Delivery.DIGEST, Delivery.WEEKLY)


def digest_due(subscription: Subscription, now: dt.datetime) -> bool:
    """A daily digest: from the contact's digest hour, once per local day. A weekly one: from the digest hour of the
    contact's local Monday, once per week (a Monday missed while nothing ran is caught up later that week, unless
    the settings changed since that Monday's hour: a reader who chose it on a Wednesday waits for the next Monday)."""
    zone = ZoneInfo(subscription.contact.time_zone)
    local_now = now.astimezone(zone)
    if subscription.delivery != Delivery.WEEKLY:
        return local_now.hour >= subscription.digest_hour and subscription.last_digest_on != local_now.date()
    monday = local_now.date() - dt.timedelta(days=local_now.weekday())
    slot = dt.datetime.combine(monday, dt.time(subscription.digest_hour), tzinfo=zone)
    return (
        now >= slot
        and (subscription.last_digest_on is None or subscription.last_digest_on < monday)
        and subscription.updated_at < slot
    )


def _send_digests(now: dt.datetime, mail, result: SendResult, limit: int) -> None:
    """One mail per contact per day (or per week), at the contact's chosen local hour, with all its due alerts."""
    contact_ids = list(
        due_deliveries(now)
        .filter(contact__subscription__delivery__in=DIGESTS)
        .order_by()
        .values_list("contact_id", flat=True)
        .distinct()[:limit]
    )
    subscriptions = Subscription.objects.select_related("contact").filter(contact_id__in=contact_ids)
    for subscription in subscriptions:
        contact = subscription.contact
        local_now = now.astimezone(ZoneInfo(contact.time_zone))
        if not digest_due(subscription, now):
            continue
        with transaction.atomic():
            locked = (
                Subscription.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("contact")
                .filter(pk=subscription.pk)
                .first()
            )
            if locked is None or not digest_due(locked, now):
                continue
            rows = list(
                due_deliveries(now)
                .filter(contact=contact)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("deadline", "contact__subscription")
            )
            wanted = [row for row in rows if still_wanted(row, now)]
            unwanted = [row.pk for row in rows if row not in wanted]
            if unwanted:
                AlertDelivery.objects.filter(pk__in=unwanted).update(state=DeliveryState.CANCELLED)
                result.cancelled += len(unwanted)
            if not wanted:
                continue
            message = render_digest(contact, wanted, local_now.date(), now, weekly=locked.delivery == Delivery.WEEKLY)
            ids = [row.pk for row in wanted]
            try:
                mail.send_messages([message])
            except (smtplib.SMTPException, OSError) as exc:
                permanent, reason = classify(exc)
                attempts = max(row.attempts for row in wanted) + 1
                given_up = not permanent and attempts >= settings.ALERT_MAX_ATTEMPTS
                if given_up:
                    reason = gave_up(attempts, reason)
                state = DeliveryState.FAILED if permanent or given_up else DeliveryState.PENDING
                wait = backoff(attempts)
                AlertDelivery.objects.filter(pk__in=ids).update(
                    state=state,
                    attempts=F("attempts") + 1,
                    last_error=reason,
                    not_before=None if state == DeliveryState.FAILED else now + dt.timedelta(seconds=wait),
                )
                if permanent:
                    result.failed += len(ids)
                    continue
                if given_up:  # the server still answers "try later": leave the other digests for the next run
                    result.failed += len(ids)
                    result.retry_in = wait
                    return
                result.deferred += len(ids)
                result.retry_in = wait
                return
            AlertDelivery.objects.filter(pk__in=ids).update(
                state=DeliveryState.SENT,
                attempts=F("attempts") + 1,
                sent_at=timezone.now(),
                message_id=message.extra_headers["Message-ID"],
                last_error="",
            )
            Subscription.objects.filter(pk=subscription.pk).update(last_digest_on=local_now.date())
            result.sent += len(ids)


def send_due(now: dt.datetime | None = None, *, batch_size: int | None = None, max_batches: int | None = None):
    """Send what is due: immediate alerts in claimed batches over one SMTP connection each, then digests."""
    result = SendResult()
    if not settings.SEND_ALERTS:
        return result
    batch_size = batch_size or settings.ALERT_BATCH_SIZE
    if not queue.send_in_batches(Alerts(), result, now, batch_size=batch_size, max_batches=max_batches):
        return result
    # Not opened here: each digest's send opens it if need be, so an unreachable server counts as its attempt.
    mail = get_connection()
    try:
        _send_digests(now or timezone.now(), mail, result, batch_size)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            mail.close()
    return result


@transaction.atomic
def send_again(deliveries) -> int:
    """Put failed deliveries back in line (the admin's "send again")."""
    return queue.put_back(AlertDelivery, deliveries)


def backlog(now: dt.datetime | None = None) -> int:
    """Alerts due and not yet sent."""
    return due_deliveries(now or timezone.now()).count()
