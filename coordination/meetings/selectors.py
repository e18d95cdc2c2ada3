"""Reads of the meetings part: the bodies, their meetings and resolutions (public records), the open resolutions
soonest due first, the upcoming meetings, and the progress notes each user may see or report."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from coordination.meetings.models import PENDING_STATES, Body, Meeting, ProgressNote, Resolution
from portal import reviews
from portal import selectors as portal_selectors
from portal.deadlines import ahead_in_own_zone
from portal.models import Agency, ReviewState


def bodies() -> QuerySet:
    """Every body with its convener, its number of members, meetings and pending resolutions."""
    return (
        Body.objects.select_related("convener", "parent")
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
            open_count=Count(
                "meetings__resolutions", filter=Q(meetings__resolutions__state__in=PENDING_STATES), distinct=True
            ),
        )
        .order_by("slug")
    )


def _agencies() -> Prefetch:
    return Prefetch("responsible", queryset=Agency.objects.order_by("slug"))


def meetings() -> QuerySet:
    return Meeting.objects.select_related("body").order_by("-held_on", "-pk")


def resolutions() -> QuerySet:
    """Resolutions with their meeting, body and responsible agencies, in the order they were taken."""
    return (
        Resolution.objects.select_related("meeting__body")
        .prefetch_related(_agencies())
        .order_by("meeting__held_on", "meeting_id", "pk")
    )


def soonest_first(found) -> list[Resolution]:
    """`found` by due instant (each in its own zone), the soonest first; those without a due date last."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda r: (r.due_at is None, r.due_at or far, r.meeting.held_on, r.pk))


def open_resolutions(*, body: Body | None = None, agency=None, limit: int | None = None) -> list[Resolution]:
    """The resolutions still open or in progress (of `body`, or with `agency` among the responsible ones), the
    soonest due first, those without a due date last; the first `limit` of them."""
    qs = resolutions().filter(state__in=PENDING_STATES)
    if body is not None:
        qs = qs.filter(meeting__body=body)
    if agency is not None:
        qs = qs.filter(responsible=agency)
    found = soonest_first(qs)
    return found if limit is None else found[:limit]


def overdue(now: dt.datetime | None = None) -> QuerySet:
    """Resolutions still open or in progress whose due date has passed in their own zone."""
    now = now or timezone.now()
    qs = Resolution.objects.filter(state__in=PENDING_STATES, due_on__isnull=False)
    zones = qs.values_list("tz", flat=True).distinct()
    return qs.exclude(ahead_in_own_zone(now, list(zones), "due_on", "due_time"))


def upcoming_meetings(limit: int | None = 5, now: dt.datetime | None = None) -> list[Meeting]:
    """Meetings whose day is not over in their own zone, the soonest first."""
    now = now or timezone.now()
    zones = list(Meeting.objects.values_list("tz", flat=True).distinct())
    qs = meetings().filter(ahead_in_own_zone(now, zones, "held_on", None)).order_by("held_on", "start_time", "pk")
    found = sorted(qs if limit is None else qs[: limit * 2], key=lambda m: (m.starts_at(), m.pk))
    return found if limit is None else found[:limit]


def body_meetings(body: Body) -> QuerySet:
    return (
        Meeting.objects.filter(body=body)
        .annotate(resolution_count=Count("resolutions"))
        .prefetch_related(Prefetch("attendees", queryset=Agency.objects.order_by("slug")))
        .order_by("-held_on", "-pk")
    )


# --- Progress notes -------------------------------------------------------------------------------------


def notes() -> QuerySet:
    return ProgressNote.objects.select_related("agency", "resolution__meeting__body")


def notes_visible_to(user) -> QuerySet:
    """Published notes, plus every note of the user's own agency (all of them, for working-group admins)."""
    return reviews.published_or_own(user, notes())


def published_notes(resolution: Resolution) -> QuerySet:
    return notes().filter(resolution=resolution, review_state=ReviewState.PUBLISHED).order_by("-published_at", "-pk")


def note_reports(user) -> QuerySet:
    """The notes a user reports: its own agency's in every state (every agency's for working-group admins)."""
    return reviews.reports_of(user, notes()).order_by("-updated_at", "-pk")


def reportable_resolutions(user) -> QuerySet:
    """The resolutions the user may report progress on: pending ones its agency is responsible for (every pending
    one, for working-group admins); none for anyone else."""
    qs = Resolution.objects.filter(state__in=PENDING_STATES).select_related("meeting__body")
    if portal_selectors.is_working_group_admin(user):
        return qs
    contact = portal_selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(responsible=contact.agency_id)


def may_report_on(user, resolution: Resolution) -> bool:
    """The one rule of who reports progress on a resolution: working-group admins, and the active contacts of
    its responsible agencies."""
    if portal_selectors.is_working_group_admin(user):
        return True
    contact = portal_selectors.active_contact(user)
    return contact is not None and is_responsible(contact.agency_id, resolution)


def is_responsible(agency_id, resolution: Resolution) -> bool:
    """Whether the agency is one of the resolution's responsible agencies (the rule of who reports on it)."""
    return resolution.responsible.filter(pk=agency_id).exists()
