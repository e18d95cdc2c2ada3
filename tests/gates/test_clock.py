"""The tests' own rule for dates: today is taken in the zone of the record under test (`factories.today_in`),
never in the portal's zone (Istanbul) nor in UTC, or a test fails for some hours of every day."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests import factories
from tests.clock import destination

pytestmark = pytest.mark.pure  # the rule reads the test files; the dates are computed, never stored

TESTS = Path(__file__).parents[1]  # every test module, in every folder
# Today in the portal's zone, today in UTC, or the UTC date of an instant reckoned from now.
TODAY_OF_NO_ZONE = re.compile(
    r"timezone\.localdate\(\)|\bdate\.today\(\)|\bnow\(\)\.date\(\)|now\(\)\s*[-+][^()]*(\([^()]*\))?\)\.date\(\)"
)


def test_no_test_takes_today_from_the_portals_zone_or_utc():
    found = [
        f"{path.relative_to(TESTS)}:{number}: {line.strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != "test_clock.py"  # its examples below
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TODAY_OF_NO_ZONE.search(line)
    ]
    assert found == []


def test_the_pattern_finds_each_way_of_taking_today_without_a_zone():
    for line in (
        "day = timezone.localdate()",
        "day = dt.date.today()",
        "day = timezone.now().date()",
        "due = (timezone.now() + dt.timedelta(days=5)).date()",
    ):
        assert TODAY_OF_NO_ZONE.search(line), line
    assert not TODAY_OF_NO_ZONE.search('day = timezone.localdate(timezone=ZoneInfo("Asia/Seoul"))')


@pytest.mark.clock
def test_today_is_the_date_in_the_zone_asked():
    now = timezone.now()
    for zone in ("Pacific/Kiritimati", "Europe/Istanbul", "Europe/Zurich", "America/New_York"):
        assert factories.today_in(zone) == now.astimezone(ZoneInfo(zone)).date()
        assert factories.in_days(-1, zone) == factories.today_in(zone) - dt.timedelta(days=1)


def test_clock_destinations():
    today = dt.datetime.now(dt.UTC).date()
    assert destination("22:30") == dt.datetime.combine(today, dt.time(22, 30), tzinfo=dt.UTC)
    assert destination("2026-12-31T22:30") == dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
    for wrong in ("22.30", "2230", "tomorrow", "2026-12-31"):
        with pytest.raises(ValueError):
            destination(wrong)
