"""What a revision changes, field by field: the published value and the proposed one, as the reader reads them
(labels, choices, related records and dates in the active language; each translated field per language). Made for
a page of revisions at once: one query a kind for the records, one for each many-to-many field's published values,
one a related model for the names of the related records."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from portal.models import ReviewedRecord, Revision
from portal.reviews.kinds import ReviewedKind, kind_of
from portal.reviews.revisions import revised_fields, revised_m2m

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@dataclasses.dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    language: str = ""  # the language of a translated field's texts (for `lang` and `dir`)


@dataclasses.dataclass
class RevisionItem:
    """A pending (or decided) revision with its record and its changes, as the queue and its page show it."""

    revision: Revision
    kind: ReviewedKind
    record: ReviewedRecord | None
    changes: list[FieldChange]
    template = "portal/review_item_revision.html"

    @property
    def url(self) -> str:
        return reverse("review_revision", args=[self.revision.pk])

    @property
    def admin_url(self) -> str:
        return reverse("admin:portal_revision_change", args=[self.revision.pk])


def _label(field) -> str:
    language = getattr(field, "language", None)
    original = getattr(field, "translated_field", None)
    if language and original is not None:
        return f"{capfirst(original.verbose_name)} ({LANGUAGE_NAMES.get(language, language)})"
    return str(capfirst(field.verbose_name))


EMPTY = _("(empty)")


def _shown(field, value, related: dict) -> str:
    if value is None or value == "" or value == []:
        return str(EMPTY)
    if field.many_to_many:
        names = [str(related[field.related_model].get(pk, pk)) for pk in value]
        return ", ".join(sorted(names))
    if field.is_relation:
        return str(related[field.related_model].get(value, value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def describe(revisions: list[Revision]) -> list[RevisionItem]:
    """The revisions with their records and their changes, in the given order."""
    from portal.reviews.revisions import split

    by_model: dict[type, list[Revision]] = defaultdict(list)
    for revision in revisions:
        model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
        if model is not None:
            by_model[model].append(revision)
    records: dict[tuple[type, int], ReviewedRecord] = {}
    old_m2m: dict[tuple[type, int, str], list[int]] = {}
    refs: dict[type, set] = defaultdict(set)
    parsed: dict[int, tuple[dict, dict]] = {}
    for model, group in by_model.items():
        kind = kind_of(model)
        ids = [revision.object_id for revision in group]
        found = model.objects.select_related("agency", *kind.related).in_bulk(ids)
        records.update({(model, pk): record for pk, record in found.items()})
        fields = {field.attname: field for field in revised_fields(model)}
        m2m_fields = {field.name: field for field in revised_m2m(model)}
        wanted_m2m = set()
        for revision in group:
            values, m2m = split(model, revision.data)
            parsed[revision.pk] = (values, m2m)
            record = found.get(revision.object_id)
            for attname, value in values.items():
                field = fields[attname]
                if field.is_relation:
                    refs[field.related_model].update(v for v in (value, getattr(record, attname, None)) if v)
            for name, pks in m2m.items():
                refs[m2m_fields[name].related_model].update(pks)
                wanted_m2m.add(name)
        for name in wanted_m2m:
            field = m2m_fields[name]
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = through.objects.filter(**{f"{source}__in": ids}).values_list(f"{source}_id", f"{target}_id")
            for record_id, target_id in rows:
                old_m2m.setdefault((model, record_id, name), []).append(target_id)
                refs[field.related_model].add(target_id)
    related = {model: model._default_manager.in_bulk(list(pks)) for model, pks in refs.items()}
    items = []
    for revision in revisions:
        model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
        if model is None:
            continue
        record = records.get((model, revision.object_id))
        values, m2m = parsed[revision.pk]
        changes = []
        for field in revised_fields(model):
            if field.attname in values:
                old = getattr(record, field.attname, None) if record else None
                changes.append(
                    FieldChange(
                        _label(field),
                        _shown(field, old, related),
                        _shown(field, values[field.attname], related),
                        getattr(field, "language", None) or "",
                    )
                )
        for field in revised_m2m(model):
            if field.name in m2m:
                old = old_m2m.get((model, revision.object_id, field.name), [])
                changes.append(
                    FieldChange(_label(field), _shown(field, old, related), _shown(field, m2m[field.name], related))
                )
        items.append(RevisionItem(revision, kind_of(model), record, changes))
    return items
