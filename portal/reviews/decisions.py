"""The working group's decision on a change to a published record (`portal.reviews.revisions`): accepted, it is
applied through the kind's own service as an admin's edit, so it is checked again and everything a save does
(deadlines, results, partners asked…) follows; sent back, the published version stays. The author hears of either
by mail in their language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import ReviewedRecord, Revision, RevisionState
from portal.reviews.kinds import ReviewedKind, kind_of
from portal.reviews.revisions import split
from portal.reviews.workflow import may_decide, save_reported, tell_contact


def apply_change(kind: ReviewedKind, user, record, fields: dict, m2m: dict, *, author=None):
    """Save `fields` and `m2m` on `record` as `user` through the kind's service; `author` proposed them."""
    if kind.save is not None:
        return kind.save(user, record, fields, m2m, author=author)
    return save_reported(user, record, fields, m2m=m2m)


def _decidable(user, revision: Revision) -> tuple[Revision, ReviewedRecord]:
    model = revision.content_type.model_class()
    if model is None or not may_decide(user, model):
        raise PermissionDenied(_("Only working-group admins decide on changes to published records."))
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if not revision.is_pending:
        raise ValidationError(_("This change was already decided."), code="decided")
    record = kind_of(model).model.objects.select_for_update().filter(pk=revision.object_id).first()
    if record is None or not record.is_published:
        raise ValidationError(
            _("This record is no longer published: its agency changes it as a draft now."), code="not_published"
        )
    return revision, record


@transaction.atomic
def accept_revision(user, revision: Revision) -> ReviewedRecord:
    """Apply a pending revision through the kind's service as `user` (a working-group admin: the record stays
    published), mark it accepted and tell its author. The service's refusals (the values no longer pass the
    record's rules) leave the revision pending."""
    revision, record = _decidable(user, revision)
    kind = kind_of(record)
    fields, m2m = split(type(record), revision.data)
    record = apply_change(kind, user, record, fields, m2m, author=revision.author)
    revision.state = RevisionState.ACCEPTED
    revision.decided_at = timezone.now()
    revision.decided_by = user
    revision.save(update_fields=["state", "decided_at", "decided_by", "updated_at"])
    tell_contact(record, "revision_accepted", revision.author_id, extra={"revision": revision})
    return record


@transaction.atomic
def send_back_revision(user, revision: Revision, comment: str) -> Revision:
    """Refuse a pending revision with the working group's comment: the published version stays as it is, the
    revision is kept as sent back, and its author gets the comment by mail."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should change.")}, code="no_comment")
    revision, record = _decidable(user, revision)
    revision.state = RevisionState.SENT_BACK
    revision.comment = comment
    revision.decided_at = timezone.now()
    revision.decided_by = user
    revision.save(update_fields=["state", "comment", "decided_at", "decided_by", "updated_at"])
    tell_contact(record, "revision_sent_back", revision.author_id, extra={"revision": revision})
    return revision
