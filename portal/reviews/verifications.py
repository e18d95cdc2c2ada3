"""Facts agencies report that the working group checks against their evidence before they are public (an award
result from a won application): each source registered once (`register`, from its app's `AppConfig.ready()`), so
the review queue lists what waits with its evidence link and a verify button without the core importing the areas."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.db import models
from django.urls import reverse

SHOWN = 50  # records listed per source in the queue; the back-office's filter has the rest


@dataclasses.dataclass(frozen=True)
class VerifiedSource:
    """A kind of record verified against its evidence. `waiting()`: its records not verified yet, the oldest first;
    `verify(user, record)`: the service that verifies one (False when it already was, PermissionDenied or
    ValidationError when refused); `evidence_url(record)`: the address to check; `agency(record)`: whose it is."""

    model: type[models.Model]
    waiting: Callable[[], models.QuerySet]
    verify: Callable[[object, models.Model], bool]
    evidence_url: Callable[[models.Model], str]
    agency: Callable[[models.Model], object]

    @property
    def key(self) -> str:
        """The source in addresses: the model's label, e.g. `awards.awardresult`."""
        return self.model._meta.label_lower

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    def admin_url(self, record) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


@dataclasses.dataclass(frozen=True)
class Unverified:
    source: VerifiedSource
    record: models.Model

    @property
    def evidence_url(self) -> str:
        return self.source.evidence_url(self.record)

    @property
    def agency(self):
        return self.source.agency(self.record)

    @property
    def admin_url(self) -> str:
        return self.source.admin_url(self.record)


@dataclasses.dataclass(frozen=True)
class SourceWaiting:
    source: VerifiedSource
    count: int
    items: list[Unverified]


_SOURCES: dict[str, VerifiedSource] = {}


def register(source: VerifiedSource) -> VerifiedSource:
    _SOURCES[source.key] = source
    return source


def source_by_key(key: str) -> VerifiedSource | None:
    return _SOURCES.get(key)


def waiting_verification() -> list[SourceWaiting]:
    """Each source's records waiting for verification: its count and the oldest `SHOWN` (two queries a source)."""
    found = []
    for source in _SOURCES.values():
        waiting = source.waiting()
        found.append(SourceWaiting(source, waiting.count(), [Unverified(source, r) for r in waiting[:SHOWN]]))
    return found
