"""iCalendar feeds of the deadline registry: one event per deadline, in its own time zone, with a VTIMEZONE for
every zone, so that calendar clients show the same instant the portal and the alerts do."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from portal.links import page_url
from portal.models import Deadline
from portal.moments import format_moment

# How often a calendar client should fetch the feed again.
REFRESH = dt.timedelta(hours=1)


def host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(deadline: Deadline) -> str:
    """The same for every revision of a deadline: a client updates its event (SEQUENCE says which is newer)."""
    return f"deadline-{deadline.pk}@{host()}"


def status(deadline: Deadline) -> str:
    """A withdrawn deadline is sent as cancelled, so clients remove it; a tentative date is tentative."""
    if deadline.withdrawn_at is not None:
        return "CANCELLED"
    return "TENTATIVE" if deadline.tentative else "CONFIRMED"


def description(deadline: Deadline, language: str) -> str:
    """The kind, the due time in the deadline's own zone and in the portal's, and the page (active language)."""
    lines = [
        str(deadline.get_kind_display()),
        _("Due: %(moment)s") % {"moment": format_moment(deadline.due_at, deadline.tz)},
        _("In the portal's time zone: %(moment)s") % {"moment": format_moment(deadline.due_at, settings.TIME_ZONE)},
    ]
    if deadline.withdrawn_at is not None:
        lines.append(_("This deadline was withdrawn."))
    elif deadline.tentative:
        lines.append(_("The date is tentative."))
    lines.append(page_url(deadline.url, language))
    return "\n".join(lines)


def event(deadline: Deadline, language: str) -> Event:
    zone = ZoneInfo(deadline.tz)
    local = deadline.due_at.astimezone(zone)
    item = Event.new(
        uid=event_uid(deadline),
        sequence=deadline.sequence,
        stamp=deadline.updated_at.astimezone(dt.UTC),
        last_modified=deadline.updated_at.astimezone(dt.UTC),
        summary=deadline.title,
        description=description(deadline, language),
        url=page_url(deadline.url, language),
        status=status(deadline),
        categories=[str(deadline.get_topic_display())],
        # A deadline does not make anyone busy.
        transparency="TRANSPARENT",
    )
    if deadline.date_only:
        # An all-day event on the date in the deadline's own zone; DTEND is exclusive: the next day.
        item.start = local.date()
        item.end = local.date() + dt.timedelta(days=1)
    else:
        # An instant. No DTEND: RFC 5545 requires DTEND to be later than DTSTART, and an event without one
        # "ends on the same calendar date and time of day specified by the DTSTART property" (3.6.1).
        item.start = local
    return item


def timezones(deadlines: list[Deadline]) -> list[Timezone]:
    """A VTIMEZONE for every zone of the deadlines, covering the period of their dates (not 1970-2038: a
    feed stays small)."""
    if not deadlines:
        return []
    days = [d.due_at.astimezone(ZoneInfo(d.tz)).date() for d in deadlines]
    first, last = min(days) - dt.timedelta(days=7), max(days) + dt.timedelta(days=366)
    return [Timezone.from_tzid(zone, first_date=first, last_date=last) for zone in sorted({d.tz for d in deadlines})]


def build(deadlines: Iterable[Deadline], *, name: str, uid: str) -> bytes:
    """The calendar of `deadlines` in the active language: titles, kinds and links in that language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    rows = list(deadlines)
    calendar = Calendar.new(
        prodid=f"-//{host()}//International Promotion Portal//{language.upper()}",
        name=name,
        uid=uid,
        language=language,
        refresh_interval=REFRESH,
        method="PUBLISH",
    )
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))  # Outlook's REFRESH-INTERVAL
    for component in timezones(rows):
        calendar.add_component(component)
    for deadline in rows:
        calendar.add_component(event(deadline, language))
    calendar.add_missing_timezones()  # none should be missing; a safety net, not the rule
    return calendar.to_ical()
