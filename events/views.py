"""Public pages of the events area: the upcoming events, the month calendar, the past events with what the
agencies learned there, an event with its deadlines in its zone and the viewer's, and its calendar file."""

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django_filters import FilterSet

from events import ics, selectors
from events.filters import EventFilter
from events.models import EVENT_LANGUAGES, Event, Support
from portal import selectors as portal_selectors
from portal.filters import MonthFilter
from portal.models import DeadlineKind
from portal.moments import format_moment

PAGE_SIZE = 20


def _viewer(request) -> dict:
    return {
        "viewer_tz": portal_selectors.viewer_time_zone(request.user),
        "is_contact": portal_selectors.active_contact(request.user) is not None,
    }


def _only(filterset: FilterSet, names: tuple[str, ...]) -> FilterSet:
    """The filter set with only the filters `names` (the others are not offered and not applied)."""
    filterset.filters = {name: f for name, f in filterset.filters.items() if name in names}
    return filterset


YES_NO = [("", "---------"), ("true", _("Yes")), ("false", _("No"))]


def _for_the_page(filterset: FilterSet) -> FilterSet:
    """The yes/no filters as a choice of three on the pages (the API reads the same `true` and `false`); their
    help texts, written for the API's true and false, are left to the API."""
    for name in ("open_deadline", "online"):
        if name in filterset.form.fields:
            filterset.form.fields[name].widget = forms.Select(choices=YES_NO)
            filterset.form.fields[name].help_text = ""
    return filterset


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


# --- The upcoming events --------------------------------------------------------------------------


def event_list(request):
    """The events not over in their own zone, the soonest first, with the events filters; a bad filter value is
    a field error and no event."""
    upcoming = selectors.upcoming_events()
    filterset = _for_the_page(EventFilter(request.GET, queryset=upcoming))
    page = _page(request, filterset.qs if filterset.is_valid() else upcoming.none())
    deadlines = selectors.next_open_deadlines(page)
    return render(
        request,
        "events/event_list.html",
        {
            "filter": filterset,
            "page": page,
            "lines": [(event, deadlines.get(event.pk)) for event in page],
            **_viewer(request),
        },
    )


# --- The month calendar ---------------------------------------------------------------------------


class CalendarFilter(EventFilter):
    """The month shown, and the event filters that narrow it (kind, country, theme, online)."""

    month = MonthFilter(
        label=_("Month"),
        method="keep_every_event",
        help_text=_("The month to show, as YYYY-MM (for example 2026-07)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "YYYY-MM", "autocomplete": "off"}),
    )

    KEPT = ("month", "kind", "country", "theme", "online")

    def keep_every_event(self, qs, name, value):
        """The month is the page's, not a filter: the calendar shows the days of the neighbouring months too."""
        return qs


@dataclasses.dataclass(frozen=True)
class Weekday:
    name: str
    short: str


def _month_query(filterset: FilterSet, request, month: dt.date) -> str:
    """The calendar's query for `month` with the other filters given (those without an error)."""
    query = QueryDict(mutable=True)
    for name in filterset.filters:
        if name != "month" and name not in filterset.errors and request.GET.get(name):
            query[name] = request.GET[name]
    query["month"] = month.strftime("%Y-%m")
    return query.urlencode()


def event_calendar(request):
    """A month of events and deadlines, each on its local days in its own zone (`?month=YYYY-MM`; by default the
    current month in the viewer's zone). A bad value is a field error: the page then shows the month asked for
    (or the current one) without events."""
    viewer_tz = portal_selectors.viewer_time_zone(request.user)
    filterset = _for_the_page(_only(CalendarFilter(request.GET, queryset=Event.objects.all()), CalendarFilter.KEPT))
    valid = filterset.is_valid()
    month = filterset.form.cleaned_data.get("month") or selectors.this_month(viewer_tz)
    calendar = selectors.month_calendar(month, filterset.qs if valid else Event.objects.none())
    return render(
        request,
        "events/calendar.html",
        {
            "filter": filterset,
            "calendar": calendar,
            "weekdays": [
                Weekday(formats.date_format(day.date, "l"), formats.date_format(day.date, "D"))
                for day in calendar.weeks[0]
            ],
            "today": timezone.now().astimezone(ZoneInfo(viewer_tz)).date(),
            "previous_query": _month_query(filterset, request, calendar.previous),
            "next_query": _month_query(filterset, request, calendar.next),
            "has_events": any(not day.empty for day in calendar.days),
        },
    )


# --- The past events ------------------------------------------------------------------------------


def event_past(request):
    """The events over in their own zone, the latest first, each with its published participations; filtered by
    kind, country and theme."""
    past = selectors.past_events()
    filterset = _only(EventFilter(request.GET, queryset=past), ("kind", "country", "theme"))
    page = _page(request, filterset.qs if filterset.is_valid() else past.none())
    return render(request, "events/past_list.html", {"filter": filterset, "page": page})


# --- One event --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Moment:
    """A timed start or end of an event: in the event's zone and in the viewer's."""

    at: dt.datetime
    in_event_zone: str
    in_viewer_zone: str


def _moment(at: dt.datetime, event: Event, viewer_tz: str) -> Moment:
    return Moment(at, format_moment(at, event.tz), format_moment(at, viewer_tz))


def _labels(codes: list[str], choices) -> list[tuple[str, str]]:
    names = dict(choices)
    return [(code, str(names[code])) for code in codes if code in names]


def event_detail(request, slug):
    event = get_object_or_404(selectors.events(), slug=slug)
    viewer = _viewer(request)
    deadlines = [d for d in selectors.event_deadlines(event) if d.kind != DeadlineKind.EVENT_START]
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "starts": _moment(event.starts_at(), event, viewer["viewer_tz"]) if event.start_time else None,
            "ends": _moment(event.ends_at(), event, viewer["viewer_tz"]) if event.end_time else None,
            "languages": _labels(event.languages, EVENT_LANGUAGES),
            "support": _labels(event.support, Support.choices),
            "deadlines": [(deadline, deadline.closed) for deadline in deadlines],
            "participations": list(
                selectors.published_participations().filter(event=event).order_by("agency__slug", "pk")
            ),
            **viewer,
        },
    )


@require_safe
def event_ics(request, slug):
    """The event and its deadlines as a calendar file in the active language ("add to calendar")."""
    event = get_object_or_404(Event, slug=slug)
    response = HttpResponse(
        ics.build(event, selectors.event_calendar_deadlines(event)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    response["Content-Language"] = translation.get_language()
    return response
