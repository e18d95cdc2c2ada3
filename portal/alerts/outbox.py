"""The outbox: every mail other than the alerts, queued as rows in the transaction of the change that causes it,
then sent like the alerts (claimed in batches, retried with backoff, reaped when a worker dies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.alerts import queue
from portal.alerts.queue import SendResult
from portal.alerts.rendering import Mail, outbox_message_id
from portal.alerts.smtp import Transport
from portal.models import MailKind, OutboxMail


def mail_kind(kind: str) -> str:
    """`kind` when it is a `MailKind`; a ValueError otherwise (a mail is never queued under a free string)."""
    if kind not in MailKind.values:
        raise ValueError(f"Unknown kind of mail {kind!r}: add it to portal.models.MailKind.")
    return str(kind)


def queue_mail(
    kind: str, recipients: Iterable[str], language: str, subject: str, text: str, html: str, headers=None
) -> list[int]:
    """One pending row per recipient, in the current transaction; returns their ids."""
    kind = mail_kind(kind)
    rows = OutboxMail.objects.bulk_create(
        [
            OutboxMail(
                kind=kind,
                recipient=recipient,
                language=language,
                subject=subject,
                text=text,
                html=html,
                headers=dict(headers or {}),
                message_id=outbox_message_id(kind),
            )
            for recipient in recipients
        ]
    )
    return [row.pk for row in rows]


def as_mail(row: OutboxMail) -> Mail:
    return Mail(row.recipient, row.subject, row.text, row.html, row.language, row.message_id, "", row.headers)


class Outbox(queue.Outgoing):
    """The outbox's due rows, oldest first; only those of `ids` when given (what one transaction queued)."""

    model = OutboxMail

    def __init__(self, ids: list[int] | None = None):
        self.ids = ids

    def claimable(self, now):
        rows = due_mails(now)
        return rows if self.ids is None else rows.filter(pk__in=self.ids)

    def sender(self, transport: Transport, now):
        return lambda row, before_content: transport.send(as_mail(row), before_content=before_content)


def due_mails(now: dt.datetime):
    """Outbox mails waiting to be sent at `now` (pending, past any retry wait)."""
    return queue.due(OutboxMail, now)


def send_outbox(
    now: dt.datetime | None = None,
    *,
    ids: list[int] | None = None,
    batch_size: int | None = None,
    max_batches: int | None = None,
    timeout: float | None = None,
) -> SendResult:
    """Send the outbox's due mails (only those of `ids` when given) in batches over one connection each; nothing
    while SEND_MAIL is off. `timeout`: seconds for each SMTP operation (EMAIL_TIMEOUT when None)."""
    result = SendResult()
    if not settings.SEND_MAIL:
        return result
    batch_size = batch_size or settings.ALERT_BATCH_SIZE
    queue.send_in_batches(Outbox(ids), result, now, batch_size=batch_size, max_batches=max_batches, timeout=timeout)
    return result


@transaction.atomic
def send_again(mails) -> int:
    """Put failed outbox mails back in line (the admin's "send again")."""
    return queue.put_back(OutboxMail, mails)


def backlog(now: dt.datetime | None = None) -> int:
    """Outbox mails due and not yet sent."""
    return due_mails(now or timezone.now()).count()
