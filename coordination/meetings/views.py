"""Public pages of the meetings part: the coordination bodies, a body with its open resolutions (the soonest due
first, overdue ones flagged) and its meetings, a meeting with its agenda, minutes and resolutions, and a resolution
with its published progress notes."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from coordination.meetings import selectors
from portal.moments import format_moment


def resolution_lines(resolutions, now) -> list[tuple]:
    """(resolution, whether it is overdue, its due instant in its zone as text) of each resolution."""
    return [(r, r.is_overdue(now), format_moment(r.due_at, r.tz) if r.due_at else "") for r in resolutions]


@require_safe
def body_list(request):
    return render(
        request,
        "coordination/meetings/body_list.html",
        {
            "bodies": selectors.bodies(),
            "upcoming": selectors.upcoming_meetings(limit=10),
        },
    )


@require_safe
def body_detail(request, slug):
    body = get_object_or_404(selectors.bodies(), slug=slug)
    now = timezone.now()
    return render(
        request,
        "coordination/meetings/body_detail.html",
        {
            "body": body,
            "members": body.members.order_by("slug"),
            "open_lines": resolution_lines(selectors.open_resolutions(body=body), now),
            "meetings": selectors.body_meetings(body),
        },
    )


@require_safe
def meeting_detail(request, pk):
    meeting = get_object_or_404(selectors.meetings().prefetch_related("attachments"), pk=pk)
    now = timezone.now()
    return render(
        request,
        "coordination/meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "starts": format_moment(meeting.starts_at(), meeting.tz) if meeting.start_time else "",
            "attendees": meeting.attendees.order_by("slug"),
            "lines": resolution_lines(selectors.resolutions().filter(meeting=meeting), now),
        },
    )


@require_safe
def resolution_detail(request, pk):
    resolution = get_object_or_404(selectors.resolutions(), pk=pk)
    may_report = resolution.is_pending and selectors.may_report_on(request.user, resolution)
    return render(
        request,
        "coordination/meetings/resolution_detail.html",
        {
            "resolution": resolution,
            "meeting": resolution.meeting,
            "overdue": resolution.is_overdue(),
            "due": format_moment(resolution.due_at, resolution.tz) if resolution.due_at else "",
            "notes": selectors.published_notes(resolution),
            "may_report": may_report,
        },
    )
