"""Reads of circular letters, scoped to the user: who sees which circular, which agency's row is the user's, who may
answer for an agency. `can_answer` is the one rule of answering; `visible_circulars` the one rule of seeing."""

import functools
import operator

from django.db.models import Count, Q, QuerySet

from coordination.circulars.models import (
    ANSWERED_STATES,
    Circular,
    CircularAttachment,
    CircularRecipient,
    CircularState,
    CircularVisibility,
    ReplyAttachment,
)
from portal.models import Contact
from portal.selectors import active_contact, agency_contacts, is_working_group_admin

# States in which a circular has gone out: its recipients exist and it is part of the record.
OUT_STATES = (CircularState.SENT, CircularState.WITHDRAWN)


def _listed(qs: QuerySet) -> QuerySet:
    return qs.select_related("sender", "award_edition__programme", "funding_call", "event")


def visible_circulars(user) -> QuerySet:
    """Circulars `user` may see. Public circulars once sent (or withdrawn: the letter stays in the record) are seen
    by everyone; addressees-only ones by the active contacts of an addressed agency and of the sender agency; drafts
    and everything else by working-group admins only."""
    qs = _listed(Circular.objects.all())
    if is_working_group_admin(user):
        return qs
    out = qs.filter(state__in=OUT_STATES)
    contact = active_contact(user)
    if contact is None:
        return out.filter(visibility=CircularVisibility.PUBLIC)
    addressed = CircularRecipient.objects.filter(agency_id=contact.agency_id).values("circular_id")
    return out.filter(Q(visibility=CircularVisibility.PUBLIC) | Q(sender_id=contact.agency_id) | Q(pk__in=addressed))


def public_circulars() -> QuerySet:
    """What anyone sees: public circulars that have gone out (`visible_circulars` of an anonymous user)."""
    return visible_circulars(None)


def recipient_for(user, circular: Circular) -> CircularRecipient | None:
    """The row of the user's agency (an active contact's) on `circular`, or None."""
    contact = active_contact(user)
    if contact is None or circular.state not in OUT_STATES:
        return None
    return (
        CircularRecipient.objects.select_related("agency", "acknowledged_by", "answered_by")
        .filter(circular=circular, agency_id=contact.agency_id)
        .first()
    )


def can_answer(user, recipient: CircularRecipient) -> bool:
    """The one rule of acknowledging and answering: the circular is sent (not a draft, not withdrawn) and the user
    is an active contact of the addressed agency. Nobody answers for another agency, working-group admins
    included (they see every answer)."""
    if recipient is None or recipient.circular.state != CircularState.SENT:
        return False
    contact = active_contact(user)
    return contact is not None and contact.agency_id == recipient.agency_id


def can_see_contact_details(user) -> bool:
    """The sender's contact person's e-mail and telephone: signed-in active agency contacts and admins only."""
    return active_contact(user) is not None or is_working_group_admin(user)


def circulars_to_agency(agency) -> QuerySet:
    """The agency's recipient rows of circulars that have gone out ("circulars to my agency"), each with its
    circular and sender: what is asked, by when, and the agency's state. Soonest reply deadline first."""
    agency_id = getattr(agency, "pk", agency)
    return (
        CircularRecipient.objects.filter(agency_id=agency_id, circular__state__in=OUT_STATES)
        .select_related("circular__sender", "answered_by", "acknowledged_by")
        .order_by("circular__state", "-circular__reply_due_on", "-circular__dated_on", "-circular_id")
    )


def pending_answers(agency) -> QuerySet:
    """The agency's rows still to answer on circulars in force (sent, not withdrawn)."""
    return (
        circulars_to_agency(agency)
        .filter(circular__state=CircularState.SENT)
        .exclude(state__in=list(ANSWERED_STATES))
        .order_by("circular__reply_due_on", "circular_id")
    )


def circular_recipients(circular: Circular) -> QuerySet:
    """The circular's recipient rows with their agencies and who acknowledged and answered."""
    return (
        CircularRecipient.objects.filter(circular=circular)
        .select_related("agency", "acknowledged_by", "answered_by")
        .prefetch_related("attachments", "applications")
        .order_by("agency__slug", "pk")
    )


def recipient_counts(circular: Circular) -> dict[str, int]:
    """How many rows are in each recipient state, and how many were late."""
    rows = CircularRecipient.objects.filter(circular=circular).values("state").annotate(n=Count("pk")).order_by()
    counts = {row["state"]: row["n"] for row in rows}
    counts["late"] = CircularRecipient.objects.filter(circular=circular, late=True).count()
    return counts


def distribution_contacts(agency_ids) -> QuerySet:
    """The contacts a circular to `agency_ids` is mailed to: every active, confirmed, approved contact of each
    (`portal.selectors.agency_contacts`), in one query."""
    ids = sorted(set(agency_ids))
    if not ids:
        return Contact.objects.none()
    qs = functools.reduce(operator.or_, (agency_contacts(agency_id) for agency_id in ids))
    return qs.select_related("agency").order_by("agency_id", "pk")


def visible_attachment(user, pk: int) -> CircularAttachment | None:
    """A circular's attachment if the user may see its circular, else None."""
    return CircularAttachment.objects.filter(pk=pk, circular__in=visible_circulars(user).values("pk")).first()


def visible_reply_attachment(user, pk: int) -> ReplyAttachment | None:
    """An answer's attachment: seen by the answering agency's contacts, the sender agency's contacts and admins."""
    attachment = ReplyAttachment.objects.select_related("recipient__circular").filter(pk=pk).first()
    if attachment is None:
        return None
    if is_working_group_admin(user):
        return attachment
    contact = active_contact(user)
    if contact is None:
        return None
    recipient = attachment.recipient
    if contact.agency_id in (recipient.agency_id, recipient.circular.sender_id):
        return attachment
    return None


def open_circulars(user, now=None) -> QuerySet:
    """Circulars `user` sees whose reply deadline is open (not withdrawn, still ahead), soonest first."""
    from portal.deadline_selectors import has_open_deadline, next_open_due
    from portal.models import DeadlineKind

    kinds = [DeadlineKind.CIRCULAR_REPLY]
    return (
        visible_circulars(user)
        .filter(has_open_deadline(Circular, kinds, now))
        .annotate(next_due=next_open_due(Circular, kinds, now))
        .order_by("next_due", "pk")
    )
