"""Reads of the deadline registry for the areas' pages and APIs: which of their records are open (a deadline of the
area's kinds not withdrawn and still ahead), the next deadline of each, and a page's deadlines in one query. The
areas ask these with their own kinds instead of reading their date columns, so "open", "next deadline" and "days
left" mean the same instant everywhere, whatever the record's zone."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, QuerySet, Subquery
from django.utils import timezone

from portal.models import Deadline


def registry_deadlines(model: type[Model], kinds: Iterable[str] | None = None, *, withdrawn: bool = False) -> QuerySet:
    """The registry's deadlines of `model`'s records (of `kinds`, or every kind), passed ones too, soonest first;
    the withdrawn ones too when `withdrawn`."""
    qs = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if kinds is not None:
        qs = qs.filter(kind__in=[str(kind) for kind in kinds])
    if not withdrawn:
        qs = qs.filter(withdrawn_at__isnull=True)
    return qs.order_by("due_at", "pk")


def open_deadlines(model: type[Model], kinds: Iterable[str], now: dt.datetime | None = None) -> QuerySet:
    """The open deadlines of `kinds` of `model`'s records: not withdrawn and still ahead at `now`. This is the
    registry's rule of "open"; `Deadline.closed` says the same of one row."""
    return registry_deadlines(model, kinds).filter(due_at__gt=now or timezone.now())


def has_open_deadline(model: type[Model], kinds: Iterable[str], now: dt.datetime | None = None) -> Exists:
    """A condition on a queryset of `model`: the record has an open deadline of one of `kinds`."""
    return Exists(open_deadlines(model, kinds, now).filter(object_id=OuterRef("pk")))


def next_open_due(model: type[Model], kinds: Iterable[str], now: dt.datetime | None = None) -> Subquery:
    """An annotation of a queryset of `model`: the instant of the record's soonest open deadline of `kinds`
    (NULL when it has none)."""
    return Subquery(open_deadlines(model, kinds, now).filter(object_id=OuterRef("pk")).values("due_at")[:1])


def soonest_open_first(qs: QuerySet, kinds: Iterable[str], now: dt.datetime | None = None) -> QuerySet:
    """The records of `qs` with an open deadline of `kinds`, ordered in SQL by the instant of their soonest one
    (`next_due_at`): a call due at 09:00 in Seoul comes before one due at 08:00 the same day in Istanbul."""
    now = now or timezone.now()
    kinds = list(kinds)
    return (
        qs.filter(has_open_deadline(qs.model, kinds, now))
        .annotate(next_due_at=next_open_due(qs.model, kinds, now))
        .order_by("next_due_at", "pk")
    )


def deadlines_by_source(sources: Iterable[Model], deadlines: QuerySet) -> dict[int, list[Deadline]]:
    """`deadlines` (a query of this module on the sources' model) of each of `sources`, in the query's order, each
    with its `source` set: one query for all of them, where a generic relation cannot be prefetched."""
    by_pk = {source.pk: source for source in sources}
    found: dict[int, list[Deadline]] = {pk: [] for pk in by_pk}
    if by_pk:
        for deadline in deadlines.filter(object_id__in=list(by_pk)):
            deadline.source = by_pk[deadline.object_id]
            found[deadline.object_id].append(deadline)
    return found


def next_open_deadlines(
    sources: Iterable[Model], kinds: Iterable[str], now: dt.datetime | None = None
) -> dict[int, Deadline]:
    """The soonest open deadline of `kinds` of each of `sources` that has one, by the source's key: one query."""
    sources = list(sources)
    if not sources:
        return {}
    found = deadlines_by_source(sources, open_deadlines(sources[0]._meta.model, kinds, now))
    return {pk: rows[0] for pk, rows in found.items() if rows}


def next_open_deadline(
    sources: Iterable[Model], kinds: Iterable[str], now: dt.datetime | None = None
) -> Deadline | None:
    """The soonest open deadline of `kinds` among all `sources` (with its `source` set), or None: one query."""
    by_pk = {source.pk: source for source in sources}
    if not by_pk:
        return None
    model = next(iter(by_pk.values()))._meta.model
    deadline = open_deadlines(model, kinds, now).filter(object_id__in=list(by_pk)).first()
    if deadline is not None:
        deadline.source = by_pk[deadline.object_id]
    return deadline


def is_open(deadline: Deadline | None) -> bool:
    """A deadline read from the registry (None: it has none) is open: not withdrawn and still ahead."""
    return deadline is not None and not deadline.closed


def deadline_of(source: Model, kind: str, *, withdrawn: bool = False) -> Deadline | None:
    """`source`'s deadline of `kind` in the registry (with its `source` set), passed or not; a withdrawn one only
    when `withdrawn`. None when the registry has none."""
    deadline = registry_deadlines(source._meta.model, [kind], withdrawn=withdrawn).filter(object_id=source.pk).first()
    if deadline is not None:
        deadline.source = source
    return deadline
