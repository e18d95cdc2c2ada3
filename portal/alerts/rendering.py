"""Rendering: every mail of the portal in its recipient's language, and the one builder that gives each its
headers (Message-ID, List-Unsubscribe where there is something to leave, Auto-Submitted, Content-Language) and
its two parts (plain text and HTML)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from email.header import Header
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from portal.alerts.subscriptions import unsubscribe_token
from portal.links import page_url
from portal.models import AlertDelivery, Contact, DeadlineKind
from portal.moments import days_before, days_left_text, format_moment
from portal.text import strip_bidi_controls

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


def render_mail(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render `mail/<template>_subject.txt`, `.txt` and `.html` in `language`. The subject is one line without
    direction controls, whatever the titles it names hold (`portal.text`)."""
    with translation.override(language):
        ctx = {"SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": language, **context}
        subject = " ".join(strip_bidi_controls(render_to_string(f"mail/{template}_subject.txt", ctx)).split())
        text = render_to_string(f"mail/{template}.txt", ctx)
        html = render_to_string(f"mail/{template}.html", ctx)
    return subject, text, html


# --- The one builder ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Mail:
    """One mail to one address, rendered. `unsubscribe_url`: the one-click address of what the mail belongs to
    (alerts and digests), "" when there is nothing to leave; `extra_headers` come after the portal's own."""

    to: str
    subject: str
    text: str
    html: str
    language: str
    message_id: str
    unsubscribe_url: str = ""
    extra_headers: dict = dataclasses.field(default_factory=dict)


def mail_headers(mail: Mail) -> dict[str, str]:
    """Every header of `mail` beyond Subject, From, To, Date and the MIME structure."""
    headers = {"Message-ID": mail.message_id}
    if mail.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058: a POST of the mail client
    headers["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a machine
    headers["Content-Language"] = mail.language
    headers.update(mail.extra_headers)
    return headers


def encoded_subject(subject: str) -> str:
    """The Subject header's value as it goes on the wire (RFC 2047 when it is not ASCII)."""
    return subject if subject.isascii() else Header(subject, "utf-8").encode(linesep="\r\n")


def build(mail: Mail) -> EmailMultiAlternatives:
    """`mail` as Django's EmailMessage (mail backends other than SMTP, and digests)."""
    message = EmailMultiAlternatives(
        mail.subject, mail.text, settings.DEFAULT_FROM_EMAIL, [mail.to], headers=mail_headers(mail)
    )
    message.attach_alternative(mail.html, "text/html")
    return message


def mail_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id(delivery: AlertDelivery) -> str:
    """The same for every attempt at the same delivery, so a receiver can tell a repeat."""
    stamp = int(delivery.due_at.timestamp())
    return f"<alert.{delivery.pk}.{delivery.contact_id}.{delivery.deadline_id}.{delivery.lead_days}.{stamp}@{mail_domain()}>"


def digest_message_id(contact: Contact, day: dt.date) -> str:
    return f"<digest.{contact.pk}.{day.isoformat()}@{mail_domain()}>"


def outbox_message_id(kind: str) -> str:
    """A new outbox mail's Message-ID, fixed when it is queued (every attempt sends the same one)."""
    return f"<{kind.replace('_', '-')}.{uuid.uuid4().hex}@{mail_domain()}>"


# --- Alerts and digests ---------------------------------------------------------------------------------


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


def render_alert(delivery: AlertDelivery, now: dt.datetime | None = None) -> EmailMultiAlternatives:
    """The alert mail of `delivery`, in its contact's language and zone."""
    now = now or timezone.now()
    contact = delivery.contact
    links = _links(contact)
    with translation.override(contact.language):
        item = _item(delivery, contact, now)
    subject, text, html = render_mail("alert", {"contact": contact, "item": item, **links}, contact.language)
    return build(
        Mail(contact.email, subject, text, html, contact.language, message_id(delivery), links["unsubscribe_url"])
    )


def render_digest(
    contact: Contact, deliveries: list[AlertDelivery], day: dt.date, now: dt.datetime, *, weekly: bool = False
):
    """The day's (or the week's) digest of `contact`: every alert of `deliveries`, soonest first."""
    links = _links(contact)
    with translation.override(contact.language):
        items = [_item(d, contact, now) for d in sorted(deliveries, key=lambda d: (d.deadline.due_at, d.pk))]
        day_text = formats.date_format(day, "DATE_FORMAT")
    context = {"contact": contact, "items": items, "day": day_text, "weekly": weekly, **links}
    subject, text, html = render_mail("alert_digest", context, contact.language)
    return build(
        Mail(
            contact.email,
            subject,
            text,
            html,
            contact.language,
            digest_message_id(contact, day),
            links["unsubscribe_url"],
        )
    )


class GroupedAlerts:
    """The alert mails of one batch. Contacts who share a deadline, a language and a time zone get the same text:
    it is rendered once, with markers where the name and the unsubscribe address go, and merged per contact."""

    NAME = "\ue000name\ue000"
    UNSUBSCRIBE = "\ue000unsubscribe\ue000"
    # Stands for the signed token in the reversed address (a token never contains it); not a secret.
    TOKEN = "0-token-0"  # noqa: S105

    def __init__(self, now: dt.datetime):
        self.now = now
        self.groups: dict[tuple, tuple[str, str, str, str]] = {}
        self.unsubscribe_urls: dict[str, str] = {}

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
            self.groups[key] = (subject, encoded_subject(subject), text, html)
        return self.groups[key]

    def mail(self, delivery: AlertDelivery) -> tuple[Mail, str]:
        """The alert of `delivery` and its Subject header as encoded for the wire (shared by its group)."""
        contact = delivery.contact
        subject, encoded, text, html = self._group(delivery)
        unsubscribe_url = self.unsubscribe_url(contact)
        text = text.replace(self.NAME, contact.name).replace(self.UNSUBSCRIBE, unsubscribe_url)
        html = html.replace(self.NAME, str(escape(contact.name))).replace(self.UNSUBSCRIBE, unsubscribe_url)
        mail = Mail(contact.email, subject, text, html, contact.language, message_id(delivery), unsubscribe_url)
        return mail, encoded
