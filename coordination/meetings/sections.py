"""The meetings part's section of the agency profile: the open resolutions the agency is responsible for, the
soonest due first, overdue ones flagged (public records)."""

from django.utils import timezone

from coordination.meetings import selectors
from portal.moments import format_moment
from portal.sections import Section, agency_section

RESOLUTIONS_SHOWN = 10


@agency_section
def agency_resolutions(request, agency) -> Section | None:
    found = selectors.open_resolutions(agency=agency)
    if not found:
        return None
    now = timezone.now()
    return Section(
        "coordination/meetings/agency_section.html",
        {
            "lines": [
                (r, r.is_overdue(now), format_moment(r.due_at, r.tz) if r.due_at else "")
                for r in found[:RESOLUTIONS_SHOWN]
            ],
            "count": len(found),
        },
    )
