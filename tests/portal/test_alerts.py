"""Alert planning and sending, in process: windows, re-planning, rendering, digests, SMTP faults.

Every test passes an explicit `now` to `alerts.plan` and `alerts.send_due`; nothing sleeps.
"""

import datetime as dt
import io
import itertools
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from portal import alerts
from portal.deadlines import DeadlineSpec, sync, withdraw
from portal.models import (
    AlertDelivery,
    Contact,
    DeadlineKind,
    Delivery,
    DeliveryState,
    PlanningRun,
    Subscription,
    SubscriptionLead,
    Topic,
)
from portal.models.alerts import DEFAULT_LEAD_DAYS
from tests import factories

UTC = dt.UTC
ZURICH = ZoneInfo("Europe/Zurich")
BISHKEK = ZoneInfo("Asia/Bishkek")
SITE = "https://portal.example"
TITLES = {"tr": "WSIS Ödülleri", "en": "WSIS Prizes"}

PENDING, SENDING, SENT = DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.SENT
FAILED, CANCELLED = DeliveryState.FAILED, DeliveryState.CANCELLED


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    settings.SITE_URL = SITE
    settings.SEND_ALERTS = True
    settings.ALERT_RETRY_BASE = 60.0
    settings.ALERT_RETRY_MAX = 3600.0
    settings.ALERT_MAX_ATTEMPTS = 12
    settings.ALERT_CLAIM_TIMEOUT = 600
    settings.ALERT_BATCH_SIZE = 200


# --- Helpers ----------------------------------------------------------------------------------------


def contact(**kwargs) -> Contact:
    """A confirmed, approved contact (subscribed to every topic, leads 30/7/1, each alert at once)."""
    kwargs.setdefault("language", "en")
    kwargs.setdefault("time_zone", "Europe/Zurich")
    return factories.ContactFactory(**kwargs)


_bulk = itertools.count()


def many_contacts(count: int, agency) -> list[Contact]:
    """`count` confirmed, approved contacts with the default subscription, in a handful of queries
    (no user accounts: alerts do not need them)."""
    now = timezone.now()
    people = Contact.objects.bulk_create(
        [
            Contact(
                agency=agency,
                name=f"Bulk {n}",
                email=f"bulk{n}@bulk.example",
                language="en",
                time_zone="Europe/Zurich",
                confirmed_at=now,
                approved_at=now,
            )
            for n in (next(_bulk) for _ in range(count))
        ]
    )
    subscriptions = Subscription.objects.bulk_create([Subscription(contact=c, topics=Topic.values) for c in people])
    SubscriptionLead.objects.bulk_create(
        [SubscriptionLead(subscription=s, days=d) for s in subscriptions for d in DEFAULT_LEAD_DAYS]
    )
    return people


def add_deadline(due, *, source=None, kind=DeadlineKind.AWARD_NOMINATION, tz="Europe/Zurich", **kwargs):
    spec = DeadlineSpec(kind, due, tz, kwargs.pop("titles", TITLES), url=kwargs.pop("url", "/awards/"), **kwargs)
    [deadline] = sync(source or factories.AgencyFactory(), [spec])
    return deadline


def move(deadline, due):
    """Sync the deadline's source with a new date for the same kind (what an app's deadlines.py does)."""
    spec = DeadlineSpec(deadline.kind, due, deadline.tz, TITLES, url=deadline.url)
    [moved] = sync(deadline.source, [spec])
    assert moved.pk == deadline.pk
    return moved


def at(day: dt.date, hour=9, minute=0, zone=ZURICH) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)


def rows(**filters) -> list[tuple]:
    return list(
        AlertDelivery.objects.filter(**filters)
        .order_by("pk")
        .values_list("contact_id", "deadline_id", "lead_days", "due_at", "state")
    )


def snapshot() -> list[tuple]:
    """Everything about every delivery row, to show that a run changed nothing."""
    return list(AlertDelivery.objects.order_by("pk").values_list())


def run(now: dt.datetime) -> list[tuple]:
    """Plan and send at `now`; (contact, lead_days, subject) of every mail sent, from the rows they mark."""
    alerts.plan(now)
    before = len(mail.outbox)
    alerts.send_due(now)
    sent = []
    for message in mail.outbox[before:]:
        row = AlertDelivery.objects.get(message_id=message.extra_headers["Message-ID"])
        assert row.state == SENT
        assert message.to == [row.contact.email]
        sent.append((row.contact_id, row.lead_days, message.subject))
    return sent


def walk(first: dt.date, last: dt.date, hour=9) -> dict[dt.date, list[tuple]]:
    """Run once a day from `first` to `last`; the mails of each day that had some."""
    sent, day = {}, first
    while day <= last:
        mails = run(at(day, hour))
        if mails:
            sent[day] = mails
        day += dt.timedelta(days=1)
    return sent


def days(n) -> dt.timedelta:
    return dt.timedelta(days=n)


def mails_to(address: str):
    return [m for m in mail.outbox if m.to == [address]]


# --- The ladder ---------------------------------------------------------------------------------


def test_ladder_30_7_1_day_by_day():
    person = contact()
    due_day = dt.date(2026, 6, 15)
    deadline = add_deadline(due_day)
    sent = {}
    day = due_day - days(40)
    while day <= due_day + days(2):
        now = at(day)
        alerts.plan(now)
        before = snapshot()
        assert alerts.plan(now).planned == 0  # planning twice in a row changes nothing
        assert snapshot() == before
        mails = run(now)
        if mails:
            sent[day] = mails
        day += days(1)

    assert sent == {
        due_day - days(30): [
            (person.pk, 30, "30 days left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
        ],
        due_day - days(7): [
            (person.pk, 7, "7 days left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
        ],
        due_day - days(1): [
            (person.pk, 1, "1 day left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
        ],
    }
    assert rows() == [
        (person.pk, deadline.pk, 30, deadline.due_at, SENT),
        (person.pk, deadline.pk, 7, deadline.due_at, SENT),
        (person.pk, deadline.pk, 1, deadline.due_at, SENT),
    ]
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("tz", ["Europe/Zurich", "America/New_York", "Asia/Tehran"])
def test_each_window_opens_at_midnight_in_the_deadlines_zone(tz):
    """The contact's zone (Istanbul) and the server's play no part: 00:00 in the deadline's zone does."""
    person = contact(time_zone="Europe/Istanbul")
    zone = ZoneInfo(tz)
    due_day = dt.date(2026, 6, 15)
    deadline = add_deadline(dt.datetime.combine(due_day, dt.time(17, 0), tzinfo=zone), tz=tz)
    sent = []
    for lead in (30, 7, 1):
        opens = dt.datetime.combine(due_day - days(lead), dt.time(0, 0), tzinfo=zone)
        assert alerts.window_opens(deadline.due_at, tz, lead) == opens
        assert run(opens - dt.timedelta(minutes=1)) == []
        assert rows() == sent
        assert [(who, days_ahead) for who, days_ahead, _subject in run(opens)] == [(person.pk, lead)]
        sent.append((person.pk, deadline.pk, lead, deadline.due_at, SENT))
        assert rows() == sent


def test_catch_up_plans_only_the_most_urgent_open_window():
    """First planning two days before (the system was down): the 7-day alert, never the 30-day one."""
    default = contact()
    thirty_and_three = contact()
    only_thirty = contact()
    alerts.save_subscription(thirty_and_three.subscription, lead_days=[30, 3])
    alerts.save_subscription(only_thirty.subscription, lead_days=[30])
    due_day = dt.date(2026, 6, 15)
    deadline = add_deadline(due_day)

    first = run(at(due_day - days(2), 10))
    assert sorted(first) == sorted(
        [
            (default.pk, 7, "2 days left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)"),
            (thirty_and_three.pk, 3, "2 days left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)"),
            # Its only window is open: one alert, not none.
            (only_thirty.pk, 30, "2 days left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)"),
        ]
    )
    assert run(at(due_day - days(2), 23, 59)) == []
    assert run(at(due_day - days(1), 0, 0)) == [
        (default.pk, 1, "1 day left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
    ]
    assert walk(due_day - days(1), due_day + days(1)) == {}
    assert sorted((c, lead) for c, _d, lead, _due, _s in rows(deadline=deadline)) == sorted(
        [(default.pk, 7), (default.pk, 1), (thirty_and_three.pk, 3), (only_thirty.pk, 30)]
    )


def test_a_less_urgent_alert_still_unsent_when_a_more_urgent_one_is_planned_is_cancelled(settings):
    """Sending was off for a week: the contact hears of the deadline once, not once per missed window."""
    person = contact()
    due_day = dt.date(2026, 6, 15)
    deadline = add_deadline(due_day)
    settings.SEND_ALERTS = False
    assert walk(due_day - days(30), due_day - days(8)) == {}
    assert rows() == [(person.pk, deadline.pk, 30, deadline.due_at, PENDING)]
    result = alerts.plan(at(due_day - days(7)))
    assert (result.planned, result.cancelled) == (1, 1)
    assert rows() == [
        (person.pk, deadline.pk, 30, deadline.due_at, CANCELLED),
        (person.pk, deadline.pk, 7, deadline.due_at, PENDING),
    ]
    settings.SEND_ALERTS = True
    assert run(at(due_day - days(7), 10)) == [
        (person.pk, 7, "7 days left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
    ]


# --- Subscription changes -------------------------------------------------------------------------


DUE = dt.date(2026, 6, 15)


def sent_leads(sent: dict) -> dict[int, int]:
    """{days before the deadline: lead_days} of a walk's mails."""
    return {(DUE - day).days: lead for day, mails in sent.items() for _contact, lead, _subject in mails}


def test_lead_times_changed_after_the_30_day_alert():
    person = contact()
    add_deadline(DUE)
    assert sent_leads(walk(DUE - days(31), DUE - days(30))) == {30: 30}
    alerts.save_subscription(person.subscription, lead_days="14, 3")
    assert sent_leads(walk(DUE - days(29), DUE + days(1))) == {14: 14, 3: 3}


def test_a_removed_lead_time_is_not_planned():
    person = contact()
    add_deadline(DUE)
    assert sent_leads(walk(DUE - days(31), DUE - days(30))) == {30: 30}
    alerts.save_subscription(person.subscription, lead_days=[30, 1])
    assert sent_leads(walk(DUE - days(29), DUE + days(1))) == {1: 1}


def test_a_topic_unsubscribed_is_not_planned():
    person = contact()
    other = contact()
    add_deadline(DUE)  # awards
    run(at(DUE - days(30)))
    alerts.save_subscription(person.subscription, topics=["funds", "events"])
    sent = walk(DUE - days(29), DUE + days(1))
    assert {c for mails in sent.values() for c, _lead, _s in mails} == {other.pk}
    assert rows(contact=person, state=SENT) == rows(contact=person)
    assert len(rows(contact=person)) == 1


def test_an_alert_planned_before_its_topic_was_left_is_cancelled_at_send_time():
    person = contact()
    agency_wide = add_deadline(DUE, kind=DeadlineKind.CIRCULAR_REPLY, agencies=(person.agency_id,))
    add_deadline(DUE)  # awards, for the topic's subscribers
    now = at(DUE - days(7))
    alerts.plan(now)
    assert len(rows(contact=person, state=PENDING)) == 2

    alerts.save_subscription(person.subscription, topics=[])
    result = alerts.send_due(now)
    assert (result.sent, result.cancelled) == (1, 1)
    # What is addressed to the contact's agency still comes; the awards alert does not.
    assert rows(contact=person, state=SENT) == [(person.pk, agency_wide.pk, 7, agency_wide.due_at, SENT)]
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_paused_rows_are_cancelled_at_send_time_and_planned_again_on_resume():
    person = contact()
    deadline = add_deadline(DUE)
    now = at(DUE - days(7))
    alerts.plan(now)
    assert rows() == [(person.pk, deadline.pk, 7, deadline.due_at, PENDING)]

    alerts.save_subscription(person.subscription, paused=True)
    result = alerts.send_due(now)
    assert (result.sent, result.cancelled) == (0, 1)
    assert mail.outbox == []
    assert rows() == [(person.pk, deadline.pk, 7, deadline.due_at, CANCELLED)]
    assert alerts.plan(now + dt.timedelta(hours=1)).planned == 0  # paused: nothing planned
    assert run(at(DUE - days(1))) == []

    alerts.save_subscription(person.subscription, paused=False)
    assert run(at(DUE - days(1), 10)) == [
        (person.pk, 1, "1 day left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
    ]
    assert rows() == [
        (person.pk, deadline.pk, 7, deadline.due_at, CANCELLED),
        (person.pk, deadline.pk, 1, deadline.due_at, SENT),
    ]


def test_resumed_the_same_day_revives_the_cancelled_alert():
    person = contact()
    deadline = add_deadline(DUE)
    now = at(DUE - days(7))
    alerts.plan(now)
    alerts.save_subscription(person.subscription, paused=True)
    alerts.send_due(now)
    alerts.save_subscription(person.subscription, paused=False)
    assert run(now + dt.timedelta(minutes=5)) == [
        (person.pk, 7, "7 days left: WSIS Prizes — June 15, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
    ]
    row = AlertDelivery.objects.get()
    assert (row.lead_days, row.state, row.attempts) == (7, SENT, 1)
    assert row.due_at == deadline.due_at


# --- Deadlines moved, withdrawn, passed --------------------------------------------------------------


def test_a_deadline_moved_later_then_earlier_is_planned_afresh():
    person = contact()
    deadline = add_deadline(DUE)
    old_due = deadline.due_at
    assert run(at(DUE - days(30))) != []
    thirty = AlertDelivery.objects.get(lead_days=30)
    sent_before = (thirty.state, thirty.sent_at, thirty.message_id, thirty.due_at)

    now = at(DUE - days(7))  # 2026-06-08
    alerts.plan(now)
    assert rows(state=PENDING) == [(person.pk, deadline.pk, 7, old_due, PENDING)]

    later = move(deadline, dt.date(2026, 7, 1))  # 23 days from now: the 30-day window of the new date is open
    result = alerts.plan(now)
    assert (result.planned, result.cancelled) == (1, 1)
    assert rows() == [
        (person.pk, deadline.pk, 30, old_due, SENT),
        (person.pk, deadline.pk, 7, old_due, CANCELLED),
        (person.pk, deadline.pk, 30, later.due_at, PENDING),
    ]

    earlier = move(deadline, dt.date(2026, 6, 10))  # 2 days from now: the 7-day window
    result = alerts.plan(now)
    assert (result.planned, result.cancelled) == (1, 1)
    assert rows()[2:] == [
        (person.pk, deadline.pk, 30, later.due_at, CANCELLED),
        (person.pk, deadline.pk, 7, earlier.due_at, PENDING),
    ]
    assert run(now) == [
        (person.pk, 7, "2 days left: WSIS Prizes — June 10, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
    ]
    thirty.refresh_from_db()
    assert (thirty.state, thirty.sent_at, thirty.message_id, thirty.due_at) == sent_before
    assert sent_leads(walk(DUE - days(6), DUE + days(1))) == {6: 1}  # the day before June 10


def test_a_deadline_moved_and_sent_alerts_are_not_repeated_when_it_moves_back():
    person = contact()
    deadline = add_deadline(DUE)
    run(at(DUE - days(7)))  # the 7-day alert for June 15 is sent
    now = at(DUE - days(7), 12)
    move(deadline, dt.date(2026, 6, 20))
    alerts.plan(now)  # 12 days: the 30-day window of June 20 is open
    move(deadline, DUE)
    assert run(now) == []  # back to June 15: its 7-day alert was sent already
    assert rows() == [
        (person.pk, deadline.pk, 7, deadline.due_at, SENT),
        (person.pk, deadline.pk, 30, dt.datetime(2026, 6, 20, 23, 59, tzinfo=ZURICH), CANCELLED),
    ]


def test_a_withdrawn_deadline_cancels_unsent_alerts_when_planning():
    person = contact()
    source = factories.AgencyFactory()
    deadline = add_deadline(DUE, source=source)
    now = at(DUE - days(7))
    alerts.plan(now)
    assert withdraw(source) == 1
    result = alerts.plan(now + dt.timedelta(minutes=5))
    assert (result.planned, result.cancelled) == (0, 1)
    assert rows() == [(person.pk, deadline.pk, 7, deadline.due_at, CANCELLED)]
    assert alerts.send_due(now).sent == 0
    assert walk(DUE - days(6), DUE) == {}
    assert mail.outbox == []


def test_a_withdrawn_deadline_cancels_claimed_alerts_at_send_time():
    person = contact()
    source = factories.AgencyFactory()
    deadline = add_deadline(DUE, source=source)
    now = at(DUE - days(7))
    alerts.plan(now)
    withdraw(source)
    result = alerts.send_due(now)
    assert (result.sent, result.cancelled) == (0, 1)
    assert rows() == [(person.pk, deadline.pk, 7, deadline.due_at, CANCELLED)]
    assert mail.outbox == []


def test_a_passed_deadline_cancels_unsent_alerts():
    person = contact()
    deadline = add_deadline(dt.datetime(2026, 6, 15, 12, 0, tzinfo=ZURICH))
    other = add_deadline(dt.datetime(2026, 6, 15, 12, 0, tzinfo=ZURICH))
    alerts.plan(at(DUE - days(1)))
    after = dt.datetime(2026, 6, 15, 12, 0, tzinfo=ZURICH)
    # At send time: the deadline passed before the row was sent.
    result = alerts.send_due(after)
    assert (result.sent, result.cancelled) == (0, 2)
    assert rows() == [
        (person.pk, deadline.pk, 1, deadline.due_at, CANCELLED),
        (person.pk, other.pk, 1, other.due_at, CANCELLED),
    ]
    assert mail.outbox == []


def test_a_passed_deadline_is_cancelled_by_the_planner():
    person = contact()
    deadline = add_deadline(dt.datetime(2026, 6, 15, 12, 0, tzinfo=ZURICH))
    alerts.plan(at(DUE - days(1)))
    result = alerts.plan(dt.datetime(2026, 6, 15, 12, 0, 1, tzinfo=ZURICH))
    assert (result.planned, result.cancelled) == (0, 1)
    assert rows() == [(person.pk, deadline.pk, 1, deadline.due_at, CANCELLED)]
    assert alerts.plan(dt.datetime(2026, 6, 15, 12, 5, tzinfo=ZURICH)).planned == 0
    assert alerts.send_due(dt.datetime(2026, 6, 15, 12, 5, tzinfo=ZURICH)).sent == 0
    assert mail.outbox == []


# --- Daylight saving time ---------------------------------------------------------------------------


def test_a_date_only_deadline_on_the_spring_forward_day():
    person = contact(language="en", time_zone="Europe/Zurich")
    alerts.save_subscription(person.subscription, lead_days=[7, 1, 0])
    deadline = add_deadline(dt.date(2026, 3, 29))  # clocks jump from 02:00 CET to 03:00 CEST
    assert deadline.due_at == dt.datetime(2026, 3, 29, 21, 59, tzinfo=UTC)  # 23:59 CEST
    assert deadline.due_at.astimezone(ZURICH).utcoffset() == dt.timedelta(hours=2)
    one_day = dt.datetime(2026, 3, 27, 23, 0, tzinfo=UTC)  # 2026-03-28 00:00 CET
    same_day = dt.datetime(2026, 3, 28, 23, 0, tzinfo=UTC)  # 2026-03-29 00:00 CET, still before the jump
    assert alerts.window_opens(deadline.due_at, deadline.tz, 1) == one_day
    assert alerts.window_opens(deadline.due_at, deadline.tz, 0) == same_day
    assert one_day.astimezone(ZURICH).utcoffset() == dt.timedelta(hours=1)

    assert [lead for _c, lead, _s in run(dt.datetime(2026, 3, 22, 0, 0, tzinfo=ZURICH))] == [7]
    minute = dt.timedelta(minutes=1)
    assert run(one_day - minute) == []
    assert run(one_day) == [
        (person.pk, 1, "1 day left: WSIS Prizes — March 29, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
    ]
    assert run(same_day - minute) == []
    assert run(same_day) == [
        (person.pk, 0, "due today: WSIS Prizes — March 29, 2026, 11:59 p.m. Europe/Zurich (UTC+02:00)")
    ]
    assert "Europe/Zurich (UTC+02:00)" in mail.outbox[-1].body


def test_a_date_only_deadline_on_the_fall_back_day():
    person = contact(language="en", time_zone="Asia/Bishkek")
    alerts.save_subscription(person.subscription, lead_days=[1, 0])
    deadline = add_deadline(dt.date(2026, 10, 25))  # clocks go back from 03:00 CEST to 02:00 CET
    assert deadline.due_at == dt.datetime(2026, 10, 25, 22, 59, tzinfo=UTC)  # 23:59 CET
    one_day = dt.datetime(2026, 10, 23, 22, 0, tzinfo=UTC)  # 2026-10-24 00:00 CEST
    same_day = dt.datetime(2026, 10, 24, 22, 0, tzinfo=UTC)  # 2026-10-25 00:00 CEST, the 25-hour day
    assert alerts.window_opens(deadline.due_at, deadline.tz, 1) == one_day
    assert alerts.window_opens(deadline.due_at, deadline.tz, 0) == same_day
    minute = dt.timedelta(minutes=1)
    assert run(one_day - minute) == []
    [(who, lead, subject)] = run(one_day)
    # 23:59 CET is 04:59 the next morning in Bishkek (UTC+6).
    assert (who, lead) == (person.pk, 1)
    assert subject == (
        "1 day left: WSIS Prizes — Oct. 25, 2026, 11:59 p.m. Europe/Zurich (UTC+01:00)"
        " / Oct. 26, 2026, 4:59 a.m. Asia/Bishkek (UTC+06:00)"
    )
    assert run(same_day - minute) == []
    assert [lead for _c, lead, _s in run(same_day)] == [0]
    assert run(deadline.due_at) == []


# --- What the mail says -------------------------------------------------------------------------------


def clock(moment: dt.datetime, language: str) -> str:
    """The wall time as each language's DATETIME_FORMAT writes it (tr: H:i, fa/ky: G:i, en: P)."""
    if language == "en":
        return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"
    if language == "tr":
        return f"{moment:%H:%M}"
    return f"{moment.hour}:{moment.minute:02d}"


def offset_label(moment: dt.datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def has_time(text: str, wall: str) -> bool:
    return re.search(rf"(?<![\d:]){re.escape(wall)}(?![\d])", text) is not None


@pytest.mark.parametrize(
    ("language", "zone", "title"),
    [
        ("fa", "Asia/Tehran", "جایزه‌های WSIS"),
        ("ky", "Asia/Bishkek", "WSIS Prizes"),  # no Kyrgyz title: English is the fallback
        ("tr", "Asia/Tehran", "WSIS Ödülleri"),
        ("en", "Asia/Bishkek", "WSIS Prizes"),
    ],
)
def test_the_mail_shows_both_zones_in_the_contacts_language(language, zone, title):
    person = contact(language=language, time_zone=zone)
    titles = {**TITLES, "fa": "جایزه‌های WSIS"}
    deadline = add_deadline(dt.date(2026, 3, 15), titles=titles, url="/en/awards/wsis/")
    now = dt.datetime(2026, 3, 8, 10, 0, tzinfo=ZURICH)
    alerts.plan(now)
    assert alerts.send_due(now).sent == 1

    [message] = mail.outbox
    assert message.to == [person.email]
    own = dt.datetime(2026, 3, 15, 23, 59, tzinfo=ZURICH)
    local = own.astimezone(ZoneInfo(zone))
    assert deadline.due_at == own
    assert local.date() == dt.date(2026, 3, 16)  # past midnight in Tehran and Bishkek
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    for part in (message.subject, message.body, html):
        assert title in part
        assert has_time(part, clock(own, language)), (clock(own, language), part)
        assert has_time(part, clock(local, language)), (clock(local, language), part)
        assert f"Europe/Zurich ({offset_label(own)})" in part
        assert f"{zone} ({offset_label(local)})" in part
        assert re.search(r"(?<!\d)7(?!\d)", part)  # 7 days left (counted in the deadline's zone)
    assert offset_label(local) in {"UTC+03:30", "UTC+06:00"}
    for part in (message.body, html):
        assert f"{SITE}/{language}/awards/wsis/" in part
    assert message.extra_headers["Content-Language"] == language
    assert f'<html lang="{language}" dir="{"rtl" if language == "fa" else "ltr"}">' in html
    mime = message.message()
    assert mime.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in mime.get_payload()] == ["text/plain", "text/html"]
    assert mime["Content-Language"] == language
    if language == "en":
        assert message.subject == (
            "7 days left: WSIS Prizes — March 15, 2026, 11:59 p.m. Europe/Zurich (UTC+01:00)"
            " / March 16, 2026, 4:59 a.m. Asia/Bishkek (UTC+06:00)"
        )
        assert "7 days left" in message.body
        assert "Submit your nomination before the deadline." in message.body


def test_same_zone_is_shown_once_in_the_subject():
    contact(language="en", time_zone="Europe/Zurich")
    add_deadline(dt.date(2026, 3, 15))
    run(dt.datetime(2026, 3, 8, 10, 0, tzinfo=ZURICH))
    [message] = mail.outbox
    assert message.subject == "7 days left: WSIS Prizes — March 15, 2026, 11:59 p.m. Europe/Zurich (UTC+01:00)"


# --- Unsubscribe and Message-ID ---------------------------------------------------------------------


def unsubscribe_path(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{SITE}/") and header.endswith(">")
    return header[1 + len(SITE) : -1]


def test_unsubscribe_headers_hold_the_signed_one_click_url():
    person = contact(language="fa", time_zone="Asia/Tehran")
    add_deadline(DUE)
    run(at(DUE - days(7)))
    [message] = mail.outbox
    path = unsubscribe_path(message)
    assert path.startswith("/fa/alerts/unsubscribe/") and path.endswith("/")
    token = path.removeprefix("/fa/alerts/unsubscribe/").removesuffix("/")
    assert alerts.subscription_for_unsubscribe_token(token) == person.subscription
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mime = message.message()
    assert mime["List-Unsubscribe"] == f"<{SITE}{path}>"
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}{path}" in message.body
    assert f"{SITE}{path}" in message.alternatives[0][0]

    # The service behind the link: a token names one subscription; a forged one names none.
    assert alerts.subscription_for_unsubscribe_token(token[:-2] + "xx") is None
    assert alerts.subscription_for_unsubscribe_token("garbage") is None
    alerts.unsubscribe(alerts.subscription_for_unsubscribe_token(token))
    person.subscription.refresh_from_db()
    assert person.subscription.is_paused
    assert run(at(DUE - days(1))) == []
    assert rows(state=CANCELLED) == []  # paused before the 1-day window: nothing was even planned


def test_one_click_post_to_the_list_unsubscribe_url_pauses_the_subscription():
    """RFC 8058: a POST without cookies or CSRF token, from the mail client, unsubscribes."""
    person = contact(language="en")
    other = contact(language="en")
    add_deadline(DUE)
    run(at(DUE - days(7)))
    message = mails_to(person.email)[0]
    path = unsubscribe_path(message)
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)  # a GET (a link scanner, a preview) only asks
    assert page.status_code == 200
    person.subscription.refresh_from_db()
    assert not person.subscription.is_paused
    forged = client.post(path[:-3] + "xx/", {"List-Unsubscribe": "One-Click"})
    assert forged.status_code in (400, 404)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code in (200, 204, 302, 303), response.status_code
    person.subscription.refresh_from_db()
    other.subscription.refresh_from_db()
    assert person.subscription.is_paused
    assert not other.subscription.is_paused


def test_message_id_is_deterministic_per_delivery():
    first, second = contact(), contact()
    add_deadline(DUE)
    now = at(DUE - days(7))
    alerts.plan(now)
    one, two = AlertDelivery.objects.order_by("pk")
    ids = [alerts.render_alert(one, now).extra_headers["Message-ID"] for _ in range(2)]
    later = alerts.render_alert(one, now + dt.timedelta(hours=3)).extra_headers["Message-ID"]
    other = alerts.render_alert(two, now).extra_headers["Message-ID"]
    assert ids[0] == ids[1] == later
    assert other != ids[0]
    assert re.fullmatch(r"<alert\.[\d.]+@portal\.example>", ids[0])
    alerts.send_due(now)
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.message_id, two.message_id) == (ids[0], other)
    assert {m.extra_headers["Message-ID"] for m in mail.outbox} == {ids[0], other}
    assert {tuple(m.to) for m in mail.outbox} == {(first.email,), (second.email,)}


# --- Audience -----------------------------------------------------------------------------------------


def test_audience_agencies_topics_and_contact_state(agency_a, agency_b):
    agency_c = factories.AgencyFactory()
    a_no_topics = contact(agency=agency_a)
    alerts.save_subscription(a_no_topics.subscription, topics=[])
    c_funds_only = contact(agency=agency_c)
    alerts.save_subscription(c_funds_only.subscription, topics=["funds"])
    b_everything = contact(agency=agency_b)
    a_awards = contact(agency=agency_a)
    alerts.save_subscription(a_awards.subscription, topics=["awards"])
    a_paused = contact(agency=agency_a)
    alerts.save_subscription(a_paused.subscription, paused=True)
    unconfirmed, unapproved, inactive = contact(agency=agency_a), contact(agency=agency_a), contact(agency=agency_a)
    Contact.objects.filter(pk=unconfirmed.pk).update(confirmed_at=None)
    Contact.objects.filter(pk=unapproved.pk).update(approved_at=None)
    Contact.objects.filter(pk=inactive.pk).update(is_active=False)

    circular = add_deadline(DUE, kind=DeadlineKind.CIRCULAR_REPLY, agencies=(agency_a.pk, agency_c.pk))
    award = add_deadline(DUE)  # everyone subscribed to "awards"
    now = at(DUE - days(7))
    alerts.plan(now)
    assert sorted((c, d) for c, d, *_rest in rows()) == sorted(
        [
            (a_no_topics.pk, circular.pk),  # named agency: topics do not matter
            (c_funds_only.pk, circular.pk),
            (a_awards.pk, circular.pk),
            (b_everything.pk, award.pk),
            (a_awards.pk, award.pk),
        ]
    )
    assert alerts.send_due(now).sent == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [a_no_topics.email, c_funds_only.email, a_awards.email, a_awards.email, b_everything.email]
    )


def test_a_contact_deactivated_after_planning_gets_nothing():
    person = contact()
    add_deadline(DUE)
    now = at(DUE - days(7))
    alerts.plan(now)
    Contact.objects.filter(pk=person.pk).update(is_active=False)
    result = alerts.send_due(now)
    assert (result.sent, result.cancelled) == (0, 1)
    assert mail.outbox == []


# --- Digest -------------------------------------------------------------------------------------------


def bishkek(day: dt.date, hour: int, minute=0) -> dt.datetime:
    return at(day, hour, minute, zone=BISHKEK)


def test_daily_digest_at_the_contacts_local_hour():
    reader = contact(language="en", time_zone="Asia/Bishkek")
    alerts.save_subscription(reader.subscription, delivery=Delivery.DIGEST, digest_hour=8)
    instant = contact(language="en", time_zone="Asia/Bishkek")
    day = dt.date(2026, 5, 10)  # windows open at 00:00 Zurich = 04:00 Bishkek
    titles = lambda name: {"tr": name, "en": name}  # noqa: E731
    add_deadline(dt.date(2026, 5, 17), titles=titles("Deadline A"))  # 7 days
    add_deadline(dt.date(2026, 6, 9), titles=titles("Deadline B"), kind=DeadlineKind.FUND_CALL)  # 30 days
    add_deadline(dt.date(2026, 5, 11), titles=titles("Deadline C"), kind=DeadlineKind.EVENT_REGISTRATION)  # 1 day

    alerts.plan(bishkek(day, 7, 59))
    assert len(rows(contact=reader, state=PENDING)) == 3
    alerts.send_due(bishkek(day, 7, 59))
    assert len(mails_to(instant.email)) == 3  # each alert at once
    assert mails_to(reader.email) == []  # before 08:00 local: nothing
    assert len(rows(contact=reader, state=PENDING)) == 3

    for now in (bishkek(day, 8, 0), bishkek(day, 8, 5)):
        alerts.plan(now)
        alerts.send_due(now)
    [digest] = mails_to(reader.email)
    assert digest.subject == "3 deadlines coming up — May 10, 2026"
    assert digest.extra_headers["Message-ID"] == f"<digest.{reader.pk}.2026-05-10@portal.example>"
    [(html, _mimetype)] = digest.alternatives
    for part in (digest.body, html):
        assert [name for name in ("Deadline C", "Deadline A", "Deadline B") if name in part] == [
            "Deadline C",
            "Deadline A",
            "Deadline B",
        ]
        # Due dates in order: C first.
        assert part.index("Deadline C") < part.index("Deadline A") < part.index("Deadline B")
        assert "1 day left" in part and "7 days left" in part and "30 days left" in part
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(AlertDelivery.objects.filter(contact=reader).values_list("state", "message_id")) == {
        (SENT, digest.extra_headers["Message-ID"])
    }
    reader.subscription.refresh_from_db()
    assert reader.subscription.last_digest_on == day

    # Later that day new alerts are planned: they wait for tomorrow's digest.
    add_deadline(dt.date(2026, 5, 12), titles=titles("Deadline D"), kind=DeadlineKind.EVENT_PROPOSAL)  # 7 days
    add_deadline(dt.date(2026, 6, 1), titles=titles("Deadline E"), kind=DeadlineKind.GUIDE_REVIEW)  # 30 days
    for now in (bishkek(day, 10), bishkek(day, 20), bishkek(day, 23, 59), bishkek(day + days(1), 7, 59)):
        alerts.plan(now)
        alerts.send_due(now)
        assert len(mails_to(reader.email)) == 1, now
    # E's 30-day alert and D's 1-day one; D's 7-day one, never sent, gave way to it.
    assert sorted(lead for _c, _d, lead, _due, _s in rows(contact=reader, state=PENDING)) == [1, 30]
    assert [lead for _c, _d, lead, _due, _s in rows(contact=reader, state=CANCELLED)] == [7]

    for now in (bishkek(day + days(1), 8), bishkek(day + days(1), 12)):
        alerts.plan(now)
        alerts.send_due(now)
    assert len(mails_to(reader.email)) == 2
    second = mails_to(reader.email)[1]
    assert second.subject == "2 deadlines coming up — May 11, 2026"
    assert second.body.count("Deadline D") == 1
    assert "Deadline E" in second.body
    assert "Deadline A" not in second.body
    assert rows(contact=reader, state=PENDING) == []


# --- SMTP, with a real server ---------------------------------------------------------------------------


def smtp_setup(count=3, due=DUE):
    people = [contact(agency=factories.AgencyFactory()) for _ in range(count)]
    deadline = add_deadline(due)
    now = at(due - days(7))
    alerts.plan(now)
    return people, deadline, now


def test_smtp_down_then_up_delivers_everything(smtp_server):
    people, _deadline, now = smtp_setup(3)
    smtp_server.stop()
    result = alerts.send_due(now)
    assert (result.sent, result.failed, result.deferred, result.retry_in) == (0, 0, 3, 60.0)
    later = now + dt.timedelta(seconds=60)
    for row in AlertDelivery.objects.all():
        assert (row.state, row.attempts, row.not_before, row.claim) == (PENDING, 0, later, "")
        assert "ConnectionRefusedError" in row.last_error

    smtp_server.start()
    result = alerts.send_due(later - dt.timedelta(seconds=1))  # still backing off
    assert (result.sent, result.deferred) == (0, 0)
    assert smtp_server.messages == []
    result = alerts.send_due(later)
    assert (result.sent, result.failed, result.deferred) == (3, 0, 0)
    received = smtp_server.messages
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(p.email for p in people)
    assert sorted(r.message_id for r in received) == sorted(AlertDelivery.objects.values_list("message_id", flat=True))
    assert set(AlertDelivery.objects.values_list("state", "attempts", "last_error")) == {(SENT, 1, "")}
    assert smtp_server.connections == 1
    assert alerts.send_due(later + dt.timedelta(hours=1)).sent == 0
    assert len(smtp_server.messages) == 3


def test_smtp_permanent_refusal_fails_that_row_and_the_batch_goes_on(smtp_server):
    people, _deadline, now = smtp_setup(3)
    refused = people[1]
    smtp_server.refuse("550", at="rcpt", addresses={refused.email})
    result = alerts.send_due(now)
    assert (result.sent, result.failed, result.deferred) == (2, 1, 0)
    failed = AlertDelivery.objects.get(contact=refused)
    assert failed.state == FAILED
    assert failed.attempts == 1
    assert "550" in failed.last_error and "Mailbox unavailable" in failed.last_error
    assert refused.email in failed.last_error
    assert sorted(r.rcpt_tos[0] for r in smtp_server.messages) == sorted([people[0].email, people[2].email])
    assert smtp_server.connections == 1
    assert alerts.send_due(now + dt.timedelta(days=1)).sent == 0  # a failed row stays failed


def test_smtp_permanent_refusal_of_data(smtp_server):
    _people, _deadline, now = smtp_setup(1)
    smtp_server.refuse("550", at="data")
    result = alerts.send_due(now)
    assert (result.sent, result.failed) == (0, 1)
    row = AlertDelivery.objects.get()
    assert row.state == FAILED
    assert row.last_error.startswith("550 ")


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_smtp_transient_refusal_defers_then_sends(smtp_server, stage):
    people, _deadline, now = smtp_setup(3)
    smtp_server.refuse("451", at=stage)
    result = alerts.send_due(now)
    assert (result.sent, result.failed, result.deferred, result.retry_in) == (0, 0, 3, 60.0)
    retry = now + dt.timedelta(seconds=60)
    first, *rest = AlertDelivery.objects.order_by("due_at", "pk")
    assert (first.state, first.attempts, first.not_before) == (PENDING, 1, retry)
    assert "451" in first.last_error and "Try again later" in first.last_error
    for row in rest:  # not tried: the server was refusing, so the batch stopped
        assert (row.state, row.attempts, row.not_before) == (PENDING, 0, retry)
    assert smtp_server.refused == 1
    assert smtp_server.messages == []

    smtp_server.accept()
    assert alerts.send_due(retry - dt.timedelta(seconds=1)).sent == 0
    result = alerts.send_due(retry)
    assert (result.sent, result.failed, result.deferred) == (3, 0, 0)
    assert sorted(r.rcpt_tos[0] for r in smtp_server.messages) == sorted(p.email for p in people)
    assert set(AlertDelivery.objects.values_list("state", "last_error")) == {(SENT, "")}
    assert sorted(AlertDelivery.objects.values_list("attempts", flat=True)) == [1, 1, 2]


def test_smtp_transient_refusals_give_up_after_the_maximum_attempts(smtp_server, settings):
    settings.ALERT_MAX_ATTEMPTS = 3
    _people, _deadline, now = smtp_setup(1)
    smtp_server.refuse("451", at="rcpt")
    moment, waits = now, []
    with translation.override("en"):
        for _attempt in range(3):
            result = alerts.send_due(moment)
            row = AlertDelivery.objects.get()
            if row.state == FAILED:
                break
            waits.append(result.retry_in)
            assert row.not_before == moment + dt.timedelta(seconds=result.retry_in)
            moment = row.not_before
    assert waits == [60.0, 120.0]  # backoff doubles
    assert (result.failed, row.state, row.attempts) == (1, FAILED, 3)
    assert row.last_error.startswith("gave up after 3 attempts: ")
    assert "451" in row.last_error
    assert smtp_server.refused == 3
    assert smtp_server.messages == []


def test_one_smtp_connection_per_batch(smtp_server):
    people = many_contacts(50, factories.AgencyFactory())
    add_deadline(DUE)
    now = at(DUE - days(7))
    assert alerts.plan(now).planned == 50
    result = alerts.send_due(now)
    assert (result.sent, result.failed) == (50, 0)
    received = smtp_server.messages
    assert len(received) == 50
    assert smtp_server.connections == 1
    assert len({r.peer for r in received}) == 1
    assert sorted(r.rcpt_tos[0] for r in received) == sorted(p.email for p in people)
    assert len({r.message_id for r in received}) == 50

    smtp_server.reset()
    add_deadline(DUE, kind=DeadlineKind.AWARD_VOTING)
    assert alerts.plan(now).planned == 50
    result = alerts.send_due(now, batch_size=20)
    assert result.sent == 50
    assert smtp_server.connections == 3  # 20 + 20 + 10
    assert len({r.peer for r in smtp_server.messages}) == 3


def digest_setup():
    reader = contact(language="en", time_zone="Asia/Bishkek")
    alerts.save_subscription(reader.subscription, delivery=Delivery.DIGEST, digest_hour=8)
    add_deadline(dt.date(2026, 5, 17), titles={"tr": "Deadline A", "en": "Deadline A"})
    add_deadline(dt.date(2026, 5, 11), titles={"tr": "Deadline C", "en": "Deadline C"}, kind=DeadlineKind.FUND_CALL)
    now = bishkek(dt.date(2026, 5, 10), 8)
    alerts.plan(now)
    return reader, now


def test_a_digest_waits_for_the_smtp_server_and_arrives_once(smtp_server):
    reader, now = digest_setup()
    smtp_server.stop()
    result = alerts.send_due(now)
    assert (result.sent, result.failed, result.deferred, result.retry_in) == (0, 0, 2, 60.0)
    retry = now + dt.timedelta(seconds=60)
    assert set(AlertDelivery.objects.values_list("state", "attempts", "not_before")) == {(PENDING, 1, retry)}
    assert all("ConnectionRefusedError" in e for e in AlertDelivery.objects.values_list("last_error", flat=True))
    reader.subscription.refresh_from_db()
    assert reader.subscription.last_digest_on is None

    smtp_server.start()
    assert alerts.send_due(retry - dt.timedelta(seconds=1)).sent == 0
    assert alerts.send_due(retry).sent == 2
    [received] = smtp_server.messages
    assert received.rcpt_tos == [reader.email]
    assert received.message_id == f"<digest.{reader.pk}.2026-05-10@portal.example>"
    body = received.message.get_body(preferencelist=("plain",)).get_content()
    assert "Deadline A" in body and "Deadline C" in body
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert set(AlertDelivery.objects.values_list("state", "attempts", "message_id")) == {(SENT, 2, received.message_id)}
    assert alerts.send_due(retry + dt.timedelta(hours=2)).sent == 0
    assert len(smtp_server.messages) == 1


def test_a_digest_refused_for_good_fails_its_alerts(smtp_server):
    _reader, now = digest_setup()
    smtp_server.refuse("550", at="data")
    result = alerts.send_due(now)
    assert (result.sent, result.failed) == (0, 2)
    assert set(AlertDelivery.objects.values_list("state", "attempts")) == {(FAILED, 1)}
    assert all(e.startswith("550 ") for e in AlertDelivery.objects.values_list("last_error", flat=True))


def test_a_digest_refused_again_and_again_gives_up(smtp_server, settings):
    settings.ALERT_MAX_ATTEMPTS = 3
    _reader, now = digest_setup()
    smtp_server.refuse("451", at="rcpt")
    moment = now
    with translation.override("en"):
        for _attempt in range(3):
            result = alerts.send_due(moment)
            if result.failed:
                break
            moment += dt.timedelta(seconds=result.retry_in)
    assert result.failed == 2
    assert set(AlertDelivery.objects.values_list("state", "attempts", "not_before")) == {(FAILED, 3, None)}
    for error in AlertDelivery.objects.values_list("last_error", flat=True):
        assert error.startswith("gave up after 3 attempts: ") and "451" in error
    assert smtp_server.refused == 3
    assert smtp_server.messages == []


# --- Reaper, send again, kill switch, command ---------------------------------------------------------


def test_the_reaper_frees_rows_stuck_in_sending(settings):
    stuck_contact, busy_contact = contact(), contact()
    add_deadline(DUE)
    now = at(DUE - days(7))
    alerts.plan(now)
    timeout = dt.timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT)
    AlertDelivery.objects.filter(contact=stuck_contact).update(
        state=SENDING, claimed_at=now - timeout - dt.timedelta(seconds=1), claim="dead", attempts=1
    )
    AlertDelivery.objects.filter(contact=busy_contact).update(
        state=SENDING, claimed_at=now - timeout + dt.timedelta(seconds=30), claim="busy", attempts=1
    )
    result = alerts.plan(now)
    assert (result.reaped, result.planned) == (1, 0)
    stuck = AlertDelivery.objects.get(contact=stuck_contact)
    busy = AlertDelivery.objects.get(contact=busy_contact)
    assert (stuck.state, stuck.claim) == (PENDING, "")
    assert (busy.state, busy.claim) == (SENDING, "busy")
    assert PlanningRun.objects.get().reaped == 1

    assert alerts.send_due(now).sent == 1
    assert [m.to for m in mail.outbox] == [[stuck_contact.email]]
    stuck.refresh_from_db()
    assert (stuck.state, stuck.attempts) == (SENT, 2)
    busy.refresh_from_db()
    assert (busy.state, busy.claim) == (SENDING, "busy")


def test_send_again_puts_failed_rows_back_in_line():
    failed_contact, sent_contact = contact(), contact()
    add_deadline(DUE)
    now = at(DUE - days(7))
    alerts.plan(now)
    AlertDelivery.objects.filter(contact=failed_contact).update(state=FAILED, attempts=12, last_error="550 no")
    assert alerts.send_due(now).sent == 1
    failed = AlertDelivery.objects.get(contact=failed_contact)
    sent = AlertDelivery.objects.get(contact=sent_contact)
    sent_values = (sent.state, sent.attempts, sent.sent_at, sent.message_id)

    assert alerts.send_again(AlertDelivery.objects.all()) == 1
    failed.refresh_from_db()
    assert (failed.state, failed.attempts, failed.last_error, failed.not_before) == (PENDING, 0, "", None)
    assert alerts.send_due(now + dt.timedelta(minutes=1)).sent == 1
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.state, failed.attempts) == (SENT, 1)
    assert (sent.state, sent.attempts, sent.sent_at, sent.message_id) == sent_values
    assert [m.to for m in mail.outbox] == [[sent_contact.email], [failed_contact.email]]


def test_the_kill_switch_sends_nothing(settings):
    contact()
    add_deadline(DUE)
    now = at(DUE - days(7))
    alerts.plan(now)
    settings.SEND_ALERTS = False
    before = snapshot()
    result = alerts.send_due(now)
    assert (result.sent, result.failed, result.deferred, result.cancelled) == (0, 0, 0, 0)
    assert mail.outbox == []
    assert snapshot() == before
    assert alerts.backlog(now) == 1


def command_deadline():
    """A deadline five days from the real now (the command uses the clock): the 7-day window is open."""
    person = contact()
    today = timezone.localtime(timezone.now(), ZURICH).date()
    deadline = add_deadline(today + days(5), titles={"tr": "Komut testi", "en": "Command test"})
    return person, deadline


@pytest.mark.clock
def test_send_alerts_command_plans_and_sends():
    person, deadline = command_deadline()
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert rows() == [(person.pk, deadline.pk, 7, deadline.due_at, SENT)]
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "Planned 1 alerts" in out.getvalue()
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert "Planned 0 alerts" in out.getvalue()
    assert len(mail.outbox) == 1


@pytest.mark.clock
def test_send_alerts_dry_run_writes_and_sends_nothing():
    person, _deadline = command_deadline()
    runs_before = list(PlanningRun.objects.values_list())
    out = io.StringIO()
    call_command("send_alerts", "--dry-run", stdout=out)
    assert AlertDelivery.objects.count() == 0
    assert list(PlanningRun.objects.values_list()) == runs_before
    assert mail.outbox == []
    text = out.getvalue()
    assert "1 alerts would be planned" in text
    assert "1 would be sent now" in text
    assert person.email in text
    assert "Komut testi" in text or "Command test" in text


# --- Planning is set-based -------------------------------------------------------------------------------


def test_planning_issues_the_same_queries_for_3_and_30_contacts(django_assert_max_num_queries):
    agency = factories.AgencyFactory()
    many_contacts(3, agency)
    add_deadline(DUE)
    add_deadline(DUE, kind=DeadlineKind.FUND_CALL)
    now = at(DUE - days(7))
    alerts.plan(now - days(200))  # the first run creates the PlanningRun row: one time only
    with CaptureQueriesContext(connection) as few:
        assert alerts.plan(now).planned == 6
    AlertDelivery.objects.all().delete()
    many_contacts(27, agency)
    with django_assert_max_num_queries(len(few)), CaptureQueriesContext(connection) as many:
        assert alerts.plan(now).planned == 60
    assert len(many) == len(few)
