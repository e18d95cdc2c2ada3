"""The calendar file of one event ("add to calendar"): the event itself over its days in its own zone, and each of
its deadlines as the deadline registry has it (the same UIDs as in the portal's feeds, so a client that has both
keeps one copy). UIDs are stable: a client that imports the file again updates what it had (SEQUENCE)."""

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from events.deadlines import event_url
from events.models import Event, EventStatus
from portal import ics
from portal.links import page_url
from portal.models import Deadline, DeadlineKind


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{ics.host()}"


def status(event: Event) -> str:
    """Cancelled or postponed: these dates do not hold, clients remove the event; planned: tentative."""
    if event.is_withdrawn:
        return "CANCELLED"
    return "TENTATIVE" if event.status == EventStatus.PLANNED else "CONFIRMED"


def location(event: Event) -> str:
    parts = [event.venue, event.city, countries.name(event.country.code) if event.country else ""]
    place = ", ".join(part for part in parts if part)
    if event.online_url:
        place = f"{place} · {event.online_url}" if place else event.online_url
    return place


def component(event: Event, language: str) -> VEvent:
    url = page_url(event_url(event), language)
    lines = [str(event.get_kind_display()), event.organiser]
    if event.status != EventStatus.CONFIRMED:
        lines.append(str(event.get_status_display()))
    if event.description:
        lines.append(event.description)
    lines.append(url)
    item = VEvent.new(
        uid=event_uid(event),
        sequence=event.sequence,
        stamp=event.updated_at.astimezone(dt.UTC),
        last_modified=event.updated_at.astimezone(dt.UTC),
        summary=event.name,
        description="\n".join(line for line in lines if line),
        url=url,
        location=location(event),
        status=status(event),
        categories=[str(_("events"))],
    )
    if event.start_time is None and event.end_time is None:
        # All-day events over the local dates; DTEND is exclusive: the day after the last.
        item.start = event.starts_on
        item.end = event.ends_on + dt.timedelta(days=1)
    else:
        item.start = event.starts_at()
        item.end = event.ends_at()
    return item


def build(event: Event, deadlines: list[Deadline]) -> bytes:
    """The event's calendar in the active language: the event, and its deadlines but its start (the event is
    there itself)."""
    deadlines = [d for d in deadlines if d.kind != DeadlineKind.EVENT_START]
    language = translation.get_language() or settings.LANGUAGE_CODE
    calendar = Calendar.new(
        prodid=f"-//{ics.host()}//International Promotion Portal//{language.upper()}",
        name=event.name,
        uid=f"event-calendar-{event.pk}@{ics.host()}",
        language=language,
        method="PUBLISH",
    )
    days = [event.starts_on, event.ends_on] + [d.due_at.astimezone(event.starts_at().tzinfo).date() for d in deadlines]
    zones = sorted({event.tz, *(d.tz for d in deadlines)})
    for zone in zones:
        calendar.add_component(
            Timezone.from_tzid(
                zone, first_date=min(days) - dt.timedelta(days=7), last_date=max(days) + dt.timedelta(days=7)
            )
        )
    calendar.add_component(component(event, language))
    for deadline in deadlines:
        calendar.add_component(ics.event(deadline, language))
    calendar.add_missing_timezones()
    return calendar.to_ical()
