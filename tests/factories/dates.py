"""Dates in the zone of the record under test, the only "today" a test takes (tests/gates/test_clock.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone


def today_in(zone: str) -> dt.date:
    """Today's date in `zone`, the zone of the record under test; never the portal's date (Istanbul, UTC+3) nor
    the UTC one: at 22:30 UTC it is already tomorrow in Istanbul and still today in Geneva."""
    return timezone.localdate(timezone=ZoneInfo(zone))


def in_days(n: int, zone: str) -> dt.date:
    """The date `n` days from today in `zone` (see `today_in`)."""
    return today_in(zone) + dt.timedelta(days=n)
