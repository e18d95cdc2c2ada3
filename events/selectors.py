"""Reads of the events area: upcoming and past events (each by its own zone), the month calendar, an event's
deadlines, and the participations each user sees. Who may change what is `portal.selectors.can_change`."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Exists, Prefetch, Q, QuerySet
from django.utils import timezone

from events.deadlines import KINDS
from events.models import DEADLINE_FIELDS, Event, EventParticipation, EventStatus
from portal import deadline_selectors, selectors
from portal.deadline_selectors import deadlines_by_source, has_open_deadline, registry_deadlines
from portal.deadlines import ahead_in_own_zone
from portal.models import ActionLine, Deadline, ReviewState
from portal.reviews import published_or_own, reports_of

# --- Events ----------------------------------------------------------------------------------------


def events() -> QuerySet:
    """Every event with its themes and action lines (for lists: two more queries however many events)."""
    return Event.objects.prefetch_related(
        "themes", Prefetch("action_lines", queryset=ActionLine.objects.order_by("position"))
    )


def _zones() -> list[str]:
    return list(Event.objects.order_by().values_list("tz", flat=True).distinct())


def not_ended(now: dt.datetime | None = None) -> Q:
    """Events still running or to come at `now`: their last day (and end time, when known) not over in their own
    zone."""
    return ahead_in_own_zone(now or timezone.now(), _zones(), "ends_on", "end_time")


def upcoming_events(now: dt.datetime | None = None) -> QuerySet:
    """Events that have not ended in their own zone, the soonest first (cancelled and postponed ones included:
    the pages say so)."""
    return events().filter(not_ended(now)).order_by("starts_on", "start_time", "pk")


def past_events(now: dt.datetime | None = None) -> QuerySet:
    """Events over in their own zone, the latest first, with their published participations (agency, project)
    in `published_participations`."""
    return (
        events()
        .exclude(not_ended(now))
        .exclude(status=EventStatus.CANCELLED)
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=published_participations().select_related(None).select_related("agency", "project"),
                to_attr="published_participations",
            )
        )
        .order_by("-starts_on", "-pk")
    )


# The deadlines an agency acts by (the start is not one); an event's are withdrawn when it is cancelled or
# postponed. portal.deadline_selectors is the rule of "open".
ACTION_KINDS = tuple(KINDS.values())


def with_open_deadline(now: dt.datetime | None = None) -> Exists:
    """A condition on events: a proposal, exhibition or registration deadline in the registry still ahead (none
    for a cancelled or postponed event)."""
    return has_open_deadline(Event, ACTION_KINDS, now)


def next_open_deadlines(found, now: dt.datetime | None = None) -> dict[int, Deadline]:
    """The soonest open deadline of `with_open_deadline`'s kinds of each event of `found` that has one, by the
    event's key: one query."""
    return deadline_selectors.next_open_deadlines(found, ACTION_KINDS, now)


def in_month(first: dt.date) -> Q:
    """Events running on at least one day of the month that starts on `first` (their local dates)."""
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return Q(starts_on__lte=last, ends_on__gte=first)


def event_deadlines(event: Event) -> list[Deadline]:
    """The event's deadlines in the registry not withdrawn, passed ones too (the instants the alerts and the
    calendars use), soonest first."""
    return list(registry_deadlines(Event).filter(object_id=event.pk))


def with_event_deadlines(found: list[Event]) -> list[Event]:
    """The events, each with `event_deadlines(event)` in `registry_deadlines`: one query for all of them."""
    by_event = deadlines_by_source(found, registry_deadlines(Event))
    for event in found:
        event.registry_deadlines = by_event[event.pk]
    return found


def event_calendar_deadlines(event: Event) -> list[Deadline]:
    """Every deadline of the event ever registered, withdrawn ones too: its calendar file tells the calendar
    clients to remove a withdrawn one."""
    return list(registry_deadlines(Event, withdrawn=True).filter(object_id=event.pk))


# --- The month calendar -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DeadlineMark:
    """A deadline of an event on its local day."""

    event: Event
    field: str  # proposal_deadline | exhibition_deadline | registration_deadline

    @property
    def label(self) -> str:
        return str(Event._meta.get_field(self.field).verbose_name)


@dataclasses.dataclass
class Day:
    date: dt.date
    in_month: bool
    events: list[Event] = dataclasses.field(default_factory=list)
    deadlines: list[DeadlineMark] = dataclasses.field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.events or self.deadlines)


@dataclasses.dataclass(frozen=True)
class Month:
    first: dt.date
    weeks: list[list[Day]]

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)

    @property
    def days(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day.in_month]


def month_calendar(first: dt.date, qs: QuerySet | None = None) -> Month:
    """The weeks (Monday first) of the month starting on `first`, each day with the events running that day and
    the deadlines falling on it, all by their local dates in their own zone: an event in Tehran starting on
    1 July is on 1 July, though it is still 30 June in UTC. The days of the neighbouring months that fill the
    first and last weeks are shown too. One query."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks[0][0], weeks[-1][-1]
    qs = Event.objects.all() if qs is None else qs
    shown = Q(starts_on__lte=end, ends_on__gte=start)
    for field in DEADLINE_FIELDS:
        shown |= Q(**{f"{field}__range": (start, end)})
    found = list(qs.filter(shown).prefetch_related(None).order_by("starts_on", "start_time", "pk"))
    days = {day: Day(day, day.month == first.month) for week in weeks for day in week}
    for event in found:
        for day in event.days():
            if day in days:
                days[day].events.append(event)
        if event.is_withdrawn:
            continue
        for field, day in event.deadline_days():
            if day in days:
                days[day].deadlines.append(DeadlineMark(event, field))
    return Month(first, [[days[day] for day in week] for week in weeks])


def this_month(zone: str, now: dt.datetime | None = None) -> dt.date:
    """The first day of the current month in `zone` (the viewer's)."""
    return (now or timezone.now()).astimezone(ZoneInfo(zone)).date().replace(day=1)


# --- Participations -----------------------------------------------------------------------------------


def _participations() -> QuerySet:
    return EventParticipation.objects.select_related("event", "agency", "project")


def published_participations() -> QuerySet:
    """Published participations: public."""
    return _participations().filter(review_state=ReviewState.PUBLISHED)


def participations_visible_to(user) -> QuerySet:
    """Published participations, plus every participation of the user's own agency (all, for working-group
    admins)."""
    return published_or_own(user, _participations())


def participation_reports(user) -> QuerySet:
    """The participations a user reports (`portal.reviews.reports_of`), the latest changed first."""
    return reports_of(user, _participations().order_by("-updated_at", "-pk"))


def can_report_participations(user) -> bool:
    return selectors.can_add(user, EventParticipation)


def participation_events() -> QuerySet:
    """The events a participation may be reported for: every one not cancelled, the latest first."""
    return Event.objects.exclude(status=EventStatus.CANCELLED).order_by("-starts_on", "pk")
