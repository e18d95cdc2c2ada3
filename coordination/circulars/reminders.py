"""“Remind those who have not answered, now”: the sender's or the working group's reminder of a sent circular to the
addressed agencies still to answer, each agency at most once a day."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from coordination.circulars import dashboard, selectors
from coordination.circulars.models import ANSWERED_STATES, Circular, CircularRecipient, CircularState
from coordination.circulars.services import mail_context
from portal.mail import send_templated
from portal.models import MailKind

# An agency reminded less than this long ago is not reminded again ("once per day at most").
REMINDER_INTERVAL = dt.timedelta(hours=24)


def due_for_reminder(circular: Circular, now) -> "list[CircularRecipient]":
    """The rows of agencies that have not answered and were not reminded in the last `REMINDER_INTERVAL`."""
    return list(
        CircularRecipient.objects.select_for_update()
        .filter(circular=circular)
        .exclude(state__in=list(ANSWERED_STATES))
        .exclude(last_reminded_at__gt=now - REMINDER_INTERVAL)
        .order_by("agency_id")
    )


@transaction.atomic
def remind_unanswered(circular: Circular, by, now=None) -> int:
    """Queue one `circular_reminder` mail for each addressed agency that has not answered (to each of its confirmed
    contacts, in the contact's language) and note when; an agency reminded less than 24 hours ago, or without a
    contact to write to, is skipped. Only for a sent circular, by those who may watch it (`dashboard.can_watch`).
    Returns the number of agencies reminded."""
    row = Circular.objects.select_for_update().select_related("sender").get(pk=circular.pk)
    if not dashboard.can_watch(by, row):
        raise PermissionDenied(_("Only the sender agency and the working group may remind the addressees."))
    if row.state != CircularState.SENT:
        raise ValidationError(_("Only a sent circular that was not withdrawn can be reminded."), code="not_sent")
    now = now or timezone.now()
    rows = due_for_reminder(row, now)
    contacts: dict[int, list] = {}
    for contact in selectors.distribution_contacts([recipient.agency_id for recipient in rows]):
        contacts.setdefault(contact.agency_id, []).append(contact)
    reminded = [recipient.pk for recipient in rows if recipient.agency_id in contacts]
    for recipient in rows:
        for contact in contacts.get(recipient.agency_id, ()):
            with translation.override(contact.language):
                context = {**mail_context(row, contact), "acknowledged": recipient.acknowledged_at is not None}
            send_templated(MailKind.CIRCULAR_REMINDER, context, [contact.email], contact.language)
    CircularRecipient.objects.filter(pk__in=reminded).update(last_reminded_at=now)
    return len(reminded)
