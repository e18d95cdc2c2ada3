"""Reads of the awards area scoped to a user. Who may change what is `portal.selectors.can_change`."""

import dataclasses
import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from awards.imports import AwardResultExporter
from awards.models import AwardApplication, AwardEdition, AwardProgramme, AwardResult
from portal import selectors
from portal.models import ActionLine


def applications_visible_to(user) -> QuerySet:
    """Working-group admins see every application; an active agency contact its own agency's; anyone else none."""
    qs = AwardApplication.objects.select_related("agency", "project", "edition__programme", "category")
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)


def results_inventory() -> QuerySet:
    """Every line of the results inventory (public: agencies, projects, categories; no contact appears)."""
    return AwardResult.objects.select_related("edition__programme", "category", "agency", "project")


# --- Pages: programmes, editions, the inventory -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class NominationDeadline:
    """An edition's nomination deadline as an instant in the edition's zone (23:59 when only the date is known);
    shaped like a registry deadline (`due_at`, `tz`), so the calendar's `due_in` and `days_left` show it."""

    edition: AwardEdition
    due_at: dt.datetime
    tz: str

    @property
    def closed(self) -> bool:
        return self.due_at <= timezone.now()


def nomination_deadline(edition: AwardEdition) -> NominationDeadline | None:
    if edition.nomination_deadline is None:
        return None
    return NominationDeadline(edition, edition.nomination_deadline_at, edition.tz)


def next_open_deadline(editions, now: dt.datetime | None = None) -> NominationDeadline | None:
    """The earliest nomination deadline still ahead among `editions`."""
    now = now or timezone.now()
    ahead = [d for d in map(nomination_deadline, editions) if d is not None and d.due_at > now]
    return min(ahead, key=lambda d: d.due_at, default=None)


def programmes() -> QuerySet:
    """Every programme with its editions from last year on (enough to find the next open one)."""
    recent = AwardEdition.objects.filter(year__gte=timezone.now().year - 1).order_by("year")
    return AwardProgramme.objects.order_by("name").prefetch_related(
        Prefetch("editions", queryset=recent, to_attr="recent_editions")
    )


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
