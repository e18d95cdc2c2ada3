"""Changes to published records: a contact's edit of a published record is stored as a pending `Revision` (one a
record; editing again updates it) and the published version stays public, unchanged, until a working-group admin
accepts the change — applied then through the kind's own service, as an admin's edit, so it is checked again and
everything a save does (deadlines, results…) follows — or sends it back with a comment. The contact hears of either
decision by mail in their language (`portal.reviews.decisions`). Working-group admins' own edits apply at once
(`workflow.save_reported`)."""

from __future__ import annotations

import dataclasses
import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from portal import selectors
from portal.models import ReviewedRecord, Revision, RevisionState

# What a revision never carries: the workflow's own fields and the record's agency (a contact's is always its own).
NOT_REVISED = frozenset(
    {
        "id",
        "agency",
        "review_state",
        "review_comment",
        "reported_by",
        "submitted_by",
        "submitted_at",
        "published_at",
        "reviewed_at",
        "created_at",
        "updated_at",
        "slug",
        "imported",
    }
)


def _translated_originals(model) -> set[str]:
    """The fields stored once per language (`title` is `title_tr`, `title_en`…): the revision carries the
    languages, never the original."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def revised_fields(model) -> list[models.Field]:
    """The fields of `model` a revision may change, in the model's order."""
    originals = _translated_originals(model)
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and field.name not in NOT_REVISED and field.name not in originals
    ]


def revised_m2m(model) -> list[models.Field]:
    return [field for field in model._meta.many_to_many if field.editable]


def _empty(value) -> bool:
    return value is None or value == ""


def _json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _python(field: models.Field, value):
    """A stored JSON value back as the field's Python value."""
    if value is None or (value == "" and not field.is_relation):
        return None if value is None or field.null else value
    if field.is_relation:
        return field.target_field.to_python(value)
    return field.to_python(value)


def changes(stored: ReviewedRecord, proposed: ReviewedRecord, m2m: dict | None) -> dict:
    """The fields whose value in `proposed` (and `m2m`: field → objects or primary keys) differs from the
    published `stored`, as JSON values (foreign keys by their column, many-to-many as sorted primary keys)."""
    data = {}
    for field in revised_fields(type(stored)):
        old, new = field.value_from_object(stored), field.value_from_object(proposed)
        if _empty(old) and _empty(new):
            continue  # a text left out is stored as NULL or as "": the same to the reader
        if _python(field, _json(old)) != _python(field, _json(new)):
            data[field.attname] = _json(new)
    for name, values in (m2m or {}).items():
        new = sorted(getattr(value, "pk", value) for value in values)
        old = sorted(getattr(stored, name).values_list("pk", flat=True))
        if new != old:
            data[name] = new
    return data


def split(model, data: dict) -> tuple[dict, dict]:
    """A revision's `data` as the kind's service takes it: the fields (model field name → Python value) and the
    many-to-many fields (name → primary keys). Fields the model no longer has are left out."""
    by_attname = {field.attname: field for field in revised_fields(model)}
    m2m_names = {field.name for field in revised_m2m(model)}
    fields, m2m = {}, {}
    for key, value in data.items():
        if key in by_attname:
            field = by_attname[key]
            fields[field.attname] = _python(field, value)
        elif key in m2m_names:
            m2m[key] = list(value)
    return fields, m2m


def pending_of(record: ReviewedRecord) -> Revision | None:
    """The record's revision waiting for review, if any."""
    if record.pk is None:
        return None
    return (
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=record.pk,
            state=RevisionState.PENDING,
        )
        .order_by("pk")
        .first()
    )


def proposed_version(record: ReviewedRecord, revision: Revision | None) -> tuple[ReviewedRecord, dict]:
    """The record as its pending revision would make it (a copy, never saved) and the revision's many-to-many
    values (name → primary keys): what the contact's form shows while the change waits."""
    if revision is None:
        return record, {}
    fields, m2m = split(type(record), revision.data)
    shown = type(record).objects.get(pk=record.pk)
    for attname, value in fields.items():
        setattr(shown, attname, value)
    return shown, m2m


def propose(user, stored: ReviewedRecord, proposed: ReviewedRecord, m2m: dict | None) -> tuple[Revision | None, bool]:
    """Store a contact's change to the published `stored` (already checked: `proposed` passed the model's rules)
    as its pending revision, or update the pending one. A change back to the published values withdraws it.
    Returns the pending revision, or None when nothing differs from the published version, and whether it is new
    (the caller tells the reviewers)."""
    data = changes(stored, proposed, m2m)
    content_type = ContentType.objects.get_for_model(type(stored))
    revision = (
        Revision.objects.select_for_update()
        .filter(content_type=content_type, object_id=stored.pk, state=RevisionState.PENDING)
        .first()
    )
    if not data:
        if revision is not None:
            revision.delete()
        return None, False
    new = revision is None
    if new:
        revision = Revision(content_type=content_type, object_id=stored.pk, agency_id=stored.agency_id)
    revision.author = user
    revision.data = data
    revision.save()
    return revision, new


def withdraw(record: ReviewedRecord) -> int:
    """Drop the record's pending revision (its agency changed the record itself, once it was no longer
    published). Returns how many were dropped."""
    deleted, _by_model = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk, state=RevisionState.PENDING
    ).delete()
    return deleted


# --- Reads ----------------------------------------------------------------------------------------------------


def visible_to(user) -> models.QuerySet:
    """The revisions a user may see: every one for working-group admins, its own agency's for a contact."""
    qs = Revision.objects.all()
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)


def pending_ids(user, model) -> set[int]:
    """The primary keys of the `model` records with a pending revision the user may see (one query)."""
    return set(
        visible_to(user)
        .filter(content_type=ContentType.objects.get_for_model(model), state=RevisionState.PENDING)
        .values_list("object_id", flat=True)
    )


def latest_of(record: ReviewedRecord) -> Revision | None:
    """The record's latest revision, whatever its state."""
    return (
        Revision.objects.filter(content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk)
        .order_by("-updated_at", "-pk")
        .first()
    )


@dataclasses.dataclass(frozen=True)
class Pending:
    """What a record's contact sees of its revisions: the one waiting, or the last one sent back."""

    waiting: Revision | None
    sent_back: Revision | None


def status_of(record: ReviewedRecord) -> Pending:
    """The record's pending revision, or its latest one if it was sent back (one query)."""
    latest = latest_of(record) if record.pk else None
    if latest is None:
        return Pending(None, None)
    if latest.state == RevisionState.PENDING:
        return Pending(latest, None)
    if latest.state == RevisionState.SENT_BACK:
        return Pending(None, latest)
    return Pending(None, None)
