"""Writes of circular letters: sending a circular to a distribution list (one recipient row per agency, one mail per
confirmed contact of each, in the contact's language, through the outbox), withdrawing it, and an addressed agency's
acknowledgement and answer. Every write is one transaction; who may answer is `selectors.can_answer`."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from coordination.circulars import deadlines, selectors
from coordination.circulars.models import (
    Circular,
    CircularRecipient,
    CircularState,
    DistributionList,
    RecipientState,
    ReplyAttachment,
)
from portal import deadlines as registry
from portal.links import page_url
from portal.mail import send_templated_each
from portal.models import AlertDelivery, Deadline, DeadlineKind, DeliveryState, MailKind
from portal.moments import format_moment


def _locked(circular: Circular) -> Circular:
    """The circular's row, locked for the change; the caller's instance is refreshed from it."""
    row = Circular.objects.select_for_update().get(pk=circular.pk)
    circular.refresh_from_db()
    return row


def mail_context(circular: Circular, contact) -> dict:
    """What the circular's mail to `contact` says, rendered in the contact's language (call it with that language
    active): the page's address and the reply deadline in the circular's zone and in the contact's."""
    due_at = circular.reply_due_at
    return {
        "contact": contact,
        "circular": circular,
        "sender": circular.sender,
        "url": page_url(deadlines.circular_url(circular), contact.language),
        "due_own": format_moment(due_at, circular.tz) if due_at else "",
        "due_local": format_moment(due_at, contact.time_zone) if due_at else "",
        "same_zone": contact.time_zone == circular.tz,
    }


def _mail_addressees(circular: Circular, agency_ids) -> int:
    """One `circular` mail to each confirmed contact of each addressed agency, in the contact's language."""

    def mails():
        for contact in selectors.distribution_contacts(agency_ids):
            with translation.override(contact.language):
                context = mail_context(circular, contact)
            yield context, [contact.email], contact.language

    return send_templated_each(MailKind.CIRCULAR, mails())


@transaction.atomic
def send_circular(circular: Circular, by, distribution_list: DistributionList | None = None) -> int:
    """Send a draft circular to the agencies of `distribution_list` (else the circular's own list): copy them onto
    the circular as recipient rows (a later edit of the list changes nothing here), note the list's name, when and
    by whom it was sent, and queue one mail per confirmed contact of each addressee. Saving it as sent registers its
    reply deadline. Returns the number of recipient rows. Refuses a circular already sent or withdrawn, and one
    without addressees."""
    _locked(circular)
    if circular.state != CircularState.DRAFT:
        raise ValidationError(_("This circular has already been sent."), code="already_sent")
    distribution_list = distribution_list or circular.distribution_list
    if distribution_list is None:
        raise ValidationError(_("Choose the distribution list to send the circular to."), code="no_list")
    agency_ids = sorted(distribution_list.agencies.values_list("pk", flat=True))
    if not agency_ids:
        raise ValidationError(_("The distribution list has no agencies."), code="no_addressees")
    CircularRecipient.objects.bulk_create(
        [CircularRecipient(circular=circular, agency_id=agency_id) for agency_id in agency_ids]
    )
    circular.state = CircularState.SENT
    circular.distribution_list = distribution_list
    circular.distribution_name = distribution_list.name
    circular.sent_at = timezone.now()
    circular.sent_by = by if getattr(by, "is_authenticated", False) else None
    circular.save()  # the registry's sync reads the recipient rows made above
    _mail_addressees(circular, agency_ids)
    return len(agency_ids)


def _cancel_alerts(deadline_filter: dict, agency_ids=None) -> int:
    rows = AlertDelivery.objects.filter(state=DeliveryState.PENDING, **deadline_filter)
    if agency_ids is not None:
        rows = rows.filter(contact__agency_id__in=list(agency_ids))
    return rows.update(state=DeliveryState.CANCELLED, not_before=None, claim="")


def _reply_deadline_filter(circular: Circular) -> dict:
    from django.contrib.contenttypes.models import ContentType

    reply = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Circular),
        object_id=circular.pk,
        kind=DeadlineKind.CIRCULAR_REPLY,
    )
    return {"deadline__in": reply}


@transaction.atomic
def withdraw_circular(circular: Circular, by) -> Circular:
    """Withdraw a sent circular: its reply deadline is withdrawn and its unsent alerts cancelled at once; the
    letter and its answers stay in the record."""
    _locked(circular)
    if circular.state != CircularState.SENT:
        raise ValidationError(_("Only a sent circular can be withdrawn."), code="not_sent")
    circular.state = CircularState.WITHDRAWN
    circular.withdrawn_at = timezone.now()
    circular.save()  # the registry's sync withdraws the reply deadline
    _cancel_alerts(_reply_deadline_filter(circular))
    return circular


def _checked(user, recipient: CircularRecipient) -> CircularRecipient:
    row = (
        CircularRecipient.objects.select_for_update(of=("self",))
        .select_related("circular", "agency")
        .get(pk=recipient.pk)
    )
    if not selectors.can_answer(user, row):
        raise PermissionDenied(_("Only a contact of an addressed agency may answer this circular."))
    return row


def _refresh(recipient: CircularRecipient, row: CircularRecipient) -> CircularRecipient:
    for field in ("state", "acknowledged_at", "acknowledged_by_id", "answer", "answered_at", "answered_by_id", "late"):
        setattr(recipient, field, getattr(row, field))
    return recipient


@transaction.atomic
def acknowledge(recipient: CircularRecipient, user) -> CircularRecipient:
    """Note that the agency has received the circular (who and when); the first acknowledgement stands, and an
    agency that has answered has nothing to acknowledge."""
    row = _checked(user, recipient)
    if row.state == RecipientState.PENDING:
        row.state = RecipientState.ACKNOWLEDGED
        row.acknowledged_at = timezone.now()
        row.acknowledged_by = user
        row.save(update_fields=["state", "acknowledged_at", "acknowledged_by"])
    return _refresh(recipient, row)


def _own_applications(row: CircularRecipient, applications) -> list:
    from awards.models import AwardApplication

    keys = {getattr(application, "pk", application) for application in applications}
    if not keys:
        return []
    edition_id = row.circular.award_edition_id
    if edition_id is None:
        raise ValidationError({"applications": _("This circular is not about an award edition.")}, code="no_edition")
    found = list(AwardApplication.objects.filter(pk__in=keys, agency_id=row.agency_id, edition_id=edition_id))
    if len(found) != len(keys):
        raise ValidationError(
            {"applications": _("Name only your agency's applications to the circular's award edition.")},
            code="not_own_application",
        )
    return found


def _attachment(row: CircularRecipient, user, item) -> ReplyAttachment:
    """An attachment from an uploaded file, or a (title, file) pair; its content is checked like every upload."""
    title, file = item if isinstance(item, tuple) else ("", item)
    attachment = ReplyAttachment(
        recipient=row, title=(title or Path(file.name).name)[:200], file=file, uploaded_by=user
    )
    attachment.full_clean(exclude=["recipient"])
    return attachment


@transaction.atomic
def answer(
    recipient: CircularRecipient,
    user,
    text: str,
    *,
    nothing_to_report: bool = False,
    applications=(),
    attachments=(),
) -> CircularRecipient:
    """Record the agency's answer: its text, attachments and — when the circular is about an award edition — the
    agency's own applications to that edition; or "nothing to report". The first answer's time stands (late when
    after the reply deadline); answering again corrects the text and adds to what was given. The circular's reply
    deadline is synced again, so the agency is no longer reminded, and its contacts' unsent alerts are cancelled."""
    row = _checked(user, recipient)
    text = (text or "").strip()
    found = _own_applications(row, applications)
    files = [_attachment(row, user, item) for item in attachments]
    if not nothing_to_report and not (text or found or files or row.has_answered):
        raise ValidationError(
            {
                "answer": _(
                    "Write your answer, attach a file or name an application, or say there is nothing to report."
                )
            },
            code="empty_answer",
        )
    now = timezone.now()
    if not row.has_answered:
        row.answered_at = now
        due_at = row.circular.reply_due_at
        row.late = due_at is not None and now > due_at
    if nothing_to_report and found:
        raise ValidationError(
            {"applications": _("An agency with nothing to report names no applications.")}, code="nothing_but_named"
        )
    row.state = RecipientState.NOTHING_TO_REPORT if nothing_to_report else RecipientState.ANSWERED
    if text or not row.answer:
        row.answer = text
    row.answered_by = user
    row.full_clean(exclude=["circular", "agency", "applications"])
    row.save(update_fields=["state", "answer", "answered_at", "answered_by", "late"])
    for attachment in files:
        attachment.save()
    if found:
        row.applications.add(*found)
    registry.sync(row.circular, deadlines.specs_for(row.circular))
    _cancel_alerts(_reply_deadline_filter(row.circular), agency_ids=[row.agency_id])
    return _refresh(recipient, row)
