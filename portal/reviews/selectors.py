"""Reads of the reviewed records: who sees which, and what waits for the working group."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.paginator import Page, Paginator
from django.db import models

from portal import selectors
from portal.models import ReviewedRecord, ReviewState
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

    @property
    def admin_url(self) -> str:
        return self.kind.admin_url(self.record)


class _Waiting:
    """Everything waiting for review in the chosen kinds, as one sequence ordered by submission: what a paginator
    slices. A slice reads the first rows of each kind (one query a kind), merges them and loads the records of the
    slice (one query a kind); its length is one count a kind."""

    def __init__(self, chosen: list[ReviewedKind]):
        self.chosen = chosen

    def count(self) -> int:
        return sum(waiting(kind).count() for kind in self.chosen)

    def __getitem__(self, window: slice) -> list[Waiting]:
        rows = []
        for kind in self.chosen:
            heads = waiting(kind).select_related(None).values_list("submitted_at", "pk")[: window.stop]
            rows += [(submitted_at, kind.key, pk) for submitted_at, pk in heads]
        rows.sort(key=lambda row: (row[0] is None, row[0] or dt.datetime.min.replace(tzinfo=dt.UTC), row[2]))
        shown = rows[window]
        records = {}
        for kind in self.chosen:
            ids = [pk for _at, key, pk in shown if key == kind.key]
            if ids:
                records.update({(kind.key, r.pk): Waiting(kind, r) for r in waiting(kind).filter(pk__in=ids)})
        return [records[key, pk] for _at, key, pk in shown if (key, pk) in records]


def waiting_page(number, *, kind_key: str = "", per_page: int = 25) -> Page:
    """One page of everything waiting for review, whatever its kind (or of one kind), the oldest submission
    first."""
    chosen = [kind for kind in kinds() if not kind_key or kind.key == kind_key]
    return Paginator(_Waiting(chosen), per_page).get_page(number)
