"""The kinds of reviewed records, each registered once (`register`, from its app's `AppConfig.ready()`), so the
review queue, the admin and the mails know every kind without the core importing the areas."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.urls import reverse

from portal.models import ReviewedRecord


@dataclasses.dataclass(frozen=True)
class Refusals:
    """The kind's words for each refusal of the workflow (they name its records: grants, participations…)."""

    may_not_report: str  # neither an agency contact nor a working-group admin
    not_yours: str  # another agency's record
    only_own_agency: str  # a record that would become another agency's
    choose_agency: str  # an admin's record without its agency (on the `agency` field)
    only_admins_publish: str


@dataclasses.dataclass(frozen=True)
class ReviewedKind:
    """A kind of reviewed record. `edit_url(record)` is the contact's page of the record (a path under the active
    language), linked from the mails; `on_publish(record)`, when given, runs in the publishing transaction (a won
    award application puts its result in the inventory); `save(user, record, fields, m2m)`, when given, is the
    kind's own service that applies an accepted revision (fields: model field → value, m2m: name → primary keys),
    else the workflow's `save_reported`."""

    model: type[ReviewedRecord]
    refusals: Refusals
    edit_url: Callable[[ReviewedRecord], str]
    on_publish: Callable[[ReviewedRecord], None] | None = None
    related: tuple[str, ...] = ()  # what the record's name (`str()`) reads, loaded with it in lists
    save: Callable | None = None

    @property
    def key(self) -> str:
        """The kind in addresses and forms: the model's label, e.g. `funds.grant`."""
        return self.model._meta.label_lower

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    @property
    def verbose_name(self):
        return self.model._meta.verbose_name

    def admin_url(self, record) -> str:
        """The record's page in the back-office."""
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


_KINDS: dict[str, ReviewedKind] = {}


def register(kind: ReviewedKind) -> ReviewedKind:
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[ReviewedKind]:
    """Every registered kind, in the order of registration (the core's projects first, then the areas')."""
    return list(_KINDS.values())


def kind_of(record_or_model) -> ReviewedKind:
    return _KINDS[record_or_model._meta.label_lower]


def kind_by_key(key: str) -> ReviewedKind | None:
    return _KINDS.get(key)
