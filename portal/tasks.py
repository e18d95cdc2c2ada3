"""Celery tasks of the core: thin wrappers around sending and the alert services."""

import time

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction

from portal import alerts
from portal.reviews import notices

# Never an ETA weeks ahead: a retry waits at most this long; the beat tick comes back every 5 minutes anyway.
MAX_RETRY_COUNTDOWN = 300


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=1800, max_retries=8)
def send_mail_task(subject: str, text: str, html: str, to: list[str]) -> None:
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()


@shared_task(acks_late=True, ignore_result=True)
def alerts_tick() -> dict:
    """The beat's task (every 5 minutes): plan what is due, then send it."""
    result = alerts.plan()
    notices.send_digests()
    if settings.SEND_ALERTS:
        transaction.on_commit(send_alerts_task.delay)
    return {"planned": result.planned, "cancelled": result.cancelled, "reaped": result.reaped}


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def send_alerts_task(self) -> dict:
    """Send due alerts in batches for at most ALERT_SEND_TIME_BUDGET seconds, then hand over to a new task."""
    started = time.monotonic()
    totals = {"sent": 0, "failed": 0, "deferred": 0}
    while True:
        result = alerts.send_due(max_batches=1)
        for key in totals:
            totals[key] += getattr(result, key)
        if result.retry_in is not None:
            if not self.request.is_eager:  # in-process mode: the next `send_alerts` run tries again
                raise self.retry(countdown=min(result.retry_in, MAX_RETRY_COUNTDOWN))
            break
        if not result.more:
            break
        if time.monotonic() - started > settings.ALERT_SEND_TIME_BUDGET:
            if not self.request.is_eager:
                send_alerts_task.delay()
            break
    return totals
