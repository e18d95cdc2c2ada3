"""Sections the areas add to the core pages (the project page, the agency profile, an award edition's page): an area registers a function
that returns its section for a record, or None when it has nothing to show, so the core pages need not know the
areas (awards, funds and events register theirs)."""

import dataclasses
from collections.abc import Callable

from django.http import HttpRequest


@dataclasses.dataclass(frozen=True)
class Section:
    template: str  # included with the section's context
    context: dict


SectionFunction = Callable[[HttpRequest, object], Section | None]
_PROJECT: list[SectionFunction] = []
_AGENCY: list[SectionFunction] = []
_EDITION: list[SectionFunction] = []


def project_section(function: SectionFunction) -> SectionFunction:
    _PROJECT.append(function)
    return function


def agency_section(function: SectionFunction) -> SectionFunction:
    _AGENCY.append(function)
    return function


def edition_section(function: SectionFunction) -> SectionFunction:
    _EDITION.append(function)
    return function


def for_project(request, project) -> list[Section]:
    return [section for function in _PROJECT if (section := function(request, project)) is not None]


def for_agency(request, agency) -> list[Section]:
    return [section for function in _AGENCY if (section := function(request, agency)) is not None]


def for_edition(request, edition) -> list[Section]:
    return [section for function in _EDITION if (section := function(request, edition)) is not None]
