"""Reads of the reviewed records: who sees which, and what waits for the working group."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.paginator import Page, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import selectors
from portal.models import ReviewedRecord, ReviewState, Revision, RevisionState
from portal.reviews.kinds import ReviewedKind, kinds


def published_or_own(user, qs: models.QuerySet) -> models.QuerySet:
    """Published records, plus every record of the user's own agency (all of them, for working-group admins)."""
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.filter(review_state=ReviewState.PUBLISHED)
    return qs.filter(models.Q(review_state=ReviewState.PUBLISHED) | models.Q(agency_id=contact.agency_id))


def reports_of(user, qs: models.QuerySet) -> models.QuerySet:
    """The records a user reports: its own agency's in every state (every agency's, for working-group admins),
    none for anyone else."""
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)


# --- The review queue -----------------------------------------------------------------------------------


def waiting(kind: ReviewedKind, since: dt.datetime | None = None) -> models.QuerySet:
    """The kind's records submitted for review (after `since`, when given), the oldest submission first."""
    qs = kind.model.objects.filter(review_state=ReviewState.SUBMITTED)
    if since is not None:
        qs = qs.filter(submitted_at__gt=since)
    return qs.select_related("agency", "submitted_by", *kind.related).order_by("submitted_at", "pk")


@dataclasses.dataclass(frozen=True)
class KindCount:
    kind: ReviewedKind
    count: int


def waiting_counts(since: dt.datetime | None = None) -> list[KindCount]:
    """How many records of each kind wait for review (one query a kind)."""
    return [KindCount(kind, waiting(kind, since).count()) for kind in kinds()]


@dataclasses.dataclass(frozen=True)
class Waiting:
    kind: ReviewedKind
    record: ReviewedRecord
    template = "portal/review_item_record.html"

    @property
    def admin_url(self) -> str:
        return self.kind.admin_url(self.record)


# --- The queue's sources -----------------------------------------------------------------------------------
# The queue lists what waits from several sources (records submitted, of each kind; changes to published
# records…). A source has a `key` (the queue's `?kind=` filter), a `label`, `count()`, `heads(limit)` — its first
# `limit` items as (instant, primary key), the oldest first — and `load(ids)`: those items, by primary key, each
# with the `template` that shows it in the queue.


@dataclasses.dataclass(frozen=True)
class Submissions:
    """The records of one kind submitted for review."""

    kind: ReviewedKind

    @property
    def key(self) -> str:
        return self.kind.key

    @property
    def label(self):
        return self.kind.label

    def count(self) -> int:
        return waiting(self.kind).count()

    def heads(self, limit: int) -> list[tuple]:
        return list(waiting(self.kind).select_related(None).values_list("submitted_at", "pk")[:limit])

    def load(self, ids) -> dict:
        return {record.pk: Waiting(self.kind, record) for record in waiting(self.kind).filter(pk__in=ids)}


class Revisions:
    """Changes to published records waiting for the working group, the longest waiting first."""

    key = "revisions"
    label = _("changes to published records")

    def queryset(self) -> models.QuerySet:
        return Revision.objects.filter(state=RevisionState.PENDING).order_by("updated_at", "pk")

    def count(self) -> int:
        return self.queryset().count()

    def heads(self, limit: int) -> list[tuple]:
        return list(self.queryset().values_list("updated_at", "pk")[:limit])

    def load(self, ids) -> dict:
        from portal.reviews.diffs import describe

        revisions = list(self.queryset().filter(pk__in=ids).select_related("agency", "author"))
        return {item.revision.pk: item for item in describe(revisions)}


def sources() -> list:
    """Every source of the queue: the submissions of each kind, then the changes to published records."""
    return [*(Submissions(kind) for kind in kinds()), Revisions()]


@dataclasses.dataclass(frozen=True)
class SourceCount:
    key: str
    label: str
    count: int


def source_counts() -> list[SourceCount]:
    """How many items wait in each source of the queue (one query a source)."""
    return [SourceCount(source.key, source.label, source.count()) for source in sources()]


class _Waiting:
    """Everything waiting for review in the chosen sources, as one sequence ordered by when it came: what a
    paginator slices. A slice reads the first rows of each source (one query a source), merges them and loads the
    items of the slice (a few queries a source); its length is one count a source."""

    def __init__(self, chosen: list):
        self.chosen = chosen

    def count(self) -> int:
        return sum(source.count() for source in self.chosen)

    def __getitem__(self, window: slice) -> list:
        rows = []
        for source in self.chosen:
            rows += [(at, source.key, pk) for at, pk in source.heads(window.stop)]
        rows.sort(key=lambda row: (row[0] is None, row[0] or dt.datetime.min.replace(tzinfo=dt.UTC), row[2]))
        shown = rows[window]
        items = {}
        for source in self.chosen:
            ids = [pk for _at, key, pk in shown if key == source.key]
            if ids:
                items.update({(source.key, pk): item for pk, item in source.load(ids).items()})
        return [items[key, pk] for _at, key, pk in shown if (key, pk) in items]


def waiting_page(number, *, kind_key: str = "", per_page: int = 25) -> Page:
    """One page of everything waiting for review, whatever its source (or of one source: a kind's submissions,
    the changes to published records), the oldest first."""
    chosen = [source for source in sources() if not kind_key or source.key == kind_key]
    return Paginator(_Waiting(chosen), per_page).get_page(number)


def source_keys() -> set[str]:
    return {source.key for source in sources()}
