"""Alerts: subscriptions, planning and sending. The writes of the alert mechanism live here.

Windows. The window of a lead time of L days opens at 00:00, in the deadline's own zone, on the calendar
day L days before the deadline's date (so "1 day" is the whole day before, on a DST-change day too, and
"0 days" is the day itself). A window stays open until the deadline passes.

Planning is a scan (a beat task every few minutes), never an ETA: for each upcoming deadline one
INSERT … SELECT adds a delivery for every contact that should hear of it, choosing per contact the most
urgent open window (the smallest lead time L whose window is open), unless an alert as urgent or more was
already planned for the same due time. The unique key (contact, deadline, lead_days, due_at) makes
planning twice, or from two processes at once, harmless. Moving a deadline changes its due time: what was
not sent for the old time is cancelled and the new time is planned afresh; withdrawing or passing it
cancels what is unsent.

Sending claims pending rows with `select_for_update(skip_locked=True)` (state "sending"), then sends
each over one SMTP connection per batch and marks it sent in a transaction that holds its row lock: a
worker killed mid-batch loses nothing (the reaper returns its claimed rows to "pending") and sends at
most the one mail in flight twice.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime as dt
import smtplib
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from email.header import Header
from email.utils import formatdate
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.mail import render_mail
from portal.models import (
    AlertDelivery,
    Audience,
    Contact,
    Deadline,
    DeadlineKind,
    Delivery,
    DeliveryState,
    PlanningRun,
    Subscription,
    SubscriptionLead,
    Topic,
)
from portal.models.alerts import DEFAULT_LEAD_DAYS, MAX_LEAD_DAYS, new_calendar_token
from portal.models.deadlines import NOTICE_KINDS

UNSUBSCRIBE_SALT = "portal.alerts.unsubscribe"

# What the recipient should do, per kind of deadline.
ACTIONS = {
    DeadlineKind.AWARD_NOMINATION_OPENS: _("Prepare your nomination: the call for nominations opens on this date."),
    DeadlineKind.AWARD_NOMINATION: _("Submit your nomination before the deadline."),
    DeadlineKind.AWARD_VOTING: _("Ask your partners to vote for your project during the voting period."),
    DeadlineKind.AWARD_CEREMONY: _("Plan who attends the ceremony."),
    DeadlineKind.AWARD_SUGGESTION: _(
        "Your agency's project matches this award: the page says why. Apply before the nomination deadline."
    ),
    DeadlineKind.FUND_CALL_OPENS: _("Prepare your application: the call opens on this date."),
    DeadlineKind.FUND_CALL: _("Submit your application before the call closes."),
    DeadlineKind.FUND_SUGGESTION: _(
        "Your agency is eligible for this call: the page says why. Apply before the call closes."
    ),
    DeadlineKind.EVENT_REGISTRATION: _("Register before the deadline."),
    DeadlineKind.EVENT_PROPOSAL: _("Send your proposal before the deadline."),
    DeadlineKind.EVENT_EXHIBITION: _("Apply for exhibition space before the deadline."),
    DeadlineKind.GUIDE_REVIEW: _("Review the guide and send your comments."),
    DeadlineKind.CIRCULAR_REPLY: _("Send your agency's reply to the circular letter."),
    DeadlineKind.RESOLUTION_DUE: _("Report on the resolution assigned to your agency."),
}


# --- Subscriptions ------------------------------------------------------------------------------


def ensure_subscription(contact: Contact) -> Subscription:
    """Every confirmed contact has a subscription: all topics, the default lead times, each alert at once."""
    subscription, created = Subscription.objects.get_or_create(contact=contact, defaults={"topics": Topic.values})
    if created:
        SubscriptionLead.objects.bulk_create(
            [SubscriptionLead(subscription=subscription, days=days) for days in DEFAULT_LEAD_DAYS]
        )
    return subscription


def subscribe_confirmed_contact(sender, instance: Contact, raw=False, **kwargs) -> None:
    """post_save of Contact: a contact gets its subscription when its address is confirmed."""
    if not raw and instance.confirmed_at is not None and not Subscription.objects.filter(contact=instance).exists():
        ensure_subscription(instance)


def parse_lead_days(value) -> list[int]:
    """Lead times from a list or from text such as "30, 7, 1": whole days 0–90, at least one, no repeats."""
    items = value.replace(";", ",").replace(" ", ",").split(",") if isinstance(value, str) else list(value)
    days = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        try:
            number = int(text)
        except ValueError:
            raise ValidationError(
                _("“%(value)s” is not a whole number of days."), code="lead_days", params={"value": text}
            ) from None
        if not 0 <= number <= MAX_LEAD_DAYS:
            raise ValidationError(
                _("Lead times are whole days from 0 to %(max)s; “%(value)s” is not."),
                code="lead_days",
                params={"value": text, "max": MAX_LEAD_DAYS},
            )
        days.add(number)
    if not days:
        raise ValidationError(_("Give at least one lead time."), code="lead_days")
    return sorted(days, reverse=True)


@transaction.atomic
def save_subscription(
    subscription: Subscription,
    *,
    topics=None,
    lead_days=None,
    delivery=None,
    digest_hour=None,
    paused=None,
    language=None,
    time_zone=None,
) -> Subscription:
    """Change a subscription (only the values given). Language and time zone are the contact's own."""
    from portal.models.alerts import validate_topics
    from portal.models.contacts import validate_time_zone

    subscription = Subscription.objects.select_for_update().select_related("contact").get(pk=subscription.pk)
    contact = subscription.contact
    errors = {}
    if topics is not None:
        try:
            validate_topics(topics)
            subscription.topics = list(topics)
        except ValidationError as exc:
            errors["topics"] = exc.messages
    days = None
    if lead_days is not None:
        try:
            days = parse_lead_days(lead_days)
        except ValidationError as exc:
            errors["lead_days"] = exc.messages
    if delivery is not None:
        if delivery not in Delivery.values:
            errors["delivery"] = [_("Choose each alert at once or a daily digest.")]
        subscription.delivery = delivery
    if digest_hour is not None:
        if not isinstance(digest_hour, int) or not 0 <= digest_hour <= 23:
            errors["digest_hour"] = [_("The digest hour is a whole hour from 0 to 23.")]
        subscription.digest_hour = digest_hour
    if paused is not None and paused != subscription.is_paused:
        subscription.paused_at = timezone.now() if paused else None
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            errors["language"] = [_("Choose one of the portal's languages.")]
        contact.language = language
    if time_zone is not None:
        try:
            validate_time_zone(time_zone)
            contact.time_zone = time_zone
        except ValidationError as exc:
            errors["time_zone"] = exc.messages
    if errors:
        raise ValidationError(errors)
    subscription.save()
    contact.save(update_fields=["language", "time_zone"])
    if days is not None:
        subscription.leads.exclude(days__in=days).delete()
        have = set(subscription.leads.values_list("days", flat=True))
        SubscriptionLead.objects.bulk_create(
            [SubscriptionLead(subscription=subscription, days=d) for d in days if d not in have]
        )
    return subscription


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_for_unsubscribe_token(token: str) -> Subscription | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Subscription.objects.select_related("contact").filter(pk=pk).first()


@transaction.atomic
def unsubscribe(subscription: Subscription) -> Subscription:
    """One-click unsubscribe: pause every alert (the contact can resume on "my alerts")."""
    Subscription.objects.filter(pk=subscription.pk, paused_at__isnull=True).update(
        paused_at=timezone.now(), updated_at=timezone.now()
    )
    subscription.refresh_from_db()
    return subscription


@transaction.atomic
def renew_calendar_token(subscription: Subscription) -> Subscription:
    """Revoke the private calendar address and issue a new one."""
    subscription.calendar_token = new_calendar_token()
    subscription.save(update_fields=["calendar_token", "updated_at"])
    return subscription


# --- Windows ------------------------------------------------------------------------------------


def window_opens(due_at: dt.datetime, tz: str, lead_days: int) -> dt.datetime:
    """When the window of `lead_days` opens: 00:00 in `tz` on the day `lead_days` before the due date."""
    zone = ZoneInfo(tz)
    day = due_at.astimezone(zone).date() - dt.timedelta(days=lead_days)
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)


def days_before(due_at: dt.datetime, tz: str, now: dt.datetime) -> int:
    """Calendar days from `now` to the due date, both seen in `tz`: the smallest lead time whose window is open."""
    zone = ZoneInfo(tz)
    return (due_at.astimezone(zone).date() - now.astimezone(zone).date()).days


# --- Planning -----------------------------------------------------------------------------------


@dataclasses.dataclass
class PlanResult:
    planned: int = 0
    cancelled: int = 0
    reaped: int = 0


def reap(now: dt.datetime | None = None) -> int:
    """Return rows stuck in "sending" (their worker died) to "pending"."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT)
    return AlertDelivery.objects.filter(state=DeliveryState.SENDING, claimed_at__lt=cutoff).update(
        state=DeliveryState.PENDING, claim=""
    )


def cancel_stale(now: dt.datetime | None = None) -> int:
    """Cancel unsent alerts of deadlines withdrawn, passed or moved (a moved one is planned again)."""
    now = now or timezone.now()
    stale = Q(deadline__withdrawn_at__isnull=False) | Q(deadline__due_at__lte=now) | ~Q(due_at=F("deadline__due_at"))
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


# --- Rendering ----------------------------------------------------------------------------------


def zone_label(moment: dt.datetime, tz: str) -> str:
    offset = moment.astimezone(ZoneInfo(tz)).strftime("%z")
    return f"{tz} (UTC{offset[:3]}:{offset[3:]})"


def format_moment(moment: dt.datetime, tz: str) -> str:
    """`moment` in `tz`, in the active language's date format, with the zone named."""
    local = moment.astimezone(ZoneInfo(tz))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {zone_label(moment, tz)}"


def days_left_text(days: int) -> str:
    if days <= 0:
        return str(_("due today"))
    return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}


def page_url(url: str, language: str) -> str:
    """The absolute address of a deadline's page, in `language` when it is one of the portal's pages."""
    if not url:
        return settings.SITE_URL + reverse("deadline_list")
    if not url.startswith("/"):
        return url
    parts = url.split("/", 2)
    codes = {code for code, _name in settings.LANGUAGES}
    if len(parts) > 2 and parts[1] in codes:
        url = "/" + parts[2]
    return f"{settings.SITE_URL}/{language}{url}"


def _mail_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id(delivery: AlertDelivery) -> str:
    """The same for every attempt at the same delivery, so a receiver can tell a repeat."""
    stamp = int(delivery.due_at.timestamp())
    return f"<alert.{delivery.pk}.{delivery.contact_id}.{delivery.deadline_id}.{delivery.lead_days}.{stamp}@{_mail_domain()}>"


def digest_message_id(contact: Contact, day: dt.date) -> str:
    return f"<digest.{contact.pk}.{day.isoformat()}@{_mail_domain()}>"


def _item(delivery: AlertDelivery, contact: Contact, now: dt.datetime) -> dict:
    deadline = delivery.deadline
    days = days_before(deadline.due_at, deadline.tz, now)  # as the windows count: in the deadline's zone
    return {
        "deadline": deadline,
        "title": deadline.title,
        "kind": deadline.get_kind_display(),
        "action": str(ACTIONS.get(deadline.kind, "")),
        "due_own": format_moment(deadline.due_at, deadline.tz),
        "due_local": format_moment(deadline.due_at, contact.time_zone),
        "same_zone": deadline.tz == contact.time_zone,
        "days": days,
        "days_left": days_left_text(days),
        "tentative": deadline.tentative,
        "url": page_url(deadline.url, contact.language),
    }


def _links(contact: Contact) -> dict:
    with translation.override(contact.language):
        return {
            "unsubscribe_url": settings.SITE_URL
            + reverse("alerts_unsubscribe", kwargs={"token": unsubscribe_token(contact.subscription)}),
            "settings_url": settings.SITE_URL + reverse("accounts:alerts"),
        }


def _message(subject, text, html, contact: Contact, links: dict, msgid: str) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [contact.email],
        headers={
            "Message-ID": msgid,
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": contact.language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def render_alert(delivery: AlertDelivery, now: dt.datetime | None = None) -> EmailMultiAlternatives:
    """The alert mail of `delivery`, in its contact's language and zone."""
    now = now or timezone.now()
    contact = delivery.contact
    links = _links(contact)
    with translation.override(contact.language):
        item = _item(delivery, contact, now)
    subject, text, html = render_mail("alert", {"contact": contact, "item": item, **links}, contact.language)
    return _message(subject, text, html, contact, links, message_id(delivery))


def render_digest(contact: Contact, deliveries: list[AlertDelivery], day: dt.date, now: dt.datetime):
    links = _links(contact)
    with translation.override(contact.language):
        items = [_item(d, contact, now) for d in sorted(deliveries, key=lambda d: (d.deadline.due_at, d.pk))]
        day_text = formats.date_format(day, "DATE_FORMAT")
    context = {"contact": contact, "items": items, "day": day_text, **links}
    subject, text, html = render_mail("alert_digest", context, contact.language)
    return _message(subject, text, html, contact, links, digest_message_id(contact, day))


# --- Sending ------------------------------------------------------------------------------------


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
    return min(settings.ALERT_RETRY_BASE * 2 ** max(attempts - 1, 0), settings.ALERT_RETRY_MAX)


def due_deliveries(now: dt.datetime):
    """Alerts waiting to be sent at `now` (pending, past any retry wait)."""
    return AlertDelivery.objects.filter(state=DeliveryState.PENDING).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )


def _still_wanted(delivery: AlertDelivery, now: dt.datetime) -> bool:
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


def _claim(now: dt.datetime, limit: int) -> tuple[str, list[int]]:
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            due_deliveries(now)
            .filter(contact__subscription__delivery=Delivery.IMMEDIATE)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            AlertDelivery.objects.filter(pk__in=ids).update(
                state=DeliveryState.SENDING, claimed_at=now, claim=token, attempts=F("attempts") + 1
            )
    return token, ids


def _release(ids: list[int], token: str, not_before: dt.datetime, reason: str) -> int:
    """Give claimed, unsent rows back (the SMTP server is away); their attempt did not happen."""
    return AlertDelivery.objects.filter(pk__in=ids, claim=token, state=DeliveryState.SENDING).update(
        state=DeliveryState.PENDING, claim="", not_before=not_before, attempts=F("attempts") - 1, last_error=reason
    )


def _after_failure(row: AlertDelivery, exc: Exception, now: dt.datetime, result: SendResult) -> bool:
    """Record a failed attempt; returns True when the batch should stop (the server is unreachable)."""
    permanent, reason = classify(exc)
    if permanent or row.attempts >= settings.ALERT_MAX_ATTEMPTS:
        if not permanent:
            reason = str(_("gave up after %(n)s attempts: %(reason)s") % {"n": row.attempts, "reason": reason})
        AlertDelivery.objects.filter(pk=row.pk).update(state=DeliveryState.FAILED, claim="", last_error=reason)
        result.failed += 1
        return not permanent
    wait = backoff(row.attempts)
    AlertDelivery.objects.filter(pk=row.pk).update(
        state=DeliveryState.PENDING, claim="", last_error=reason, not_before=now + dt.timedelta(seconds=wait)
    )
    result.deferred += 1
    result.retry_in = wait
    return True


def _mark_sent(pk: int, token: str, msgid: str) -> bool:
    """Mark a claimed row sent, in one statement (committed at once); False when it is no longer this claim's."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AlertDelivery._meta.db_table} SET state = %s, sent_at = %s, claim = '', message_id = %s,"  # noqa: S608
            " last_error = '' WHERE id = %s AND claim = %s AND state = %s",
            [DeliveryState.SENT, timezone.now(), msgid, pk, token, DeliveryState.SENDING],
        )
        return cursor.rowcount == 1


class _Composer:
    """The alert mails of one batch. Contacts who share a deadline, a language and a time zone get the same
    text: it is rendered once, with markers where the name and the unsubscribe address go, and merged per
    contact. On an SMTP connection the MIME message is written directly (text and HTML parts, base64), as
    Django's EmailMessage would, at a fraction of its cost; other mail backends get an EmailMessage."""

    NAME = "\ue000name\ue000"
    UNSUBSCRIBE = "\ue000unsubscribe\ue000"
    # Stands for the signed token in the reversed address (a token never contains it); not a secret.
    TOKEN = "0-token-0"  # noqa: S105

    def __init__(self, now: dt.datetime, mail):
        self.now = now
        self.mail = mail
        self.raw = isinstance(mail, SMTPBackend)
        self.groups: dict[tuple, tuple[str, str, str, str]] = {}
        self.unsubscribe_urls: dict[str, str] = {}
        self.sender = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")

    def unsubscribe_url(self, contact: Contact) -> str:
        """The contact's signed address, from the route reversed once per language."""
        if contact.language not in self.unsubscribe_urls:
            with translation.override(contact.language):
                self.unsubscribe_urls[contact.language] = settings.SITE_URL + reverse(
                    "alerts_unsubscribe", kwargs={"token": self.TOKEN}
                )
        return self.unsubscribe_urls[contact.language].replace(self.TOKEN, unsubscribe_token(contact.subscription))

    def _group(self, delivery: AlertDelivery) -> tuple[str, str, str, str]:
        contact = delivery.contact
        key = (delivery.deadline_id, contact.language, contact.time_zone)
        if key not in self.groups:
            with translation.override(contact.language):
                item = _item(delivery, contact, self.now)
                settings_url = settings.SITE_URL + reverse("accounts:alerts")
            context = {
                "contact": {"name": self.NAME},
                "item": item,
                "unsubscribe_url": self.UNSUBSCRIBE,
                "settings_url": settings_url,
            }
            subject, text, html = render_mail("alert", context, contact.language)
            encoded = subject if subject.isascii() else Header(subject, "utf-8").encode()
            self.groups[key] = (subject, encoded, text, html)
        return self.groups[key]

    def send(self, delivery: AlertDelivery, before_content=lambda: None) -> str:
        """Send the alert of `delivery` over the batch's connection; returns its Message-ID. `before_content`
        runs after the server accepted sender and recipient and before the content goes (the mail is
        delivered only once its content is complete)."""
        contact = delivery.contact
        subject, encoded_subject, text, html = self._group(delivery)
        unsubscribe_url = self.unsubscribe_url(contact)
        text = text.replace(self.NAME, contact.name).replace(self.UNSUBSCRIBE, unsubscribe_url)
        html = html.replace(self.NAME, str(escape(contact.name))).replace(self.UNSUBSCRIBE, unsubscribe_url)
        msgid = message_id(delivery)
        links = {"unsubscribe_url": unsubscribe_url}
        if not self.raw:
            before_content()
            self.mail.send_messages([_message(subject, text, html, contact, links, msgid)])
            return msgid
        plain = contact.email.isascii() and not any(c in contact.email for c in '<>,;"\\\r\n ')
        recipient = contact.email if plain else sanitize_address(contact.email, "utf-8")
        boundary = f"alert-{uuid.uuid4().hex}"
        head = [
            ("Subject", encoded_subject),
            ("From", self.sender),
            ("To", recipient),
            ("Date", formatdate(usegmt=True)),
            ("Message-ID", msgid),
            ("MIME-Version", "1.0"),
            ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
            ("List-Unsubscribe", f"<{unsubscribe_url}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("Auto-Submitted", "auto-generated"),
            ("Content-Language", contact.language),
        ]
        parts = []
        for subtype, body in (("plain", text), ("html", html)):
            parts.append(
                f'--{boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
                f"Content-Transfer-Encoding: base64\r\n\r\n"
                + base64.encodebytes(body.encode()).decode("ascii").replace("\n", "\r\n")
            )
        raw = "".join(f"{name}: {value}\r\n" for name, value in head) + "\r\n" + "".join(parts) + f"--{boundary}--\r\n"
        smtp = self.mail.connection
        smtp.ehlo_or_helo_if_needed()
        code, reply = smtp.mail(self.sender)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, reply, self.sender)
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        before_content()
        code, reply = smtp.data(raw.encode("ascii"))
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPDataError(code, reply)
        return msgid


class _Marker:
    """Marks sent rows. Beside a PostgreSQL connection in autocommit, the marks go through a second thread (its
    own connection), so a row's mark is committed while the next mail's envelope is exchanged; `wait` (called
    before the next mail's content goes) makes sure it is in. A worker killed at any point thus leaves at most
    one mail delivered and not marked."""

    def __init__(self, token: str):
        self.token = token
        self.threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
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
            self.future = self.executor.submit(_mark_sent, pk, self.token, msgid)
        else:
            self.marked += _mark_sent(pk, self.token, msgid)

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
def _relaxed_commits():
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


def _send_claimed(ids: list[int], token: str, mail, now: dt.datetime, result: SendResult) -> None:
    """Send the claimed rows one by one; each is marked sent by its own statement right after the server took
    it, so a worker killed mid-batch repeats at most the one mail in flight. The batch stops before its claim
    could be taken for a dead worker's (half the reaper's timeout)."""
    rows = (
        AlertDelivery.objects.filter(pk__in=ids, claim=token)
        .select_related("deadline", "contact__subscription")
        .order_by("due_at", "pk")
    )
    composer = _Composer(now, mail)
    started = time.monotonic()
    pending = set(ids)
    marker = _Marker(token)
    try:
        with _relaxed_commits():
            for row in rows:
                if time.monotonic() - started > settings.ALERT_CLAIM_TIMEOUT / 2:
                    break
                pending.discard(row.pk)
                if not _still_wanted(row, now):
                    AlertDelivery.objects.filter(pk=row.pk, claim=token).update(state=DeliveryState.CANCELLED, claim="")
                    result.cancelled += 1
                    continue
                try:
                    msgid = composer.send(row, before_content=marker.wait)
                except (smtplib.SMTPException, OSError) as exc:
                    marker.wait()
                    if _after_failure(row, exc, now, result):
                        wait = result.retry_in or settings.ALERT_RETRY_BASE
                        result.deferred += _release(list(pending), token, now + dt.timedelta(seconds=wait), "")
                        return
                    continue
                marker.mark(row.pk, msgid)
    finally:
        marker.close()
        result.sent += marker.marked
    if pending:  # out of time: back in line for the next run
        AlertDelivery.objects.filter(pk__in=pending, claim=token, state=DeliveryState.SENDING).update(
            state=DeliveryState.PENDING, claim="", attempts=F("attempts") - 1
        )
        result.more = True


def _send_digests(now: dt.datetime, mail, result: SendResult, limit: int) -> None:
    """One mail per contact per day, at the contact's chosen local hour, with all its due alerts."""
    contact_ids = list(
        due_deliveries(now)
        .filter(contact__subscription__delivery=Delivery.DIGEST)
        .order_by()
        .values_list("contact_id", flat=True)
        .distinct()[:limit]
    )
    subscriptions = Subscription.objects.select_related("contact").filter(contact_id__in=contact_ids)
    for subscription in subscriptions:
        contact = subscription.contact
        local_now = now.astimezone(ZoneInfo(contact.time_zone))
        if local_now.hour < subscription.digest_hour or subscription.last_digest_on == local_now.date():
            continue
        with transaction.atomic():
            locked = (
                Subscription.objects.select_for_update(skip_locked=True)
                .filter(pk=subscription.pk)
                .exclude(last_digest_on=local_now.date())
                .first()
            )
            if locked is None:
                continue
            rows = list(
                due_deliveries(now)
                .filter(contact=contact)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("deadline", "contact__subscription")
            )
            wanted = [row for row in rows if _still_wanted(row, now)]
            unwanted = [row.pk for row in rows if row not in wanted]
            if unwanted:
                AlertDelivery.objects.filter(pk__in=unwanted).update(state=DeliveryState.CANCELLED)
                result.cancelled += len(unwanted)
            if not wanted:
                continue
            message = render_digest(contact, wanted, local_now.date(), now)
            ids = [row.pk for row in wanted]
            try:
                mail.send_messages([message])
            except (smtplib.SMTPException, OSError) as exc:
                permanent, reason = classify(exc)
                attempts = max(row.attempts for row in wanted) + 1
                gave_up = not permanent and attempts >= settings.ALERT_MAX_ATTEMPTS
                if gave_up:
                    reason = str(_("gave up after %(n)s attempts: %(reason)s") % {"n": attempts, "reason": reason})
                state = DeliveryState.FAILED if permanent or gave_up else DeliveryState.PENDING
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
                if gave_up:  # the server still answers "try later": leave the other digests for the next run
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
    batches = 0
    while max_batches is None or batches < max_batches:
        moment = now or timezone.now()
        token, ids = _claim(moment, batch_size)
        if not ids:
            break
        batches += 1
        mail = get_connection()
        try:
            try:
                mail.open()
            except (smtplib.SMTPException, OSError) as exc:
                _permanent, reason = classify(exc)
                wait = backoff(1)
                result.deferred += _release(ids, token, moment + dt.timedelta(seconds=wait), reason)
                result.retry_in = wait
                return result
            _send_claimed(ids, token, mail, moment, result)
        finally:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                mail.close()
        if result.retry_in is not None:
            return result
    else:
        result.more = due_deliveries(now or timezone.now()).exists()
        return result
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
    return AlertDelivery.objects.filter(pk__in=[d.pk for d in deliveries], state=DeliveryState.FAILED).update(
        state=DeliveryState.PENDING, attempts=0, not_before=None, claim="", last_error=""
    )


def backlog(now: dt.datetime | None = None) -> int:
    return due_deliveries(now or timezone.now()).count()
