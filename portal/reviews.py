"""Records an agency reports and the working group reviews (grants received, event participations): one workflow.
A contact's record is its own agency's and stays a draft until submitted; a change after submission makes it a
draft again; working-group admins choose the agency, set any state and publish. Who may change a record is
`portal.selectors.can_change`, for the record as it was and as it becomes."""

import dataclasses

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from portal import selectors


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    PUBLISHED = "published", _("published")


@dataclasses.dataclass(frozen=True)
class Refusals:
    """The area's words for each refusal of the workflow (they name its records: grants, participations…)."""

    may_not_report: str  # neither an agency contact nor a working-group admin
    not_yours: str  # another agency's record
    only_own_agency: str  # a record that would become another agency's
    choose_agency: str  # an admin's record without its agency (on the `agency` field)
    only_admins_publish: str


@transaction.atomic
def save_reported(user, record, data: dict, refusals: Refusals):
    """Create or update `record` with `data` (model field → value) as `user`."""
    model = type(record)
    contact = selectors.active_contact(user)
    admin = selectors.is_working_group_admin(user)
    if record.pk is None:
        if not selectors.can_add(user, model):
            raise PermissionDenied(refusals.may_not_report)
        record.reported_by = user
    elif not selectors.can_change(user, model.objects.get(pk=record.pk)):
        raise PermissionDenied(refusals.not_yours)
    for field, value in data.items():
        if field == "state" and not admin:
            continue
        setattr(record, field, value)
    if not admin:
        if contact is not None:
            record.agency = contact.agency
        if record.pk is not None and record.state != ReviewState.DRAFT:
            record.state = ReviewState.DRAFT  # changed after submission: reviewed again
    if not record.agency_id:
        raise ValidationError({"agency": refusals.choose_agency})
    if not selectors.can_change(user, record):
        raise PermissionDenied(refusals.only_own_agency)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def submit_reported(user, record, refusals: Refusals):
    """A draft goes to the working group for review."""
    if not selectors.can_change(user, record):
        raise PermissionDenied(refusals.not_yours)
    if record.state != ReviewState.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."), code="not_draft")
    record.state = ReviewState.SUBMITTED
    record.save(update_fields=["state", "updated_at"])
    return record


@transaction.atomic
def publish_reported(user, record, refusals: Refusals) -> bool:
    """Publish a record (working-group admins with the model's change permission). False when it already was."""
    opts = record._meta
    if not (selectors.is_working_group_admin(user) and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")):
        raise PermissionDenied(refusals.only_admins_publish)
    record = type(record).objects.select_for_update().get(pk=record.pk)
    if record.state == ReviewState.PUBLISHED:
        return False
    record.state = ReviewState.PUBLISHED
    record.save(update_fields=["state", "updated_at"])
    return True


# --- Who sees which reported records -------------------------------------------------------------------


def published_or_own(user, qs: models.QuerySet) -> models.QuerySet:
    """Published records, plus every record of the user's own agency (all of them, for working-group admins)."""
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.filter(state=ReviewState.PUBLISHED)
    return qs.filter(models.Q(state=ReviewState.PUBLISHED) | models.Q(agency_id=contact.agency_id))


def reports_of(user, qs: models.QuerySet) -> models.QuerySet:
    """The records a user reports: its own agency's in every state (every agency's, for working-group admins),
    none for anyone else."""
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)
