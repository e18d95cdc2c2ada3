"""The sending state machine shared by every queue of mail (the alerts, the outbox): claim, send over one
connection per batch, mark sent, retry with backoff, give up, free what a dead worker held.

Rows are claimed with `select_for_update(skip_locked=True)` (state "sending", `attempts` counted), sent one by one
over the batch's connection, and each is marked sent by its own statement as soon as the server took it: a
worker killed mid-batch loses nothing (the reaper returns its claimed rows to "pending") and sends at most the
one mail in flight twice. A transient SMTP error (4xx, connection lost) puts the row back with a doubling wait
and stops the batch; a permanent one (5xx) fails that row and the batch goes on; after ALERT_MAX_ATTEMPTS
attempts a row fails for good.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import smtplib
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.alerts.smtp import Transport, open_connection
from portal.models import DeliveryState


@dataclasses.dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    deferred: int = 0  # sent back to "pending" after a transient error
    retry_in: float | None = None  # seconds until the SMTP server should be tried again
    more: bool = False  # rows still due when the run stopped


def classify(exc: Exception) -> tuple[bool, str]:
    """(permanent?, reason) of an error while sending. 5xx replies are permanent, everything else transient."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        reason = "; ".join(f"{addr}: {code} {msg!r}" for addr, (code, msg) in exc.recipients.items())
        return bool(codes) and all(code >= 500 for code in codes), reason
    if isinstance(exc, smtplib.SMTPConnectError):
        return False, f"{exc.smtp_code} {exc.smtp_error!r}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500, f"{exc.smtp_code} {exc.smtp_error!r}"
    return False, f"{type(exc).__name__}: {exc}"


def backoff(attempts: int) -> float:
    """Seconds to wait after the `attempts`-th failed attempt: ALERT_RETRY_BASE, doubling, at most ALERT_RETRY_MAX."""
    return min(settings.ALERT_RETRY_BASE * 2 ** max(attempts - 1, 0), settings.ALERT_RETRY_MAX)


def gave_up(attempts: int, reason: str) -> str:
    return str(_("gave up after %(n)s attempts: %(reason)s") % {"n": attempts, "reason": reason})


def due(model: type[Model], now: dt.datetime) -> QuerySet:
    """Rows of `model` waiting to be sent at `now` (pending, past any retry wait)."""
    return model.objects.filter(state=DeliveryState.PENDING).filter(Q(not_before__isnull=True) | Q(not_before__lte=now))


def claim(claimable: QuerySet, now: dt.datetime, limit: int, order: Iterable[str]) -> tuple[str, list[int]]:
    """Take up to `limit` rows of `claimable` for this batch (rows another worker holds are skipped)."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            claimable.select_for_update(skip_locked=True, of=("self",))
            .order_by(*order)
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            claimable.model.objects.filter(pk__in=ids).update(
                state=DeliveryState.SENDING, claimed_at=now, claim=token, attempts=F("attempts") + 1
            )
    return token, ids


def release(model: type[Model], ids: list[int], token: str, not_before: dt.datetime, reason: str) -> int:
    """Give claimed, unsent rows back (the SMTP server is away); their attempt did not happen."""
    return model.objects.filter(pk__in=ids, claim=token, state=DeliveryState.SENDING).update(
        state=DeliveryState.PENDING, claim="", not_before=not_before, attempts=F("attempts") - 1, last_error=reason
    )


def record_failure(row: Model, exc: Exception, now: dt.datetime, result: SendResult) -> bool:
    """Record a failed attempt at `row`; returns True when the batch should stop (the server is unreachable)."""
    model = type(row)
    permanent, reason = classify(exc)
    if permanent or row.attempts >= settings.ALERT_MAX_ATTEMPTS:
        if not permanent:
            reason = gave_up(row.attempts, reason)
        model.objects.filter(pk=row.pk).update(state=DeliveryState.FAILED, claim="", last_error=reason)
        result.failed += 1
        return not permanent
    wait = backoff(row.attempts)
    model.objects.filter(pk=row.pk).update(
        state=DeliveryState.PENDING, claim="", last_error=reason, not_before=now + dt.timedelta(seconds=wait)
    )
    result.deferred += 1
    result.retry_in = wait
    return True


def mark_sent(model: type[Model], pk: int, token: str, msgid: str) -> bool:
    """Mark a claimed row sent, in one statement (committed at once); False when it is no longer this claim's."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {model._meta.db_table} SET state = %s, sent_at = %s, claim = '', message_id = %s,"  # noqa: S608
            " last_error = '' WHERE id = %s AND claim = %s AND state = %s",
            [DeliveryState.SENT, timezone.now(), msgid, pk, token, DeliveryState.SENDING],
        )
        return cursor.rowcount == 1


def reap(model: type[Model], now: dt.datetime) -> int:
    """Return rows stuck in "sending" (their worker died) to "pending"."""
    cutoff = now - dt.timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT)
    return model.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=cutoff).update(
        state=DeliveryState.PENDING, claim=""
    )


def put_back(model: type[Model], rows) -> int:
    """Put failed rows back in line (the admin's "send again"); the others are left as they are."""
    return model.objects.filter(pk__in=[row.pk for row in rows], state=DeliveryState.FAILED).update(
        state=DeliveryState.PENDING, attempts=0, not_before=None, claim="", last_error=""
    )


class _Marker:
    """Marks sent rows. Beside a PostgreSQL connection in autocommit, the marks go through a second thread (its
    own connection), so a row's mark is committed while the next mail's envelope is exchanged; `wait` (called
    before the next mail's content goes) makes sure it is in. A worker killed at any point thus leaves at most
    one mail delivered and not marked."""

    def __init__(self, model: type[Model], token: str, threaded: bool = True):
        self.model = model
        self.token = token
        self.threaded = threaded and connection.vendor == "postgresql" and not connection.in_atomic_block
        self.executor = ThreadPoolExecutor(max_workers=1) if self.threaded else None
        self.future = None
        self.marked = 0
        if self.executor:
            self.executor.submit(self._relax).result()

    @staticmethod
    def _relax() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")

    @staticmethod
    def _release_connection() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        finally:
            connection.close()

    def mark(self, pk: int, msgid: str) -> None:
        self.wait()
        if self.executor:
            self.future = self.executor.submit(mark_sent, self.model, pk, self.token, msgid)
        else:
            self.marked += mark_sent(self.model, pk, self.token, msgid)

    def wait(self) -> None:
        if self.future is not None:
            future, self.future = self.future, None
            self.marked += future.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            if self.executor:
                self.executor.submit(self._release_connection).result()
                self.executor.shutdown()


@contextlib.contextmanager
def relaxed_commits():
    """A sent mark may be lost only with the database server itself, never with the worker: let PostgreSQL
    acknowledge the batch's commits before they reach the disk (the mails are out anyway)."""
    relaxed = connection.vendor == "postgresql" and not connection.in_atomic_block
    if relaxed:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        if relaxed:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


class Outgoing:
    """One queue of mail: its rows, which of them may be claimed now, how a claimed row is sent."""

    model: type[Model]
    order: tuple[str, ...] = ("pk",)

    def claimable(self, now: dt.datetime) -> QuerySet:
        return due(self.model, now)

    def remaining(self, now: dt.datetime) -> QuerySet:
        """What is still to do after a run stopped at its `max_batches`."""
        return self.claimable(now)

    def claimed(self, ids: list[int], token: str) -> QuerySet:
        return self.model.objects.filter(pk__in=ids, claim=token).order_by(*self.order)

    def wanted(self, row, now: dt.datetime) -> bool:
        """False when the row should no longer be sent (it is cancelled instead)."""
        return True

    def sender(self, transport: Transport, now: dt.datetime) -> Callable[..., str]:
        """`send(row, before_content)` for one batch, returning the Message-ID sent."""
        raise NotImplementedError


def send_claimed(queue: Outgoing, ids: list[int], token: str, transport: Transport, now, result: SendResult) -> None:
    """Send the claimed rows one by one; each is marked sent by its own statement right after the server took
    it. The batch stops before its claim could be taken for a dead worker's (half the reaper's timeout)."""
    model = queue.model
    send = queue.sender(transport, now)
    started = time.monotonic()
    pending = set(ids)
    marker = _Marker(model, token, threaded=len(ids) > 1)
    try:
        with relaxed_commits():
            for row in queue.claimed(ids, token):
                if time.monotonic() - started > settings.ALERT_CLAIM_TIMEOUT / 2:
                    break
                pending.discard(row.pk)
                if not queue.wanted(row, now):
                    model.objects.filter(pk=row.pk, claim=token).update(state=DeliveryState.CANCELLED, claim="")
                    result.cancelled += 1
                    continue
                try:
                    msgid = send(row, marker.wait)
                except (smtplib.SMTPException, OSError) as exc:
                    marker.wait()
                    if record_failure(row, exc, now, result):
                        wait = result.retry_in or settings.ALERT_RETRY_BASE
                        result.deferred += release(model, list(pending), token, now + dt.timedelta(seconds=wait), "")
                        return
                    continue
                marker.mark(row.pk, msgid)
    finally:
        marker.close()
        result.sent += marker.marked
    if pending:  # out of time: back in line for the next run
        model.objects.filter(pk__in=pending, claim=token, state=DeliveryState.SENDING).update(
            state=DeliveryState.PENDING, claim="", attempts=F("attempts") - 1
        )
        result.more = True


def send_in_batches(
    queue: Outgoing,
    result: SendResult,
    now: dt.datetime | None = None,
    *,
    batch_size: int,
    max_batches: int | None = None,
    timeout: float | None = None,
) -> bool:
    """Claim and send batches of `queue` over one connection each until none is left; returns True then, False
    when it stopped first (the server is away: `result.retry_in`; or `max_batches` were sent: `result.more`)."""
    batches = 0
    while max_batches is None or batches < max_batches:
        moment = now or timezone.now()
        token, ids = claim(queue.claimable(moment), moment, batch_size, queue.order)
        if not ids:
            return True
        batches += 1
        try:
            mail = open_connection(timeout)
        except (smtplib.SMTPException, OSError) as exc:
            _permanent, reason = classify(exc)
            wait = backoff(1)
            result.deferred += release(queue.model, ids, token, moment + dt.timedelta(seconds=wait), reason)
            result.retry_in = wait
            return False
        try:
            send_claimed(queue, ids, token, Transport(mail), moment, result)
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                mail.close()
        if result.retry_in is not None:
            return False
    result.more = queue.remaining(now or timezone.now()).exists()
    return False
