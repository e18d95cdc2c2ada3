"""The steps of the review workflow: save, submit, publish, send back with a comment."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal import selectors
from portal.mail import send_templated
from portal.models import Contact, ReviewedRecord, ReviewState
from portal.reviews import notices, revisions
from portal.reviews.kinds import kind_of

# --- The steps ----------------------------------------------------------------------------------------


def may_decide(user, model) -> bool:
    """Working-group admins with the model's change permission publish records and send them back."""
    opts = model._meta
    return selectors.is_working_group_admin(user) and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


@transaction.atomic
def save_reported(
    user, record: ReviewedRecord, data: dict | None = None, *, m2m: dict | None = None, set_m2m=None
) -> ReviewedRecord:
    """Create or update `record` with `data` (model field → value) and `m2m` (many-to-many field → objects or
    primary keys) as `user`. The review state is set by working-group admins only; a contact's change to a
    submitted record makes it a draft again, and a contact's change to a published record is checked, then stored
    as its pending revision (`portal.reviews.revisions`): the published version is returned unchanged, with the
    revision as its `pending_revision`. `set_m2m(record, field, values)` saves a many-to-many field when the kind
    has its own rule for one (partner agencies are asked first), else the field is set."""
    model = type(record)
    refusals = kind_of(model).refusals
    contact = selectors.active_contact(user)
    admin = selectors.is_working_group_admin(user)
    stored = None
    if record.pk is None:
        if not selectors.can_add(user, model):
            raise PermissionDenied(refusals.may_not_report)
        record.reported_by = user
    else:
        stored = model.objects.select_for_update().get(pk=record.pk)
        if not selectors.can_change(user, stored):
            raise PermissionDenied(refusals.not_yours)
    for field, value in (data or {}).items():
        if field == "review_state" and not admin:
            continue
        setattr(record, field, value)
    revising = not admin and stored is not None and stored.review_state == ReviewState.PUBLISHED
    if not admin:
        if contact is not None and record.agency_id is None:
            record.agency = contact.agency  # left out: the contact's own (another is refused below)
        if revising:
            record.review_state, record.published_at = stored.review_state, stored.published_at
        elif record.pk is not None and record.review_state in (ReviewState.SUBMITTED, ReviewState.PUBLISHED):
            record.review_state = ReviewState.DRAFT  # changed after submission: reviewed again
            record.published_at = None
    if not record.agency_id:
        raise ValidationError({"agency": refusals.choose_agency})
    if not selectors.can_change(user, record):
        raise PermissionDenied(refusals.only_own_agency)
    if record.review_state == ReviewState.PUBLISHED and record.published_at is None:
        record.published_at = timezone.now()  # an admin's record saved as published
    record.full_clean()
    if revising:
        stored.pending_revision, new = revisions.propose(user, stored, record, m2m)
        if new:
            notices.tell_each(stored)  # the reviewers who asked for one mail per submission hear of it
        return stored
    record.save()
    for field, values in (m2m or {}).items():
        if set_m2m is not None:
            set_m2m(record, field, values)
        else:
            getattr(record, field).set(values)
    if stored is not None and not admin:
        revisions.withdraw(record)  # changed as a draft now: an older pending change is superseded
    return record


def waiting_change(record: ReviewedRecord):
    """The pending revision `save_reported` stored for `record` instead of changing it (a contact's change to a
    published record), or None when the save changed the record itself."""
    return getattr(record, "pending_revision", None)


def kept_published(record: ReviewedRecord) -> bool:
    """`save_reported` left the published `record` as it was: a contact's change waits as its revision, or the
    change altered nothing."""
    return "pending_revision" in vars(record)


@transaction.atomic
def submit_reported(user, record: ReviewedRecord) -> ReviewedRecord:
    """A draft, or a record sent back with a comment, goes to the working group for review; the reviewers who
    asked for one mail per submission hear of it."""
    if not selectors.can_change(user, record):
        raise PermissionDenied(kind_of(record).refusals.not_yours)
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if not record.may_be_submitted:
        raise ValidationError(_("Only a draft or a record sent back for changes can be submitted."), code="not_draft")
    record.review_state = ReviewState.SUBMITTED
    record.submitted_at = timezone.now()
    record.submitted_by = user
    record.save(update_fields=["review_state", "submitted_at", "submitted_by", "updated_at"])
    _tell_reviewers(record)
    return record


@transaction.atomic
def publish_reported(user, record: ReviewedRecord) -> bool:
    """Publish a record and tell the contact who submitted it. False when it already was published."""
    kind = kind_of(record)
    if not may_decide(user, kind.model):
        raise PermissionDenied(kind.refusals.only_admins_publish)
    record = kind.model.objects.select_for_update().get(pk=record.pk)
    if record.review_state == ReviewState.PUBLISHED:
        return False
    now = timezone.now()
    record.review_state = ReviewState.PUBLISHED
    record.published_at = now
    record.reviewed_at = now
    record.review_comment = ""
    record.save(update_fields=["review_state", "published_at", "reviewed_at", "review_comment", "updated_at"])
    if kind.on_publish is not None:
        kind.on_publish(record)
    tell_contact(record, "review_published")
    return True


@transaction.atomic
def request_changes(user, record: ReviewedRecord, comment: str) -> ReviewedRecord:
    """Send a record back to its agency with the working group's comment, which reaches the contact who
    submitted it by mail in their language. A published record leaves the public pages until published again."""
    kind = kind_of(record)
    if not may_decide(user, kind.model):
        raise PermissionDenied(kind.refusals.only_admins_publish)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should change.")}, code="no_comment")
    record = kind.model.objects.select_for_update().get(pk=record.pk)
    record.review_state = ReviewState.CHANGES_REQUESTED
    record.review_comment = comment
    record.published_at = None
    record.reviewed_at = timezone.now()
    record.save(update_fields=["review_state", "review_comment", "published_at", "reviewed_at", "updated_at"])
    tell_contact(record, "review_changes_requested")
    return record


# --- Who hears of it -----------------------------------------------------------------------------------


def submitter(record: ReviewedRecord, user_ids=None) -> Contact | None:
    """The first active, confirmed contact among the users `user_ids` (by default the record's submitter, then
    its reporter): the one who hears of the decision."""
    for user_id in user_ids or (record.submitted_by_id, record.reported_by_id):
        if user_id is None:
            continue
        contact = Contact.objects.select_related("agency").filter(user_id=user_id, is_active=True).first()
        if contact is not None and contact.is_confirmed:
            return contact
    return None


def tell_contact(record: ReviewedRecord, template: str, author_id=None, extra: dict | None = None) -> None:
    """Mail the decision on `record` (`template`, a `MailKind`) to its contact — the revision's author when
    `author_id` is given, else its submitter — in their language, with the address of the record's page."""
    ids = (author_id, record.submitted_by_id, record.reported_by_id) if author_id else None
    contact = submitter(record, ids)
    if contact is None:
        return
    with translation.override(contact.language):
        url = settings.SITE_URL + kind_of(record).edit_url(record)
    send_templated(
        template,
        {"contact": contact, "record": record, "kind": record._meta.verbose_name, "url": url, **(extra or {})},
        [contact.email],
        contact.language,
    )


def _tell_reviewers(record: ReviewedRecord) -> None:
    notices.tell_each(record)
