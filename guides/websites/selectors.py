"""Reads of the websites part, shared by the report page, its downloads, the API and the admin: every agency's
published English-website entry with its last check, the figures per kind of agency, the English-website guide,
and the proposals a user reports.

Everything here is public information (an agency's public website address and what the checker found); the
proposals a contact makes are read only through `proposals_of` (its own agency's)."""

from __future__ import annotations

import dataclasses

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from guides.websites.models import WebsiteCheck, WebsiteProposal
from portal import reviews
from portal.models import Agency, EnglishWebsiteState, ReviewState

CHECKLIST_SLUG = "english-website-checklist"


def _last_check(field: str):
    return Subquery(WebsiteCheck.objects.filter(agency=OuterRef("pk")).order_by("-checked_at", "-pk").values(field)[:1])


def entries(*, state: str = "", kind: str = "", country: str = "", outcome: str = "") -> QuerySet:
    """Every agency's entry (address, state, last checked) with its last check's outcome, status and time as
    `last_outcome`, `last_status`, `last_checked_at` — one query, by name."""
    qs = Agency.objects.annotate(
        last_outcome=_last_check("outcome"),
        last_status=_last_check("status"),
        last_checked_at=_last_check("checked_at"),
    )
    if state:
        qs = qs.filter(english_website_state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country)
    if outcome:
        qs = qs.filter(last_outcome=outcome)
    return qs.order_by("name", "pk")


@dataclasses.dataclass(frozen=True)
class KindFigures:
    kind: str
    label: str
    current: int
    outdated: int
    none: int

    @property
    def agencies(self) -> int:
        return self.current + self.outdated + self.none


def figures_per_kind(**filters) -> list[KindFigures]:
    """The agencies of the filters per kind and English-website state (one query)."""
    qs = entries(**filters).order_by().values("kind")
    rows = qs.annotate(
        current=Count("pk", filter=Q(english_website_state=EnglishWebsiteState.CURRENT)),
        outdated=Count("pk", filter=Q(english_website_state=EnglishWebsiteState.OUTDATED)),
        none=Count("pk", filter=Q(english_website_state=EnglishWebsiteState.NONE)),
    )
    counts = {row["kind"]: row for row in rows}
    return [
        KindFigures(value, str(label), counts[value]["current"], counts[value]["outdated"], counts[value]["none"])
        for value, label in Agency.Kind.choices
        if value in counts
    ]


def totals(figures: list[KindFigures]) -> dict[str, int]:
    """The states' counts over every kind."""
    return {
        EnglishWebsiteState.CURRENT: sum(row.current for row in figures),
        EnglishWebsiteState.OUTDATED: sum(row.outdated for row in figures),
        EnglishWebsiteState.NONE: sum(row.none for row in figures),
    }


def checklist_guide():
    """The library's published English-website guide, or None (no link then)."""
    from guides.library.models import Guide

    return Guide.objects.filter(slug=CHECKLIST_SLUG, review_state=ReviewState.PUBLISHED).first()


def guide_url(guide) -> str:
    """The guide's page, when the library has one ("" otherwise: the report shows no link)."""
    from django.urls import NoReverseMatch, reverse

    if guide is None:
        return ""
    if hasattr(guide, "get_absolute_url"):
        return guide.get_absolute_url()
    try:
        return reverse("guides:guide", kwargs={"slug": guide.slug})
    except NoReverseMatch:
        return ""


def proposals_of(user) -> QuerySet:
    """The proposals the user reports: its own agency's in every state (every agency's for working-group admins)."""
    return reviews.reports_of(user, WebsiteProposal.objects.select_related("agency")).order_by("-created_at", "-pk")


def history(agency: Agency, limit: int = 10) -> list[WebsiteCheck]:
    return list(WebsiteCheck.objects.filter(agency=agency).order_by("-checked_at", "-pk")[:limit])
