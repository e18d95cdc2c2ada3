"""Reads of the awards area scoped to a user. Who may change what is `portal.selectors.can_change`."""

import dataclasses
import datetime as dt

from django.db.models import Count, Exists, Prefetch, Q, QuerySet
from django.utils import timezone

from awards import models as award_models
from awards.imports import AwardResultExporter
from awards.models import AwardApplication, AwardEdition, AwardProgramme, AwardResult, Outcome
from portal import selectors
from portal.deadline_selectors import (
    deadline_of,
    has_open_deadline,
    next_open_deadline,
    next_open_deadlines,
    soonest_open_first,
)
from portal.models import ActionLine, Deadline, DeadlineKind


def applications_visible_to(user) -> QuerySet:
    """Working-group admins see every application; an active agency contact its own agency's; anyone else none."""
    qs = AwardApplication.objects.select_related("agency", "project", "edition__programme", "category")
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)


def can_record_applications(user) -> bool:
    return selectors.can_add(user, AwardApplication)


def application_projects(user) -> QuerySet:
    """Projects an application recorded by `user` may name: only those the user may see, so another agency's
    draft is "not found" rather than "not yours" (whose project it may be is the model's rule)."""
    return selectors.projects_visible_to(user)


def application_editions() -> QuerySet:
    """The editions an application may be recorded for, latest first (with their programme, for the labels)."""
    return AwardEdition.objects.select_related("programme").order_by("-year", "programme__slug", "pk")


def application_list(user) -> QuerySet:
    """The applications page: the user's applications (`applications_visible_to`) grouped by edition, latest
    first, then by agency and category."""
    return applications_visible_to(user).order_by(
        "-edition__year",
        "edition__programme__slug",
        "edition_id",
        "agency__slug",
        "category__position",
        "category__code",
        "pk",
    )


def edition_application_count(user, edition: AwardEdition) -> int:
    """How many applications to `edition` the user sees (every agency's, for working-group admins)."""
    return applications_visible_to(user).filter(edition=edition).count()


def results_inventory() -> QuerySet:
    """Every public line of the results inventory: the verified ones (agencies, projects, categories; no contact
    appears). A result an agency reported is private until a working-group admin has verified it."""
    return AwardResult.objects.filter(verified_at__isnull=False).select_related(
        "edition__programme", "category", "agency", "project"
    )


def results_awaiting_verification() -> QuerySet:
    """The results agencies reported that no working-group admin has verified yet, the oldest first."""
    return (
        AwardResult.objects.filter(verified_at__isnull=True)
        .select_related("edition__programme", "category", "agency", "project", "application")
        .order_by("created_at", "pk")
    )


# --- Pages: programmes, editions, the inventory -------------------------------------------------------


# The registry's kind an edition is open for nominations by (portal.deadline_selectors is the rule of "open").
NOMINATION = (DeadlineKind.AWARD_NOMINATION,)


def nominations_open(now: dt.datetime | None = None) -> Exists:
    """A condition on editions: open for nominations, their nomination deadline in the registry still ahead."""
    return has_open_deadline(AwardEdition, NOMINATION, now)


def is_open_for_nominations(edition: AwardEdition, now: dt.datetime | None = None) -> bool:
    """The edition's nomination deadline in the registry is still ahead (the rule lives with the model, whose
    validation refuses a win while nominations are open)."""
    return award_models.nominations_open(edition, now)


def nomination_deadline(edition: AwardEdition) -> Deadline | None:
    """The edition's nomination deadline in the registry, passed or not (None: not announced)."""
    return deadline_of(edition, DeadlineKind.AWARD_NOMINATION)


def next_nomination_deadline(editions, now: dt.datetime | None = None) -> Deadline | None:
    """The soonest nomination deadline still open among `editions` (its `source`: the edition)."""
    return next_open_deadline(editions, NOMINATION, now)


def programmes_with_next_deadline(now: dt.datetime | None = None) -> list[tuple[AwardProgramme, Deadline | None]]:
    """Every programme by name with its next open nomination deadline (its `source`: the edition), or None: three
    queries however many programmes and editions."""
    now = now or timezone.now()
    open_editions = soonest_open_first(AwardEdition.objects.all(), NOMINATION, now)
    found = list(
        AwardProgramme.objects.order_by("name").prefetch_related(
            Prefetch("editions", queryset=open_editions, to_attr="open_editions")
        )
    )
    deadlines = next_open_deadlines([p.open_editions[0] for p in found if p.open_editions], NOMINATION, now)
    return [(p, deadlines.get(p.open_editions[0].pk) if p.open_editions else None) for p in found]


def programme_categories(programme: AwardProgramme) -> QuerySet:
    return programme.categories.order_by("position", "code").prefetch_related(
        Prefetch("action_lines", queryset=ActionLine.objects.order_by("position"))
    )


def programme_editions(programme: AwardProgramme) -> QuerySet:
    return programme.editions.order_by("-year")


def results_inventory_page() -> QuerySet:
    """The inventory as the results page and its CSV list it: newest editions first."""
    return results_inventory().order_by(
        "-edition__year", "edition__programme__slug", "category__position", "category__code", "agency__slug", "pk"
    )


class PublicResultExporter(AwardResultExporter):
    """The exporter's columns and rows for a public download: a project that is not published is not named
    (as on the page and in the API)."""

    def rows(self, queryset):
        return super().rows(_PublishedProjectsOnly(queryset))


class _PublishedProjectsOnly:
    def __init__(self, queryset):
        self.queryset = queryset

    def iterator(self, chunk_size=2000):
        for result in self.queryset.iterator(chunk_size=chunk_size):
            if result.project is not None and not result.project.is_published:
                result.project = None
            yield result


# --- Figures: the inventory counted -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FigureRow:
    """One bar of a figures chart and one row of its table: results counted in total and per outcome."""

    key: int | str  # what the inventory filters on: the year, or the programme's slug
    label: str
    count: int
    by_outcome: tuple[tuple[str, int], ...]  # (outcome code, count) in the order of `Outcome`


@dataclasses.dataclass(frozen=True)
class ResultFigures:
    per_year: list[FigureRow]
    per_programme: list[FigureRow]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.per_year)


def _outcome_counts(row: dict) -> tuple[tuple[str, int], ...]:
    return tuple((code, row[f"outcome_{code}"]) for code in Outcome.values)


def result_figures(results: QuerySet | None = None) -> ResultFigures:
    """The results (all of them, or the filtered `results`) counted per edition year and per programme, in total
    and per outcome: two GROUP BY queries and one for the programmes' names, however many results there are."""
    results = (results_inventory() if results is None else results).select_related(None).order_by()
    counts = {
        "count": Count("pk"),
        **{f"outcome_{code}": Count("pk", filter=Q(outcome=code)) for code in Outcome.values},
    }
    per_year = [
        FigureRow(row["edition__year"], str(row["edition__year"]), row["count"], _outcome_counts(row))
        for row in results.values("edition__year").annotate(**counts).order_by("edition__year")
    ]
    by_programme = list(results.values("edition__programme_id").annotate(**counts))
    # The names through the model, so modeltranslation's language fallback applies.
    names = (
        AwardProgramme.objects.in_bulk([row["edition__programme_id"] for row in by_programme]) if by_programme else {}
    )
    per_programme = sorted(
        (
            FigureRow(
                names[row["edition__programme_id"]].slug,
                names[row["edition__programme_id"]].name,
                row["count"],
                _outcome_counts(row),
            )
            for row in by_programme
        ),
        key=lambda row: (-row.count, row.label.casefold(), row.key),
    )
    return ResultFigures(per_year, per_programme)


# How many years a programme's editions are apart, by its frequency; an irregular programme repeats the gap
# between its last two editions (a year when there is only one).
CYCLE_YEARS = {award_models.Frequency.ANNUAL: 1, award_models.Frequency.BIENNIAL: 2}


def edition_cycle(edition: AwardEdition) -> int:
    """The years between `edition` and the next one of its programme."""
    years = CYCLE_YEARS.get(edition.programme.frequency)
    if years is not None:
        return years
    previous = (
        AwardEdition.objects.filter(programme_id=edition.programme_id, year__lt=edition.year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return edition.year - previous if previous is not None else 1
