"""The funds area's sections of the agency profile (its grants, the calls it could apply to) and of the project
page (the project's grants). Only published grants: the sections are public."""

from django.urls import reverse

from funds import selectors
from portal import selectors as portal_selectors
from portal.sections import Section, agency_section, project_section

GRANTS_SHOWN = 20


@agency_section
def agency_funds(request, agency) -> Section:
    grants = selectors.grants_inventory().filter(agency=agency).order_by("-signed_on", "pk")
    calls = selectors.calls_for_agency(agency)
    return Section(
        "funds/agency_section.html",
        {
            "agency": agency,
            "grants": list(grants[:GRANTS_SHOWN]),
            "grants_count": grants.count(),
            "grants_url": f"{reverse('funds:grants')}?agency={agency.slug}",
            "calls": [(e.call, e.deadline, e.reasons) for e in calls],
            "calls_url": f"{reverse('funds:calls')}?agency={agency.slug}",
            "viewer_tz": portal_selectors.viewer_time_zone(request.user),
            "is_contact": portal_selectors.active_contact(request.user) is not None,
        },
    )


@project_section
def project_grants(request, project) -> Section | None:
    grants = list(selectors.grants_inventory().filter(project=project).order_by("-signed_on", "pk"))
    if not grants:
        return None
    return Section("funds/project_section.html", {"project": project, "grants": grants})
