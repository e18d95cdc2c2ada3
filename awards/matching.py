"""Where could it apply: reads that match projects with the categories of open and upcoming award editions.

A category matches a project by what both are filed under, each match worth points and given as a reason:

- the same WSIS action line (3): “C7 E-government matches action line C7.1”;
- a line and its main line or sub-line (2): a project under C7 and a category of C7.1, or the reverse;
- a shared SDG (1) or theme (1).

A programme's own themes count for a programme without any matching category (the suggestion has no category
then). Suggestions are ranked by points, then the soonest nomination deadline, then the organiser's order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from awards import selectors
from awards.models import AwardCategory, AwardEdition, AwardProgramme
from portal import selectors as portal_selectors
from portal.deadline_selectors import next_open_deadlines
from portal.models import ActionLine, Deadline, Project

POINTS = {"action_line": 3, "related_line": 2, "sdg": 1, "theme": 1, "programme_theme": 1}


@dataclasses.dataclass(frozen=True)
class Reason:
    """Why a category (or a programme) suits a project: `kind` (a key of POINTS), what matched it."""

    kind: str
    target: AwardCategory | AwardProgramme
    matched: str  # the project's action line code, SDG number or theme slug

    @property
    def target_label(self) -> str:
        """The category as the organiser prints it (“C7 E-government”), or the programme's name, in the
        active language."""
        if isinstance(self.target, AwardCategory):
            return f"{self.target.code} {self.target.title}"
        return self.target.name

    @property
    def points(self) -> int:
        return POINTS[self.kind]

    def __str__(self) -> str:
        params = {"target": self.target_label, "matched": self.matched}
        if self.kind == "action_line":
            return gettext("%(target)s matches action line %(matched)s") % params
        if self.kind == "related_line":
            return gettext("%(target)s is on the same main action line as %(matched)s") % params
        if self.kind == "sdg":
            return gettext("%(target)s serves SDG %(matched)s, as the project does") % params
        params["theme"] = self.theme_title
        if self.kind == "theme":
            return gettext("%(target)s and the project share the theme “%(theme)s”") % params
        return gettext("%(target)s covers the theme “%(theme)s”") % params

    @property
    def theme_title(self) -> str:
        themes = self.target.themes.all() if self.kind in ("theme", "programme_theme") else ()
        return next((theme.title for theme in themes if theme.slug == self.matched), self.matched)


@dataclasses.dataclass(frozen=True)
class Suggestion:
    """An edition a project could apply to, in `category` (None: the programme as a whole)."""

    edition: AwardEdition
    category: AwardCategory | None
    reasons: tuple[Reason, ...]
    deadline: Deadline | None  # the nomination deadline in the registry; None: not announced yet

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)

    def sort_key(self):
        due = self.deadline.due_at if self.deadline else dt.datetime.max.replace(tzinfo=dt.UTC)
        position = self.category.position if self.category else 0
        return (-self.score, due, self.edition.programme.name, position, self.category.code if self.category else "")


@dataclasses.dataclass(frozen=True)
class ProjectMatch:
    """A project that could apply to an edition: its suggestions there, best first."""

    project: Project
    suggestions: tuple[Suggestion, ...]

    @property
    def score(self) -> int:
        return self.suggestions[0].score

    @property
    def best(self) -> Suggestion:
        return self.suggestions[0]


@dataclasses.dataclass(frozen=True)
class _Profile:
    """What a project or a category is filed under: action lines (code → main line code), SDGs, themes."""

    lines: dict[str, str | None]
    sdgs: dict[int, str]
    themes: dict[str, str]

    @classmethod
    def of(cls, record) -> _Profile:
        return cls(
            lines={line.code: line.parent.code if line.parent_id else None for line in record.action_lines.all()},
            sdgs={sdg.number: str(sdg.number) for sdg in record.sdgs.all()},
            themes={theme.slug: theme.title for theme in record.themes.all()},
        )


def _reasons(project: _Profile, category: AwardCategory, target: _Profile) -> list[Reason]:
    reasons = []
    for code, main in sorted(project.lines.items()):
        if code in target.lines:
            reasons.append(Reason("action_line", category, code))
        elif (main is not None and main in target.lines) or any(
            parent == code for parent in target.lines.values() if parent
        ):
            reasons.append(Reason("related_line", category, code))
    reasons += [Reason("sdg", category, project.sdgs[n]) for n in sorted(project.sdgs.keys() & target.sdgs.keys())]
    reasons += [Reason("theme", category, slug) for slug in sorted(project.themes.keys() & target.themes.keys())]
    return reasons


def suggestions_for(project: _Profile, edition: AwardEdition, deadline: Deadline | None) -> list[Suggestion]:
    """The categories of `edition` (nominations due by `deadline`) that suit `project`, best first (the programme
    itself when none does)."""
    found = []
    for category in edition.programme.categories.all():
        reasons = _reasons(project, category, _Profile.of(category))
        if reasons:
            found.append(Suggestion(edition, category, tuple(reasons), deadline))
    if not found:
        themes = {theme.slug for theme in edition.programme.themes.all()}
        shared = sorted(project.themes.keys() & themes)
        if shared:
            reasons = tuple(Reason("programme_theme", edition.programme, slug) for slug in shared)
            found.append(Suggestion(edition, None, reasons, deadline))
    return sorted(found, key=Suggestion.sort_key)


# --- Queries --------------------------------------------------------------------------------------


_LINES = ActionLine.objects.select_related("parent").order_by("position")


def _with_categories(editions: QuerySet) -> QuerySet:
    """Editions with their programme, its categories and what both are filed under (for `suggestions_for`)."""
    categories = AwardCategory.objects.order_by("position", "code").prefetch_related(
        Prefetch("action_lines", queryset=_LINES), "sdgs", "themes"
    )
    return editions.select_related("programme").prefetch_related(
        Prefetch("programme__categories", queryset=categories), "programme__themes"
    )


def open_and_upcoming_editions(now: dt.datetime | None = None) -> QuerySet:
    """Editions a project can still apply to: open for nominations (`awards.selectors.nominations_open`), or
    their deadline not announced yet for this year or a later one."""
    now = now or timezone.now()
    return _with_categories(
        AwardEdition.objects.filter(
            selectors.nominations_open(now) | Q(nomination_deadline__isnull=True, year__gte=now.year)
        ).order_by("year", "programme__slug")
    )


def is_open_or_upcoming(edition: AwardEdition, now: dt.datetime | None = None) -> bool:
    return open_and_upcoming_editions(now).filter(pk=edition.pk).exists()


def _with_profile(projects: QuerySet) -> QuerySet:
    return projects.prefetch_related(Prefetch("action_lines", queryset=_LINES), "sdgs", "themes")


def where_project_could_apply(project: Project, now: dt.datetime | None = None) -> list[Suggestion]:
    """Every open or upcoming edition's best categories for `project`, ranked (one entry per category)."""
    now = now or timezone.now()
    project = _with_profile(Project.objects.filter(pk=project.pk)).get()
    profile = _Profile.of(project)
    editions = list(open_and_upcoming_editions(now))
    deadlines = next_open_deadlines(editions, selectors.NOMINATION, now)
    found = []
    for edition in editions:
        found += suggestions_for(profile, edition, deadlines.get(edition.pk))
    return sorted(found, key=Suggestion.sort_key)


def _could_match(edition: AwardEdition) -> Q:
    """Projects filed under anything the edition's categories (or its programme) are: the candidates to score."""
    categories = AwardCategory.objects.filter(programme_id=edition.programme_id)
    lines = ActionLine.objects.filter(award_categories__in=categories)
    related = ActionLine.objects.filter(Q(pk__in=lines) | Q(children__in=lines) | Q(parent__in=lines))
    return (
        Q(action_lines__in=related)
        | Q(sdgs__award_categories__in=categories)
        | Q(themes__award_categories__in=categories)
        | Q(themes__in=edition.programme.themes.all())
    )


def projects_that_could_apply(edition: AwardEdition, projects: QuerySet | None = None) -> list[ProjectMatch]:
    """The published projects (or `projects`) that could apply to `edition`, best match first."""
    edition = _with_categories(AwardEdition.objects.filter(pk=edition.pk)).get()
    deadline = selectors.nomination_deadline(edition)
    base = portal_selectors.published_projects() if projects is None else projects
    matching_ids = Project.objects.filter(_could_match(edition)).values("pk")
    candidates = _with_profile(
        Project.objects.filter(pk__in=base.filter(pk__in=matching_ids).values("pk")).select_related("agency")
    )
    matches = []
    for project in candidates:
        suggestions = suggestions_for(_Profile.of(project), edition, deadline)
        if suggestions:
            matches.append(ProjectMatch(project, tuple(suggestions)))
    return sorted(matches, key=lambda m: (-m.score, -len(m.suggestions), m.project.title))
