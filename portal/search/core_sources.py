"""The core's records in search: published projects and every agency (agency profiles are public)."""

from django.utils.translation import gettext_lazy as _

from portal import selectors
from portal.models import Agency, Project
from portal.search import Document, Source, register, texts
from portal.search.documents import agency_facets, agency_names, plain_texts


def _project(project: Project) -> Document:
    agency = project.agency
    return Document(
        title=texts(project, "title"),
        url=project.get_absolute_url,
        names=agency_names(agency),
        summary=texts(project, "summary"),
        body=plain_texts(project, "description_html"),
        **agency_facets(agency),
        action_lines=[line.code for line in project.action_lines.all()],
        sdgs=[sdg.number for sdg in project.sdgs.all()],
        years=sorted({year for year in (project.start_year, project.end_year) if year}),
    )


def _agency(agency: Agency) -> Document:
    return Document(
        title=texts(agency, "name"),
        url=agency.get_absolute_url,
        names=[agency.acronym, agency.slug.replace("-", " ")],
        summary=plain_texts(agency, "description_html"),
        **agency_facets(agency),
    )


def register_core() -> None:
    register(
        Source(
            kind="project",
            label=_("projects"),
            model=Project,
            queryset=selectors.published_projects,
            document=_project,
            order=10,
            follows={Agency: lambda agency: Project.objects.filter(agency=agency)},
        )
    )
    register(
        Source(
            kind="agency",
            label=_("agencies"),
            model=Agency,
            queryset=lambda: Agency.objects.all(),
            document=_agency,
            order=20,
        )
    )
