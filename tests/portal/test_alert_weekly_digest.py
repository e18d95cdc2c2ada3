"""The weekly digest of deadline alerts: on Mondays at the contact's digest hour in the contact's zone, with every
alert whose window opened during the week and nothing the contact already got. Every run passes an explicit `now`."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from portal import alerts
from portal.deadlines import DeadlineSpec, sync
from portal.models import AlertDelivery, DeadlineKind, Delivery, DeliveryState
from tests import factories

BISHKEK = ZoneInfo("Asia/Bishkek")  # UTC+6 all year; deadlines below are in Geneva's zone
WEDNESDAY = dt.date(2026, 5, 6)
MONDAY = dt.date(2026, 5, 11)


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    settings.SITE_URL = "https://portal.example"
    settings.SEND_ALERTS = True
    settings.ALERT_BATCH_SIZE = 200


def bishkek(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BISHKEK)


def add_deadline(due: dt.date, title: str, kind=DeadlineKind.AWARD_NOMINATION):
    spec = DeadlineSpec(kind, due, "Europe/Zurich", {"tr": title, "en": title}, url="/awards/")
    [deadline] = sync(factories.AgencyFactory(), [spec])
    return deadline


def weekly_reader(since: dt.datetime):
    """A contact in Bishkek who chose the weekly digest at 08:00 at the instant `since`."""
    reader = factories.ContactFactory(language="en", time_zone="Asia/Bishkek", email="weekly@k.example")
    with time_machine.travel(since, tick=False):
        alerts.save_subscription(reader.subscription, delivery=Delivery.WEEKLY, digest_hour=8)
    return reader


def run(now: dt.datetime) -> None:
    alerts.plan(now)
    alerts.send_due(now)


def mails_to(address: str):
    return [m for m in mail.outbox if m.to == [address]]


def test_the_weekly_digest_leaves_on_monday_at_the_local_hour_with_the_weeks_alerts():
    reader = weekly_reader(bishkek(WEDNESDAY, 9))
    add_deadline(dt.date(2026, 5, 17), "Deadline A")  # 30-day window open; its 7-day one opens on Sunday
    add_deadline(dt.date(2026, 6, 9), "Deadline B", DeadlineKind.FUND_CALL)  # 30-day window opens on Sunday
    add_deadline(dt.date(2026, 5, 12), "Deadline C", DeadlineKind.EVENT_REGISTRATION)  # 1 day: Monday 04:00 here

    # Chosen on a Wednesday: nothing that week, whatever the hour (last Monday's hour had passed already).
    for day in range(5):
        for hour in (8, 9, 23):
            run(bishkek(WEDNESDAY + dt.timedelta(days=day), hour))
    run(bishkek(MONDAY, 7, 59))  # Monday in Bishkek, 01:59 UTC: not yet the digest hour
    assert mails_to(reader.email) == []

    for now in (bishkek(MONDAY, 8), bishkek(MONDAY, 8, 5), bishkek(MONDAY, 23)):
        run(now)
    [digest] = mails_to(reader.email)
    assert digest.subject == "Your week: 3 deadlines coming up — May 11, 2026"
    assert "Your weekly digest" in digest.body
    assert [name for name in ("Deadline C", "Deadline A", "Deadline B") if name in digest.body] == [
        "Deadline C",
        "Deadline A",
        "Deadline B",
    ]
    assert digest.body.count("Deadline A") == 1  # its 30-day alert gave way to the 7-day one: one line
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    reader.subscription.refresh_from_db()
    assert reader.subscription.last_digest_on == MONDAY

    # A deadline added on Tuesday waits for next Monday; what was sent is not sent again.
    add_deadline(dt.date(2026, 5, 20), "Deadline D", DeadlineKind.EVENT_PROPOSAL)  # 7 days: Wednesday the 13th
    for day in range(1, 7):
        run(bishkek(MONDAY + dt.timedelta(days=day), 9))
    assert len(mails_to(reader.email)) == 1
    run(bishkek(MONDAY + dt.timedelta(days=7), 8))
    second = mails_to(reader.email)[1]
    assert second.subject == "Your week: 1 deadline coming up — May 18, 2026"
    assert "Deadline D" in second.body
    assert not any(name in second.body for name in ("Deadline A", "Deadline B", "Deadline C"))
    assert (
        not AlertDelivery.objects.filter(contact=reader, state=DeliveryState.PENDING)
        .exclude(deadline__title="Deadline B")
        .exists()
    )


def test_a_monday_missed_is_caught_up_once_later_that_week():
    reader = weekly_reader(bishkek(WEDNESDAY, 9))
    add_deadline(dt.date(2026, 5, 20), "Deadline E")  # 30-day window open; the 7-day one opens on the 13th
    run(bishkek(MONDAY - dt.timedelta(days=1), 9))  # Sunday: planned, waiting
    assert AlertDelivery.objects.filter(contact=reader, state=DeliveryState.PENDING).exists()
    # Nothing ran on Monday: Tuesday's first run sends the week's digest, once.
    run(bishkek(MONDAY + dt.timedelta(days=1), 10))
    run(bishkek(MONDAY + dt.timedelta(days=1), 11))
    run(bishkek(MONDAY + dt.timedelta(days=2), 9))
    [digest] = mails_to(reader.email)
    assert "Deadline E" in digest.body
