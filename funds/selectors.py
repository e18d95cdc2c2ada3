"""Reads of the funds area: open calls, who is eligible for what (with the reasons), grants each user sees.
Who may change what is `portal.selectors.can_change`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db.models import Count, Exists, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django_countries import countries

from funds.models import Funder, FundingCall, FundingProgramme, Grant
from portal import selectors
from portal.deadline_selectors import (
    deadline_of,
    deadlines_by_source,
    has_open_deadline,
    registry_deadlines,
    soonest_open_first,
)
from portal.models import Agency, Deadline, DeadlineKind, PartnershipState, Project, ReviewState, Theme
from portal.reviews import published_or_own, reports_of

# --- Calls --------------------------------------------------------------------------------------


def calls_with_programme() -> QuerySet:
    return FundingCall.objects.select_related("programme__funder").prefetch_related(
        "programme__themes", "programme__action_lines"
    )


# The registry's kind a call is open by (portal.deadline_selectors is the rule of "open"); a cancelled call's
# deadline is withdrawn.
CALL = (DeadlineKind.FUND_CALL,)


def calls_open(now: dt.datetime | None = None) -> Exists:
    """A condition on calls: open or upcoming, their deadline in the registry still ahead (not cancelled)."""
    return has_open_deadline(FundingCall, CALL, now)


def open_and_upcoming_calls(now: dt.datetime | None = None) -> QuerySet:
    """Calls open or upcoming (`calls_open`), the soonest deadline first by its instant, whatever the call's
    zone."""
    return soonest_open_first(calls_with_programme(), CALL, now)


def is_open_or_upcoming(call: FundingCall, now: dt.datetime | None = None) -> bool:
    return FundingCall.objects.filter(calls_open(now), pk=call.pk).exists()


def call_deadline(call: FundingCall) -> Deadline | None:
    """The call's deadline in the registry, passed or not; a cancelled call's is withdrawn (closed), at the instant
    it had when the call was cancelled."""
    return deadline_of(call, DeadlineKind.FUND_CALL, withdrawn=True)


def call_deadlines(calls) -> dict[int, Deadline]:
    """The deadline in the registry of each of `calls` (`call_deadline`), by the call's key: one query."""
    found = deadlines_by_source(calls, registry_deadlines(FundingCall, CALL, withdrawn=True))
    return {pk: rows[0] for pk, rows in found.items() if rows}


def with_deadlines(calls) -> list[tuple[FundingCall, Deadline | None]]:
    """Each of `calls` with its deadline in the registry (`call_deadline`): one query."""
    calls = list(calls)
    deadlines = call_deadlines(calls)
    return [(call, deadlines.get(call.pk)) for call in calls]


# --- Eligibility --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Reason:
    """Why an agency may apply: its kind or its country is among the programme's (or the programme is open to
    all kinds / all countries), or a project of the agency shares a theme or action line with the programme."""

    kind: str  # "agency_kind" | "any_kind" | "country" | "any_country" | "theme" | "action_line"
    matched: str = ""  # the agency kind's code, the country's code, the theme's title, the action line's code

    def __str__(self) -> str:
        if self.kind == "agency_kind":
            return gettext("Open to agencies of its kind (%(kind)s)") % {"kind": Agency.Kind(self.matched).label}
        if self.kind == "any_kind":
            return gettext("Open to every kind of agency")
        if self.kind == "country":
            return gettext("Open to applicants from %(country)s") % {"country": countries.name(self.matched)}
        if self.kind == "any_country":
            return gettext("Open to applicants from every country")
        if self.kind == "theme":
            return gettext("A project of the agency shares the theme “%(theme)s”") % {"theme": self.matched}
        return gettext("A project of the agency is under action line %(line)s") % {"line": self.matched}


@dataclasses.dataclass(frozen=True)
class Eligibility:
    call: FundingCall
    reasons: tuple[Reason, ...]
    deadline: Deadline | None = None  # the call's deadline in the registry, where the read gives it

    @property
    def topical(self) -> bool:
        """A project of the agency matches the programme's themes or action lines (not only kind and country)."""
        return any(r.kind in ("theme", "action_line") for r in self.reasons)


def _kind_and_country(programme: FundingProgramme, agency: Agency) -> list[Reason] | None:
    """The reasons the agency's kind and country allow it, or None when either excludes it."""
    reasons = []
    if not programme.eligible_agency_kinds:
        reasons.append(Reason("any_kind"))
    elif agency.kind in programme.eligible_agency_kinds:
        reasons.append(Reason("agency_kind", agency.kind))
    else:
        return None
    countries = [c.code for c in programme.eligible_countries]
    if not countries:
        reasons.append(Reason("any_country"))
    elif agency.country.code in countries:
        reasons.append(Reason("country", agency.country.code))
    else:
        return None
    return reasons


Profile = tuple[dict[str, str], set[str]]  # theme slug → title, action line codes


def agency_profiles(agency_ids) -> dict[int, Profile]:
    """The themes and action line codes of each agency's published projects (its own and those it accepted to be a
    partner in): three queries whatever the number of agencies."""
    published = selectors.published_projects().order_by().values("pk")
    themes_through, lines_through = Project.themes.through.objects, Project.action_lines.through.objects
    ids = list(agency_ids)
    owned = Q(project__agency_id__in=ids)
    partnered = Q(project__partnerships__agency_id__in=ids, project__partnerships__state=PartnershipState.ACCEPTED)
    profiles: dict[int, Profile] = {pk: ({}, set()) for pk in ids}
    titles = {theme.slug: theme.title for theme in Theme.objects.all()}
    wanted = set(ids)
    for condition, agency_field in ((owned, "project__agency_id"), (partnered, "project__partnerships__agency_id")):
        rows = themes_through.filter(condition, project__in=published).values_list(agency_field, "theme__slug")
        for agency_id, slug in rows.distinct():
            if agency_id in wanted:
                profiles[agency_id][0][slug] = titles.get(slug, slug)
        rows = lines_through.filter(condition, project__in=published).values_list(agency_field, "actionline__code")
        for agency_id, code in rows.distinct():
            if agency_id in wanted:
                profiles[agency_id][1].add(code)
    return profiles


def eligibility(call: FundingCall, agency: Agency, profile: Profile) -> Eligibility | None:
    reasons = _kind_and_country(call.programme, agency)
    if reasons is None:
        return None
    themes, lines = profile
    programme_themes = {t.slug: t.title for t in call.programme.themes.all()}
    reasons += [Reason("theme", programme_themes[s]) for s in sorted(programme_themes.keys() & themes.keys())]
    programme_lines = {line.code for line in call.programme.action_lines.all()}
    reasons += [Reason("action_line", code) for code in sorted(programme_lines & lines)]
    # A programme with themes or action lines is for agencies whose projects match one of them.
    if (programme_themes or programme_lines) and not any(r.kind in ("theme", "action_line") for r in reasons):
        return None
    return Eligibility(call, tuple(reasons))


def calls_for_agency(agency: Agency, now: dt.datetime | None = None) -> list[Eligibility]:
    """The open and upcoming calls the agency is eligible for, soonest deadline first, each with its reasons and
    its deadline."""
    profile = agency_profiles([agency.pk])[agency.pk]
    found = [e for e in (eligibility(call, agency, profile) for call in open_and_upcoming_calls(now)) if e]
    deadlines = call_deadlines(e.call for e in found)
    return [dataclasses.replace(e, deadline=deadlines.get(e.call.pk)) for e in found]


def eligible_agencies(call: FundingCall) -> list[tuple[Agency, Eligibility]]:
    """The agencies eligible for `call` (kind and country in SQL, themes and lines by their published projects)."""
    call = calls_with_programme().get(pk=call.pk)
    programme = call.programme
    agencies = Agency.objects.order_by("slug")
    if programme.eligible_agency_kinds:
        agencies = agencies.filter(kind__in=programme.eligible_agency_kinds)
    countries = [c.code for c in programme.eligible_countries]
    if countries:
        agencies = agencies.filter(country__in=countries)
    themes = list(programme.themes.values_list("slug", flat=True))
    lines = list(programme.action_lines.values_list("code", flat=True))
    if themes or lines:
        published = selectors.published_projects().order_by()
        matching = published.filter(Q(themes__slug__in=themes) | Q(action_lines__code__in=lines))
        agencies = agencies.filter(
            Q(projects__in=matching.values("pk"))
            | Q(partnerships__project__in=matching.values("pk"), partnerships__state=PartnershipState.ACCEPTED)
        ).distinct()
    agencies = list(agencies)
    profiles = agency_profiles(a.pk for a in agencies)
    found = []
    for agency in agencies:
        result = eligibility(call, agency, profiles[agency.pk])
        if result is not None:
            found.append((agency, result))
    return found


# --- Grants -------------------------------------------------------------------------------------


def can_report_grants(user) -> bool:
    return selectors.can_add(user, Grant)


def grants_inventory() -> QuerySet:
    """Published grants: the public inventory."""
    return Grant.objects.filter(review_state=ReviewState.PUBLISHED).select_related(
        "funder", "programme", "agency", "project"
    )


def grants_visible_to(user) -> QuerySet:
    """Published grants, plus every grant of the user's own agency (all, for working-group admins)."""
    return published_or_own(user, Grant.objects.select_related("funder", "programme", "agency", "project"))


# --- Grants reported by agencies ------------------------------------------------------------------


def grant_reports(user) -> QuerySet:
    """The grants a user reports (`portal.reviews.reports_of`), the latest changed first."""
    qs = Grant.objects.select_related("funder", "programme", "agency", "project").order_by("-updated_at", "-pk")
    return reports_of(user, qs)


def grant_programme_choices() -> QuerySet:
    """Programmes with their funder, grouped by funder, for the grant form."""
    return FundingProgramme.objects.select_related("funder").order_by("funder__slug", "slug")


# --- Pages: funders and programmes, call deadlines, the inventory's totals -----------------------


def programmes() -> QuerySet:
    """Programmes by name, with their funder."""
    return FundingProgramme.objects.select_related("funder").order_by("name", "pk")


def funders_with_programmes() -> QuerySet:
    """Every funder by name, its programmes by name in `programme_list`."""
    return Funder.objects.order_by("name", "pk").prefetch_related(
        Prefetch("programmes", queryset=programmes(), to_attr="programme_list")
    )


def programme_calls(programme: FundingProgramme) -> QuerySet:
    """Every call of the programme, latest deadline first."""
    return programme.calls.order_by("-deadline", "-pk")


@dataclasses.dataclass(frozen=True)
class MoneyTotal:
    """Grants counted and summed in one currency (in one signing year, for the per-year totals)."""

    currency: str
    count: int
    total: Decimal
    year: int | None = None


@dataclasses.dataclass(frozen=True)
class GrantTotals:
    per_currency: list[MoneyTotal]  # by currency code
    per_year: list[MoneyTotal]  # by currency, then year; grants without a signing date are left out

    @property
    def count(self) -> int:
        return sum(row.count for row in self.per_currency)

    def years_of(self, currency: str) -> list[MoneyTotal]:
        return [row for row in self.per_year if row.currency == currency]


def grant_totals(grants: QuerySet) -> GrantTotals:
    """The grants (a filtered inventory) counted and summed per currency, and per signing year and currency: two
    GROUP BY queries however many grants. Amounts in different currencies are never added together."""
    grants = grants.order_by()
    sums = {"count": Count("pk"), "total": Sum("amount")}
    per_currency = [
        MoneyTotal(row["currency"], row["count"], row["total"])
        for row in grants.values("currency").annotate(**sums).order_by("currency")
    ]
    per_year = [
        MoneyTotal(row["currency"], row["count"], row["total"], row["year"])
        for row in grants.filter(signed_on__isnull=False)
        .annotate(year=ExtractYear("signed_on"))
        .values("currency", "year")
        .annotate(**sums)
        .order_by("currency", "year")
    ]
    return GrantTotals(per_currency, per_year)
