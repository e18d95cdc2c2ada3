"""Celery tasks of the core: thin wrappers around planning and sending."""

import time

from celery import shared_task
from django.conf import settings
from django.db import transaction

from portal.alerts.outbox import send_outbox
from portal.alerts.planning import plan
from portal.alerts.sending import send_due
from portal.reviews import notices
from portal.saved_searches.mailing import queue_new_matches

# Never an ETA weeks ahead: a retry waits at most this long; the beat tick comes back every 5 minutes anyway.
MAX_RETRY_COUNTDOWN = 300


@shared_task(acks_late=True, ignore_result=True)
def alerts_tick() -> dict:
    """The beat's task (every 5 minutes): plan what is due, then send it, and whatever the outbox holds."""
    result = plan()
    notices.send_digests()
    if settings.SEND_ALERTS:
        transaction.on_commit(send_alerts_task.delay)
    if settings.SEND_MAIL:
        transaction.on_commit(send_outbox_task.delay)
    return {"planned": result.planned, "cancelled": result.cancelled, "reaped": result.reaped}


@shared_task(acks_late=True, ignore_result=True)
def saved_searches_tick() -> dict:
    """The beat's task (every 5 minutes): one mail per saved search due with new matches, sent once written."""
    result = queue_new_matches()
    return {"searches": result.searches, "mails": result.mails, "matches": result.matches}


def _send_for_a_while(task, send) -> dict:
    """Call `send(max_batches=1)` for at most ALERT_SEND_TIME_BUDGET seconds, then hand over to a new `task`;
    retry later while the SMTP server is away."""
    started = time.monotonic()
    totals = {"sent": 0, "failed": 0, "deferred": 0}
    while True:
        result = send(max_batches=1)
        for key in totals:
            totals[key] += getattr(result, key)
        if result.retry_in is not None:
            if not task.request.is_eager:  # in-process mode: the next `send_alerts` run tries again
                raise task.retry(countdown=min(result.retry_in, MAX_RETRY_COUNTDOWN))
            break
        if not result.more:
            break
        if time.monotonic() - started > settings.ALERT_SEND_TIME_BUDGET:
            if not task.request.is_eager:
                task.delay()
            break
    return totals


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def send_alerts_task(self) -> dict:
    """Send due alerts in batches for a while (see `_send_for_a_while`)."""
    return _send_for_a_while(self, send_due)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def send_outbox_task(self) -> dict:
    """Send the outbox's due mails in batches for a while (see `_send_for_a_while`)."""
    return _send_for_a_while(self, send_outbox)
