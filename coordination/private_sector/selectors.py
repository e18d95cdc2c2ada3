"""Reads of the private sector part: companies and who reports for them, contributions, problems and incentives as
each user may see them, and the public–private cooperation figures (published contributions only)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from coordination.private_sector.models import COMPANY, Contribution, ContributionKind, Incentive, Problem
from portal import selectors
from portal.models import Agency, ReviewState
from portal.reviews import published_or_own, reports_of


def companies() -> QuerySet:
    """Every agency of kind company, with its profile (sector, size) when it has one."""
    return Agency.objects.filter(kind=COMPANY).select_related("company_profile").order_by("name", "pk")


def is_company(agency) -> bool:
    return agency is not None and agency.kind == COMPANY


def may_report(user, model) -> bool:
    """A company's own contacts report its contributions and problems; working-group admins with the model's add
    permission report them for any company. Contacts of other agencies do not."""
    if selectors.is_working_group_admin(user):
        return selectors.can_add(user, model)
    contact = selectors.active_contact(user)
    return contact is not None and is_company(contact.agency)


# --- Contributions -----------------------------------------------------------------------------------------


def _contributions() -> QuerySet:
    return Contribution.objects.select_related(
        "agency",
        "agency__company_profile",
        "project",
        "event",
        "award_application__project",
        "award_application__edition",
        "award_application__category",
    )


def published_contributions() -> QuerySet:
    """Contributions the working group published: public, and the only ones counted or downloaded."""
    return _contributions().filter(review_state=ReviewState.PUBLISHED)


def contributions_visible_to(user) -> QuerySet:
    """Published contributions, plus every one of the user's own company (all, for working-group admins)."""
    return published_or_own(user, _contributions())


def contribution_reports(user) -> QuerySet:
    """The contributions a user reports (`portal.reviews.reports_of`), the latest changed first."""
    return reports_of(user, _contributions().order_by("-updated_at", "-pk"))


def partners() -> QuerySet:
    """The companies with their published contributions (read in one query for the whole page)."""
    return companies().prefetch_related(
        Prefetch(
            "contributions",
            queryset=published_contributions().order_by("-year", "pk"),
            to_attr="published_contributions",
        )
    )


# --- Problems -----------------------------------------------------------------------------------------------


def _problems() -> QuerySet:
    return Problem.objects.select_related("agency", "agency__company_profile").prefetch_related(
        Prefetch("agencies_concerned", queryset=Agency.objects.order_by("name", "pk"))
    )


def published_problems() -> QuerySet:
    return _problems().filter(review_state=ReviewState.PUBLISHED)


def problems_visible_to(user) -> QuerySet:
    """Published problems, plus every one of the user's own company (all, for working-group admins)."""
    return published_or_own(user, _problems())


def problem_reports(user) -> QuerySet:
    return reports_of(user, _problems().order_by("-updated_at", "-pk"))


# --- Incentives ---------------------------------------------------------------------------------------------


def incentives() -> QuerySet:
    """Every incentive, the open ones first."""
    return Incentive.objects.select_related("offered_by").order_by("-is_open", "title", "pk")


# --- Public–private cooperation ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class YearRow:
    year: int
    counts: list[int]  # one per kind, in `Summary.kinds` order
    total: int


@dataclasses.dataclass(frozen=True)
class MoneyRow:
    currency: str
    count: int
    total: Decimal


@dataclasses.dataclass(frozen=True)
class Summary:
    kinds: list[tuple[str, str]]  # (code, label)
    years: list[YearRow]  # the latest year first
    kind_totals: list[int]
    total: int
    money: list[MoneyRow]


def cooperation_summary(qs: QuerySet | None = None) -> Summary:
    """Published contributions counted by kind and year, and their amounts summed per currency (never converted).
    `qs` narrows the published contributions (the filters of the page); drafts and submitted ones never count."""
    qs = (published_contributions() if qs is None else qs.filter(review_state=ReviewState.PUBLISHED)).order_by()
    kinds = list(ContributionKind.choices)
    grid: dict[int, dict[str, int]] = defaultdict(dict)
    for row in qs.values("year", "kind").annotate(n=Count("pk")):
        grid[row["year"]][row["kind"]] = row["n"]
    years = [
        YearRow(year, [grid[year].get(code, 0) for code, _label in kinds], sum(grid[year].values()))
        for year in sorted(grid, reverse=True)
    ]
    kind_totals = [sum(row.counts[index] for row in years) for index in range(len(kinds))]
    money = [
        MoneyRow(row["currency"], row["n"], row["total"])
        for row in qs.filter(amount__isnull=False)
        .values("currency")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by("currency")
    ]
    return Summary(kinds, years, kind_totals, sum(kind_totals), money)
