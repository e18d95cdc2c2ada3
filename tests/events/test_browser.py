"""In Debian's Chromium: open the events calendar, go to the next month, open an event there and download its
calendar file ("add to calendar")."""

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from events import selectors
from portal.ics import host
from tests import factories


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_go_to_next_month_open_an_event_and_download_its_calendar_file(
    browser_page: Page,
    live_server,
):
    page = browser_page
    base = live_server.url
    # An anonymous visitor's month is the one in the portal's zone.
    this_month = selectors.this_month(settings.TIME_ZONE)
    next_month = (this_month + dt.timedelta(days=32)).replace(day=1)
    starts_on = next_month + dt.timedelta(days=13)
    forum = factories.EventFactory(
        slug="baku-forum",
        name="Bakü forumu",
        name_en="Baku forum",
        city="Bakü",
        city_en="Baku",
        country="AZ",
        tz="Asia/Baku",
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=2),
        registration_deadline=next_month + dt.timedelta(days=10),  # past the days this month's grid shows
    )

    # 1. This month's calendar, then the next month's by its link.
    page.goto(f"{base}/en/events/calendar/")
    expect(page.locator("table.month-calendar")).to_have_attribute("data-month", this_month.strftime("%Y-%m"))
    expect(page.locator("td[data-date] li[data-event='baku-forum']")).to_have_count(0)
    page.locator("a[rel=next]").click()
    expect(page.locator("table.month-calendar")).to_have_attribute("data-month", next_month.strftime("%Y-%m"))
    assert f"month={next_month:%Y-%m}" in page.url
    # The forum on its three days, its registration deadline on its day.
    expect(page.locator("td[data-date] li[data-event='baku-forum']:not([data-deadline])")).to_have_count(3)
    deadline_day = page.locator(f"td[data-date='{next_month + dt.timedelta(days=10):%Y-%m-%d}']")
    expect(deadline_day.locator("li[data-deadline='registration_deadline'][data-event='baku-forum']")).to_have_count(1)

    # 2. The event's page, from its first day.
    page.locator(f"td[data-date='{starts_on:%Y-%m-%d}'] li[data-event='baku-forum'] a").click()
    expect(page).to_have_url(f"{base}/en/events/baku-forum/")
    expect(page.locator("h1")).to_have_attribute("data-event", "baku-forum")

    # 3. Its calendar file.
    with page.expect_download() as info:
        page.locator("a[data-ics]").click()
    download = info.value
    assert download.suggested_filename == "baku-forum.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    [own] = [c for c in calendar.walk("VEVENT") if str(c["UID"]) == f"event-{forum.pk}@{host()}"]
    assert str(own["SUMMARY"]) == "Baku forum"
    assert own.decoded("DTSTART") == starts_on
    assert {str(c["SUMMARY"]) for c in calendar.walk("VEVENT")} >= {"Baku forum", "Baku forum — registration deadline"}
