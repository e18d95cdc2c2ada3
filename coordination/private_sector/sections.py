"""The private sector part's sections of the core pages: on a project's page, what companies contributed to it; on a
company's agency profile, its contributions and the way to its partner page (and, for its own contacts, to its
reports). Only published contributions: the sections are public."""

from django.urls import reverse

from coordination.private_sector import selectors
from portal import selectors as portal_selectors
from portal.sections import Section, agency_section, project_section

CONTRIBUTIONS_SHOWN = 20


@project_section
def project_contributions(request, project) -> Section | None:
    contributions = list(selectors.published_contributions().filter(project=project).order_by("-year", "pk"))
    if not contributions:
        return None
    return Section("coordination/private_sector/project_section.html", {"contributions": contributions})


@agency_section
def company_contributions(request, agency) -> Section | None:
    """A company's published contributions, the latest year first; nothing on a public agency's profile."""
    if not selectors.is_company(agency):
        return None
    contributions = selectors.published_contributions().filter(agency=agency).order_by("-year", "pk")
    contact = portal_selectors.active_contact(request.user)
    own = contact is not None and contact.agency_id == agency.pk
    return Section(
        "coordination/private_sector/agency_section.html",
        {
            "agency": agency,
            "contributions": list(contributions[:CONTRIBUTIONS_SHOWN]),
            "partner_url": reverse("coordination:partner", args=[agency.slug]),
            "reports_url": reverse("coordination:contribution_reports") if own else None,
            "problems_url": reverse("coordination:problem_reports") if own else None,
        },
    )
