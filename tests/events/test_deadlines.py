"""Events: their deadlines and start in the registry (registered, moved, withdrawn with the event), date rules
with clear errors, the month calendar by each event's own zone, upcoming/past by the event's own zone, and the
event's calendar file."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events import ics, selectors
from events.models import Event, EventStatus
from portal import alerts
from portal.ics import host
from portal.models import AlertDelivery, Deadline, DeadlineKind, DeliveryState
from tests import factories

pytestmark = pytest.mark.django_db

ZURICH, TEHRAN = ZoneInfo("Europe/Zurich"), ZoneInfo("Asia/Tehran")


def rows(event: Event) -> dict[str, Deadline]:
    return {row.kind: row for row in Deadline.objects.filter(content_type__app_label="events", object_id=event.pk)}


def wsis_forum(**kwargs) -> Event:
    kwargs.setdefault("starts_on", dt.date(2030, 7, 6))
    kwargs.setdefault("ends_on", dt.date(2030, 7, 10))
    kwargs.setdefault("registration_deadline", dt.date(2030, 6, 20))
    kwargs.setdefault("proposal_deadline", dt.date(2030, 3, 1))
    return factories.EventFactory(slug="wsis-forum-2030", name="WSIS Forumu 2030", name_en="WSIS Forum 2030", **kwargs)


# --- Deadlines in the registry -------------------------------------------------------------------------


def test_an_event_registers_its_deadlines_and_its_start_in_its_own_zone():
    event = wsis_forum(start_time=dt.time(9, 0), exhibition_deadline=dt.date(2030, 5, 1))
    registered = rows(event)
    assert set(registered) == {"event.proposal", "event.exhibition", "event.registration", "event.start"}
    registration = registered["event.registration"]
    assert registration.topic == "events"
    assert (registration.tz, registration.date_only, registration.tentative) == ("Europe/Zurich", True, False)
    assert registration.due_at == dt.datetime(2030, 6, 20, 23, 59, tzinfo=ZURICH)
    start = registered["event.start"]
    assert (start.due_at, start.date_only) == (dt.datetime(2030, 7, 6, 9, 0, tzinfo=ZURICH), False)
    assert registration.url == "/events/wsis-forum-2030/"
    assert registration.title_en == "WSIS Forum 2030 — registration deadline"
    assert registration.title_tr.startswith("WSIS Forumu 2030")
    assert all(registration.language_titles().values())


def test_moving_a_deadline_moves_its_row_and_clearing_one_withdraws_it():
    event = wsis_forum()
    before = rows(event)
    event.registration_deadline = dt.date(2030, 6, 25)
    event.proposal_deadline = None
    event.save()
    after = rows(event)
    assert after["event.registration"].pk == before["event.registration"].pk
    assert after["event.registration"].due_at == dt.datetime(2030, 6, 25, 23, 59, tzinfo=ZURICH)
    assert after["event.registration"].sequence == before["event.registration"].sequence + 1
    assert after["event.proposal"].withdrawn_at is not None
    assert after["event.start"].withdrawn_at is None
    assert after["event.start"].sequence == before["event.start"].sequence  # unchanged: no new revision


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.POSTPONED])
def test_cancelling_or_postponing_withdraws_every_deadline_and_its_pending_alerts(status, contact_a):
    event = wsis_forum(starts_on=dt.date(2030, 7, 6), ends_on=dt.date(2030, 7, 10))
    registration = rows(event)["event.registration"]
    delivery = AlertDelivery.objects.create(
        contact=contact_a, deadline=registration, lead_days=7, due_at=registration.due_at, planned_at=timezone.now()
    )
    event.status = status
    event.save()
    assert all(row.withdrawn_at is not None for row in rows(event).values())
    alerts.plan()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.CANCELLED
    # Confirmed again: the same rows come back.
    event.status = EventStatus.CONFIRMED
    event.save()
    assert all(row.withdrawn_at is None for row in rows(event).values())
    assert rows(event)["event.registration"].pk == registration.pk


def test_a_planned_event_registers_tentative_deadlines_and_deleting_withdraws_them():
    event = wsis_forum(status=EventStatus.PLANNED)
    assert all(row.tentative for row in rows(event).values())
    pk = event.pk
    event.delete()
    assert not Deadline.objects.filter(content_type__app_label="events", object_id=pk, withdrawn_at__isnull=True)
    assert Deadline.objects.filter(content_type__app_label="events", object_id=pk).count() == 3


def test_renaming_the_event_retitles_its_deadlines_in_every_language():
    event = wsis_forum()
    event.name_en = "WSIS+20 Forum 2030"
    event.save()
    assert rows(event)["event.start"].title_en == "WSIS+20 Forum 2030 — the event starts"
    with translation.override("en"):
        assert str(DeadlineKind("event.start").label) == "event starts"


# --- Date rules ------------------------------------------------------------------------------------------


def errors_of(event: Event) -> dict:
    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    return caught.value.message_dict


def test_an_event_cannot_end_before_it_starts():
    event = factories.EventFactory.build(starts_on=dt.date(2030, 7, 6), ends_on=dt.date(2030, 7, 5))
    assert list(errors_of(event)) == ["ends_on"]
    same_day = factories.EventFactory.build(
        starts_on=dt.date(2030, 7, 6), ends_on=dt.date(2030, 7, 6), start_time=dt.time(14), end_time=dt.time(9)
    )
    assert list(errors_of(same_day)) == ["end_time"]


@pytest.mark.parametrize("field", ["registration_deadline", "proposal_deadline", "exhibition_deadline"])
def test_a_deadline_after_the_start_is_refused_on_its_field(field):
    event = factories.EventFactory.build(starts_on=dt.date(2030, 7, 6), **{field: dt.date(2030, 7, 7)})
    errors = errors_of(event)
    assert list(errors) == [field]
    assert "2030-07-06" in errors[field][0]
    on_the_day = factories.EventFactory.build(starts_on=dt.date(2030, 7, 6), **{field: dt.date(2030, 7, 6)})
    on_the_day.full_clean()  # the day it starts is allowed


def test_an_unknown_zone_is_refused():
    event = factories.EventFactory.build(tz="Europe/Genevaa")
    assert list(errors_of(event)) == ["tz"]


def test_an_event_in_person_needs_its_place_and_an_online_one_does_not():
    event = factories.EventFactory.build(city="", city_en="", country="")
    assert set(errors_of(event)) == {"city", "country"}
    factories.EventFactory.build(city="", city_en="", country="", attendance="online").full_clean()


def test_reserved_addresses_are_refused_as_slugs():
    assert list(errors_of(factories.EventFactory.build(slug="calendar"))) == ["slug"]


# --- Upcoming and past, by the event's own zone ------------------------------------------------------------


def test_an_event_is_upcoming_until_its_last_day_ends_in_its_own_zone():
    tehran = factories.EventFactory(tz="Asia/Tehran", starts_on=dt.date(2030, 7, 1), ends_on=dt.date(2030, 7, 2))
    zurich = factories.EventFactory(tz="Europe/Zurich", starts_on=dt.date(2030, 7, 1), ends_on=dt.date(2030, 7, 2))
    # 21:00 UTC on 2 July: 00:30 on 3 July in Tehran (over), 23:00 on 2 July in Zurich (still on).
    now = dt.datetime(2030, 7, 2, 21, 0, tzinfo=dt.UTC)
    assert list(selectors.upcoming_events(now)) == [zurich]
    assert list(selectors.past_events(now)) == [tehran]


def test_has_an_open_deadline_counts_the_day_in_the_events_zone():
    event = factories.EventFactory(
        tz="Asia/Tehran",
        starts_on=dt.date(2030, 7, 6),
        ends_on=dt.date(2030, 7, 6),
        registration_deadline=dt.date(2030, 6, 30),
    )
    before = dt.datetime(2030, 6, 30, 20, 0, tzinfo=dt.UTC)  # 23:30 in Tehran
    after = dt.datetime(2030, 6, 30, 20, 30, tzinfo=dt.UTC)  # 00:00 on 1 July in Tehran
    assert list(Event.objects.filter(selectors.with_open_deadline(before))) == [event]
    assert list(Event.objects.filter(selectors.with_open_deadline(after))) == []
    event.status = EventStatus.CANCELLED
    event.save()
    assert list(Event.objects.filter(selectors.with_open_deadline(before))) == []


# --- The month calendar -----------------------------------------------------------------------------------


def day_of(month, date) -> selectors.Day:
    return next(day for week in month.weeks for day in week if day.date == date)


def test_an_event_across_a_month_boundary_is_in_both_months():
    event = factories.EventFactory(starts_on=dt.date(2030, 6, 29), ends_on=dt.date(2030, 7, 2))
    june = selectors.month_calendar(dt.date(2030, 6, 1))
    july = selectors.month_calendar(dt.date(2030, 7, 1))
    assert [d.date.day for d in june.days if event in d.events] == [29, 30]
    assert [d.date.day for d in july.days if event in d.events] == [1, 2]
    assert (june.previous, june.next, july.previous) == (dt.date(2030, 5, 1), dt.date(2030, 7, 1), dt.date(2030, 6, 1))
    # Weeks start on Monday; the days of the neighbouring months fill the first and last weeks.
    assert all(week[0].date.weekday() == 0 and len(week) == 7 for week in july.weeks)
    assert july.weeks[0][0].date == dt.date(2030, 7, 1)  # a Monday
    assert june.weeks[-1][-1].date == dt.date(2030, 6, 30)  # a Sunday
    assert july.weeks[-1][-1].date == dt.date(2030, 8, 4)
    assert not day_of(july, dt.date(2030, 8, 1)).in_month
    august = factories.EventFactory(starts_on=dt.date(2030, 8, 1), ends_on=dt.date(2030, 8, 1))
    assert day_of(selectors.month_calendar(dt.date(2030, 7, 1)), dt.date(2030, 8, 1)).events == [august]


def test_the_calendar_puts_each_event_and_deadline_on_its_local_day_in_its_own_zone():
    # Both start on 1 July where they are held; in UTC the Tehran one starts on 30 June at 20:30.
    tehran = factories.EventFactory(
        tz="Asia/Tehran", starts_on=dt.date(2030, 7, 1), ends_on=dt.date(2030, 7, 1), start_time=dt.time(0, 0)
    )
    zurich = factories.EventFactory(
        tz="Europe/Zurich",
        starts_on=dt.date(2030, 7, 1),
        ends_on=dt.date(2030, 7, 1),
        registration_deadline=dt.date(2030, 6, 30),  # 23:59 in Zurich: 02:29 on 1 July in Tehran
    )
    assert tehran.starts_at().astimezone(dt.UTC).date() == dt.date(2030, 6, 30)
    july = selectors.month_calendar(dt.date(2030, 7, 1))
    june = selectors.month_calendar(dt.date(2030, 6, 1))
    assert day_of(july, dt.date(2030, 7, 1)).events == [tehran, zurich]
    assert day_of(june, dt.date(2030, 6, 30)).events == []
    marks = day_of(june, dt.date(2030, 6, 30)).deadlines
    assert [(m.event, m.field) for m in marks] == [(zurich, "registration_deadline")]
    assert day_of(july, dt.date(2030, 7, 1)).deadlines == []


def test_the_calendar_leaves_out_the_deadlines_of_cancelled_events_and_takes_one_query(django_assert_num_queries):
    factories.EventFactory(
        starts_on=dt.date(2030, 7, 6), ends_on=dt.date(2030, 7, 6), registration_deadline=dt.date(2030, 7, 1)
    )
    cancelled = factories.EventFactory(
        starts_on=dt.date(2030, 7, 8),
        ends_on=dt.date(2030, 7, 8),
        registration_deadline=dt.date(2030, 7, 2),
        status="cancelled",
    )
    with django_assert_num_queries(1):
        july = selectors.month_calendar(dt.date(2030, 7, 1))
    assert day_of(july, dt.date(2030, 7, 2)).deadlines == []
    assert day_of(july, dt.date(2030, 7, 8)).events == [cancelled]


# --- The event's calendar file ------------------------------------------------------------------------------


def parse(event: Event) -> icalendar.Calendar:
    with translation.override("en"):
        return icalendar.Calendar.from_ical(ics.build(event, selectors.event_calendar_deadlines(event)))


def test_the_calendar_file_has_the_event_and_its_deadlines_with_stable_uids():
    event = wsis_forum()
    calendar = parse(event)
    vevents = calendar.walk("VEVENT")
    uids = [str(item["UID"]) for item in vevents]
    assert uids[0] == f"event-{event.pk}@{host()}"
    main = vevents[0]
    assert str(main["SUMMARY"]) == "WSIS Forum 2030"
    assert main.decoded("DTSTART") == dt.date(2030, 7, 6)
    assert main.decoded("DTEND") == dt.date(2030, 7, 11)  # exclusive
    assert "Geneva" in str(main["LOCATION"])
    deadlines = {str(item["SUMMARY"]): item for item in vevents[1:]}
    assert set(deadlines) == {"WSIS Forum 2030 — proposal deadline", "WSIS Forum 2030 — registration deadline"}
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]

    event.registration_deadline = dt.date(2030, 6, 25)
    event.save()
    again = parse(event).walk("VEVENT")
    assert [str(item["UID"]) for item in again] == uids
    assert int(again[0]["SEQUENCE"]) > int(main["SEQUENCE"])
    moved = next(item for item in again if "registration" in str(item["SUMMARY"]))
    assert moved.decoded("DTSTART") == dt.date(2030, 6, 25)


def test_a_timed_event_is_in_its_zone_and_a_cancelled_one_is_cancelled():
    event = wsis_forum(start_time=dt.time(9, 30), end_time=dt.time(18, 0))
    main = parse(event).walk("VEVENT")[0]
    assert main.decoded("DTSTART") == dt.datetime(2030, 7, 6, 9, 30, tzinfo=ZURICH)
    assert main["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert main.decoded("DTEND") == dt.datetime(2030, 7, 10, 18, 0, tzinfo=ZURICH)
    assert str(main["STATUS"]) == "CONFIRMED"
    event.status = EventStatus.CANCELLED
    event.save()
    vevents = parse(event).walk("VEVENT")
    assert {str(item["STATUS"]) for item in vevents} == {"CANCELLED"}
