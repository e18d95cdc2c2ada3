"""Reads of the reviewed records: who sees which, and what waits for the working group."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.paginator import Page, Paginator
from django.db import models

from portal import selectors
from portal.models import ReviewedRecord, ReviewState
from portal.reviews.kinds import ReviewedKind, kind_by_key, kinds


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
    return qs.select_related("agency").order_by("submitted_at", "pk")


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


def waiting_page(number, *, kind_key: str = "", per_page: int = 25) -> Page:
    """One page of everything waiting for review, whatever its kind (or of one kind), the oldest submission
    first: the ids come from one UNION of the kinds, the records of the page from one query a kind."""
    chosen = [kind for kind in kinds() if not kind_key or kind.key == kind_key]
    parts = [
        waiting(kind)
        .select_related(None)
        .annotate(kind_key=models.Value(kind.key, output_field=models.CharField()))
        .values("kind_key", "pk", "submitted_at")
        for kind in chosen
    ]
    if not parts:
        return Paginator([], per_page).get_page(number)
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    page = Paginator(union.order_by("submitted_at", "pk"), per_page).get_page(number)
    wanted: dict[str, list[int]] = {}
    for row in page.object_list:
        wanted.setdefault(row["kind_key"], []).append(row["pk"])
    loaded = {}
    for key, ids in wanted.items():
        kind = kind_by_key(key)
        for record in waiting(kind).filter(pk__in=ids).select_related("submitted_by"):
            loaded[key, record.pk] = record
    page.object_list = [
        Waiting(kind_by_key(row["kind_key"]), loaded[row["kind_key"], row["pk"]])
        for row in page.object_list
        if (row["kind_key"], row["pk"]) in loaded
    ]
    return page
