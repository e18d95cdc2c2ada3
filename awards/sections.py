"""The awards area's sections of the project page (its awards, where it could apply) and of the agency profile
(the agency's awards)."""

from django.urls import reverse

from awards import matching, selectors
from portal import selectors as portal_selectors
from portal.sections import Section, agency_section, project_section

SUGGESTIONS_SHOWN = 10
RESULTS_SHOWN = 20


@project_section
def project_awards(request, project) -> Section:
    return Section(
        "awards/project_section.html",
        {
            "project": project,
            "results": list(selectors.results_inventory_page().filter(project=project)[:RESULTS_SHOWN]),
            "suggestions": matching.where_project_could_apply(project)[:SUGGESTIONS_SHOWN],
            "viewer_tz": portal_selectors.viewer_time_zone(request.user),
        },
    )


@agency_section
def agency_awards(request, agency) -> Section:
    results = selectors.results_inventory_page().filter(agency=agency)
    return Section(
        "awards/agency_section.html",
        {
            "agency": agency,
            "results": list(results[:RESULTS_SHOWN]),
            "results_count": results.count(),
            "results_url": f"{reverse('awards:results')}?agency={agency.slug}",
        },
    )
