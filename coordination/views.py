"""Pages of the coordination area."""

from django.shortcuts import render
from django.utils import timezone

from coordination.circulars import selectors as circulars
from coordination.circulars.views import reply_due
from coordination.meetings import selectors as meetings
from coordination.meetings.views import resolution_lines
from portal import selectors as portal_selectors

# How many open circulars and pending answers the landing page lists.
INDEX_ROWS = 10


def index(request):
    """The landing page of the coordination area: the open public circulars and, for a signed-in contact, the
    circulars its agency has still to answer; the upcoming meetings and the open resolutions, the soonest due
    first; and the ways into the private sector's part."""
    contact = portal_selectors.active_contact(request.user)
    viewer_tz = portal_selectors.viewer_time_zone(request.user)
    open_lines = [(c, reply_due(c, viewer_tz)) for c in circulars.open_circulars(None)[:INDEX_ROWS]]
    pending = []
    if contact is not None:
        rows = circulars.pending_answers(contact.agency)[:INDEX_ROWS]
        pending = [(row, reply_due(row.circular, viewer_tz)) for row in rows]
    return render(
        request,
        "coordination/index.html",
        {
            "open_circulars": open_lines,
            "pending_answers": pending,
            "is_contact": contact is not None,
            "viewer_tz": viewer_tz,
            "upcoming_meetings": meetings.upcoming_meetings(limit=INDEX_ROWS),
            "open_resolutions": resolution_lines(meetings.open_resolutions(limit=INDEX_ROWS), timezone.now()),
        },
    )
