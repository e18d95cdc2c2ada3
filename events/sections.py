"""The events area's sections of the agency profile (the events it took part in) and of the project page (the
events it was shown at). Only published participations: the sections are public."""

from django.urls import reverse

from events import selectors
from portal import selectors as portal_selectors
from portal.sections import Section, agency_section, project_section

PARTICIPATIONS_SHOWN = 20


@agency_section
def agency_participations(request, agency) -> Section | None:
    """The agency's published participations, the latest event first; shown to the agency's own contact even
    when there is none yet, for its link to report one."""
    participations = selectors.published_participations().filter(agency=agency).order_by("-event__starts_on", "-pk")
    shown = list(participations[:PARTICIPATIONS_SHOWN])
    contact = portal_selectors.active_contact(request.user)
    reports = contact is not None and contact.agency_id == agency.pk
    if not shown and not reports:
        return None
    return Section(
        "events/agency_section.html",
        {
            "agency": agency,
            "participations": shown,
            "count": participations.count() if shown else 0,
            "report_url": reverse("events:participation_create") if reports else None,
            "reports_url": reverse("events:participations") if reports else None,
        },
    )


@project_section
def project_participations(request, project) -> Section | None:
    participations = list(
        selectors.published_participations().filter(project=project).order_by("-event__starts_on", "-pk")
    )
    if not participations:
        return None
    return Section("events/project_section.html", {"project": project, "participations": participations})
