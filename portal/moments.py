"""Moments as pages, calendars, the API and mails show them: an instant in a named zone, the days left."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def zone_label(moment: dt.datetime, tz: str) -> str:
    """The zone's name and its offset at `moment`: "Europe/Zurich (UTC+02:00)"."""
    offset = moment.astimezone(ZoneInfo(tz)).strftime("%z")
    return f"{tz} (UTC{offset[:3]}:{offset[3:]})"


def format_moment(moment: dt.datetime, tz: str) -> str:
    """`moment` in `tz`, in the active language's date format, with the zone named."""
    local = moment.astimezone(ZoneInfo(tz))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {zone_label(moment, tz)}"


def days_before(due_at: dt.datetime, tz: str, now: dt.datetime) -> int:
    """Calendar days from `now` to the due date, both seen in `tz`: the smallest lead time whose window is open."""
    zone = ZoneInfo(tz)
    return (due_at.astimezone(zone).date() - now.astimezone(zone).date()).days


def days_left_text(days: int) -> str:
    """The days left as a phrase ("3 days left"); "due today" on the day itself and after."""
    if days <= 0:
        return str(_("due today"))
    return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}
