"""The awards area in search: programmes, their categories and editions (all public, as their pages are) and the
verified lines of the results inventory (`selectors.results_inventory`, the same rule as the results page)."""

from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards import selectors
from awards.models import AwardCategory, AwardEdition, AwardProgramme, AwardResult
from portal.models import Agency, Project
from portal.search import Document, Source, register, texts
from portal.search.documents import (
    acronym_and_names,
    agency_facets,
    agency_names,
    in_every_language,
    joined,
    open_until,
)

NOMINATION = selectors.NOMINATION


def _categories_lines(categories) -> tuple[list[str], list[int]]:
    lines = sorted({line.code for category in categories for line in category.action_lines.all()})
    sdgs = sorted({sdg.number for category in categories for sdg in category.sdgs.all()})
    return lines, sdgs


def programmes():
    return AwardProgramme.objects.prefetch_related("editions", "categories__action_lines", "categories__sdgs").annotate(
        search_open_until=open_until(
            AwardEdition, NOMINATION, AwardEdition.objects.filter(programme=OuterRef(OuterRef("pk"))).values("pk")
        )
    )


def _programme(programme: AwardProgramme) -> Document:
    categories = list(programme.categories.all())
    lines, sdgs = _categories_lines(categories)
    return Document(
        title=texts(programme, "name"),
        url=lambda: reverse("awards:programme", args=[programme.slug]),
        names=[programme.acronym, *texts(programme, "organiser").values(), programme.slug.replace("-", " ")],
        summary=texts(programme, "description"),
        body=joined(
            texts(programme, "eligibility"),
            *(in_every_language(lambda c=category: f"{c.code} {c.title}") for category in categories),
        ),
        action_lines=lines,
        sdgs=sdgs,
        years=sorted({edition.year for edition in programme.editions.all()}),
        open_until=programme.search_open_until,
    )


def categories():
    return (
        AwardCategory.objects.select_related("programme")
        .prefetch_related("action_lines", "sdgs")
        .annotate(
            search_open_until=open_until(
                AwardEdition,
                NOMINATION,
                AwardEdition.objects.filter(programme=OuterRef(OuterRef("programme_id"))).values("pk"),
            )
        )
    )


def _category(category: AwardCategory) -> Document:
    programme = category.programme
    return Document(
        title=in_every_language(lambda: f"{category.code} {category.title}"),
        url=lambda: reverse("awards:programme", args=[programme.slug]),
        names=[category.code, *acronym_and_names(programme)],
        summary=texts(programme, "name"),
        action_lines=[line.code for line in category.action_lines.all()],
        sdgs=[sdg.number for sdg in category.sdgs.all()],
        open_until=category.search_open_until,
    )


def editions():
    return (
        AwardEdition.objects.select_related("programme")
        .prefetch_related("programme__categories__action_lines", "programme__categories__sdgs")
        .annotate(search_open_until=open_until(AwardEdition, NOMINATION))
    )


def _edition(edition: AwardEdition) -> Document:
    programme = edition.programme
    lines, sdgs = _categories_lines(programme.categories.all())
    return Document(
        title=in_every_language(lambda: f"{programme.name} {edition.year}"),
        url=lambda: reverse("awards:edition", args=[edition.pk]),
        names=[*acronym_and_names(programme), *texts(edition, "ceremony_place").values()],
        summary=texts(programme, "description"),
        action_lines=lines,
        sdgs=sdgs,
        years=[edition.year],
        open_until=edition.search_open_until,
    )


def results():
    return selectors.results_inventory().prefetch_related(
        "category__action_lines", "category__sdgs", "project__action_lines", "project__sdgs"
    )


def _result(result: AwardResult) -> Document:
    edition, agency, category = result.edition, result.agency, result.category
    # A project that is not published is not named (as on the results page and in the API).
    project = result.project if result.project is not None and result.project.is_published else None

    def title():
        return gettext("%(who)s — %(outcome)s, %(edition)s") % {
            "who": project.title if project is not None else agency.name,
            "outcome": result.get_outcome_display(),
            "edition": f"{edition.programme.name} {edition.year}",
        }

    lines = {line.code for line in category.action_lines.all()} if category else set()
    sdgs = {sdg.number for sdg in category.sdgs.all()} if category else set()
    if project is not None:
        lines |= {line.code for line in project.action_lines.all()}
        sdgs |= {sdg.number for sdg in project.sdgs.all()}
    return Document(
        title=in_every_language(title),
        url=lambda: reverse("awards:edition", args=[edition.pk]),
        names=[
            *agency_names(agency),
            *acronym_and_names(edition.programme),
            *([category.code, *texts(category, "title").values()] if category else []),
            *(texts(project, "title").values() if project is not None else []),
        ],
        summary=joined(
            texts(category, "title") if category else {},
            texts(agency, "name") if project is not None else {},
            separator=" · ",
        ),
        body=texts(result, "notes"),
        **agency_facets(agency),
        action_lines=sorted(lines),
        sdgs=sorted(sdgs),
        years=[edition.year],
    )


def register_sources() -> None:
    """Called from the app's `ready()` after its deadlines are connected, so an edition's "open until" is read
    from the registry once its own save has moved its deadlines."""
    register(
        Source(
            kind="award_programme",
            label=_("award programmes"),
            model=AwardProgramme,
            queryset=programmes,
            document=_programme,
            order=30,
            follows={
                AwardEdition: lambda edition: AwardProgramme.objects.filter(pk=edition.programme_id),
                AwardCategory: lambda category: AwardProgramme.objects.filter(pk=category.programme_id),
            },
        )
    )
    register(
        Source(
            kind="award_category",
            label=_("award categories"),
            model=AwardCategory,
            queryset=categories,
            document=_category,
            order=31,
            follows={
                AwardProgramme: lambda programme: AwardCategory.objects.filter(programme=programme),
                AwardEdition: lambda edition: AwardCategory.objects.filter(programme_id=edition.programme_id),
            },
        )
    )
    register(
        Source(
            kind="award_edition",
            label=_("award editions"),
            model=AwardEdition,
            queryset=editions,
            document=_edition,
            order=32,
            follows={AwardProgramme: lambda programme: AwardEdition.objects.filter(programme=programme)},
        )
    )
    register(
        Source(
            kind="award_result",
            label=_("award results"),
            model=AwardResult,
            queryset=results,
            document=_result,
            order=33,
            follows={
                Agency: lambda agency: AwardResult.objects.filter(agency=agency),
                Project: lambda project: AwardResult.objects.filter(project=project),
                AwardEdition: lambda edition: AwardResult.objects.filter(edition=edition),
                AwardProgramme: lambda programme: AwardResult.objects.filter(edition__programme=programme),
            },
        )
    )
