"""The deadline calendar: its page, the public and private iCalendar feeds, the deadlines API and /healthz."""

import datetime as dt
import socket
from zoneinfo import ZoneInfo

import pytest
from django.db import connections
from django.utils import timezone
from icalendar import Calendar

from portal import alerts, deadlines, health, ics
from portal.deadlines import DeadlineSpec
from portal.models import Deadline, DeadlineKind, PlanningRun
from tests import factories

pytestmark = pytest.mark.clock  # passed, upcoming, days left, this month

ZURICH, TEHRAN, NEW_YORK = "Europe/Zurich", "Asia/Tehran", "America/New_York"
NEXT_YEAR = timezone.now().year + 1


def add(
    kind=DeadlineKind.AWARD_NOMINATION,
    due=None,
    tz=ZURICH,
    title="Deadline",
    source=None,
    **kwargs,
) -> Deadline:
    """One deadline of its own source (any saved row can own deadlines)."""
    source = source or factories.AgencyFactory()
    due = due or timezone.now() + dt.timedelta(days=20)
    titles = kwargs.pop("titles", {"tr": f"{title} (tr)", "en": title})
    [deadline] = deadlines.sync(source, [DeadlineSpec(kind, due, tz, titles, **kwargs)])
    return deadline


def at(*args, tz=ZURICH) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(tz))


def feed(client, path="/deadlines.ics", **params) -> Calendar:
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    """The feed's events by UID."""
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(deadline: Deadline) -> str:
    return f"deadline-{deadline.pk}@{ics.host()}"


def titles(response) -> list[str]:
    return [d.title_en for d in response.context["page"].object_list]


# --- The public feed ------------------------------------------------------------------------------


def test_feed_parses_keeps_its_uids_and_carries_a_vtimezone_per_zone(client, settings):
    settings.SITE_URL = "https://portal.example"
    zurich = add(due=at(NEXT_YEAR, 3, 29, 23, 30), title="Zurich")  # the DST-change day in Zurich
    tehran = add(due=at(NEXT_YEAR, 4, 1, 0, 30, tz=TEHRAN), tz=TEHRAN, title="Tehran")

    first, second = feed(client), feed(client)

    assert (
        set(events(first))
        == set(events(second))
        == {
            f"deadline-{zurich.pk}@portal.example",
            f"deadline-{tehran.pk}@portal.example",
        }
    )
    assert str(first["VERSION"]) == "2.0"
    assert "portal.example" in str(first["PRODID"])
    assert str(first["X-WR-CALNAME"])
    assert sorted(tz.tz_name for tz in first.timezones) == [TEHRAN, ZURICH]
    assert first.get_missing_tzids() == set()
    event = events(first)[uid(zurich)]
    assert event["DTSTART"].params["TZID"] == ZURICH
    assert event.start == at(NEXT_YEAR, 3, 29, 23, 30)
    assert event.start.utcoffset() == dt.timedelta(hours=2)  # CEST, from the VTIMEZONE
    assert "DTEND" not in event  # an instant: RFC 5545 3.6.1
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CONFIRMED", 0)
    assert event["DTSTAMP"].dt == zurich.updated_at.replace(microsecond=0)
    assert events(first)[uid(tehran)].start == at(NEXT_YEAR, 4, 1, 0, 30, tz=TEHRAN)


def test_vtimezone_converts_local_times_back_to_the_same_instant(client):
    """A client that knows no zone database reads the instant from the VTIMEZONE alone."""
    zurich = add(due=at(NEXT_YEAR, 7, 6, 9, 0), title="Summer")
    text = client.get("/deadlines.ics").content.decode()
    # The VTIMEZONE of Zurich has the summer offset for July.
    vtimezone = text.split("BEGIN:VTIMEZONE")[1].split("END:VTIMEZONE")[0]
    assert "TZID:Europe/Zurich" in vtimezone
    assert "TZOFFSETTO:+0200" in vtimezone
    assert "X-PUBLISHED-TTL:PT1H" in text
    assert f"DTSTART;TZID=Europe/Zurich:{NEXT_YEAR}0706T090000" in text
    assert events(Calendar.from_ical(text))[uid(zurich)].start == zurich.due_at


def test_all_day_deadlines_end_the_next_day_exclusive_on_their_own_date(client):
    # 23:59 in New York is already the next day in UTC: the event is still on the 15th.
    new_york = add(due=dt.date(NEXT_YEAR, 3, 15), tz=NEW_YORK, title="New York")
    zurich = add(due=dt.date(NEXT_YEAR, 12, 31), tz=ZURICH, title="Year end")
    assert new_york.due_at.astimezone(dt.UTC).date() == dt.date(NEXT_YEAR, 3, 16)

    found = events(feed(client))

    event = found[uid(new_york)]
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert (event.start, event.end) == (dt.date(NEXT_YEAR, 3, 15), dt.date(NEXT_YEAR, 3, 16))
    event = found[uid(zurich)]
    assert (event.start, event.end) == (dt.date(NEXT_YEAR, 12, 31), dt.date(NEXT_YEAR + 1, 1, 1))


def test_moving_a_deadline_bumps_its_sequence_under_the_same_uid(client):
    source = factories.AgencyFactory()
    deadline = add(due=at(NEXT_YEAR, 5, 4, 12, 0), source=source, title="Moving")
    before = events(feed(client))[uid(deadline)]

    add(due=at(NEXT_YEAR, 5, 11, 12, 0), source=source, title="Moving")

    after = events(feed(client))[uid(deadline)]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert (before.start, after.start) == (at(NEXT_YEAR, 5, 4, 12, 0), at(NEXT_YEAR, 5, 11, 12, 0))
    assert after["DTSTAMP"].dt >= before["DTSTAMP"].dt


def test_withdrawn_future_deadlines_are_cancelled_and_passed_ones_stay_thirty_days(client):
    source = factories.AgencyFactory()
    withdrawn = add(due=at(NEXT_YEAR, 6, 1, 12, 0), source=source, title="Withdrawn")
    deadlines.withdraw(source)
    tentative = add(title="Tentative", tentative=True)
    recent = add(due=timezone.now() - dt.timedelta(days=10), title="Ten days ago")
    old = add(due=timezone.now() - dt.timedelta(days=40), title="Forty days ago")
    past_withdrawn_source = factories.AgencyFactory()
    add(due=timezone.now() - dt.timedelta(days=2), source=past_withdrawn_source, title="Withdrawn, passed")
    deadlines.withdraw(past_withdrawn_source)

    found = events(feed(client))

    assert str(found[uid(withdrawn)]["STATUS"]) == "CANCELLED"
    assert found[uid(withdrawn)]["SEQUENCE"] == 1
    assert str(found[uid(tentative)]["STATUS"]) == "TENTATIVE"
    assert str(found[uid(recent)]["STATUS"]) == "CONFIRMED"
    assert uid(old) not in found
    assert {str(e["SUMMARY"]) for e in found.values()} == {"Withdrawn (tr)", "Tentative (tr)", "Ten days ago (tr)"}


def test_topic_filters_the_feed_and_a_bad_topic_is_a_400(client):
    award = add(DeadlineKind.AWARD_NOMINATION, title="Award")
    fund = add(DeadlineKind.FUND_CALL, title="Fund")

    assert set(events(feed(client, topic="funds"))) == {uid(fund)}
    assert set(events(feed(client))) == {uid(award), uid(fund)}
    response = client.get("/deadlines.ics", {"topic": "nope"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "topic" in response.content.decode()


def test_feed_language_from_query_or_accept_language(client):
    deadline = add(title="Prize nominations", titles={"tr": "Ödül adaylığı", "en": "Prize nominations"}, url="/awards/")

    english = events(feed(client, lang="en"))[uid(deadline)]
    turkish = events(feed(client, lang="tr"))[uid(deadline)]
    by_header = client.get("/deadlines.ics", headers={"accept-language": "en"})

    assert (str(english["SUMMARY"]), str(turkish["SUMMARY"])) == ("Prize nominations", "Ödül adaylığı")
    assert str(english["URL"]) == "http://127.0.0.1:8000/en/awards/"
    assert str(turkish["URL"]) == "http://127.0.0.1:8000/tr/awards/"
    assert "nomination deadline" in str(english["DESCRIPTION"])
    assert "Europe/Zurich" in str(english["DESCRIPTION"]) and "Europe/Istanbul" in str(english["DESCRIPTION"])
    assert by_header["Content-Language"] == "en"
    assert str(events(Calendar.from_ical(by_header.content))[uid(deadline)]["SUMMARY"]) == "Prize nominations"


def test_public_feed_never_carries_agency_addressed_deadlines(client, contact_a, agency_a):
    public = add(title="Public")
    add(DeadlineKind.CIRCULAR_REPLY, title="For A", agencies=(agency_a.pk,))
    client.force_login(contact_a.user)

    assert set(events(feed(client))) == {uid(public)}


# --- The private feed -----------------------------------------------------------------------------


@pytest.fixture
def addressed(agency_a, agency_b):
    """Public deadlines of two topics, and one deadline addressed to each agency."""
    return {
        "award": add(DeadlineKind.AWARD_NOMINATION, title="Award"),
        "fund": add(DeadlineKind.FUND_CALL, title="Fund"),
        "for_a": add(DeadlineKind.CIRCULAR_REPLY, title="For A", agencies=(agency_a.pk,)),
        "for_b": add(DeadlineKind.RESOLUTION_DUE, title="For B", agencies=(agency_b.pk,)),
    }


def private_path(contact) -> str:
    contact.subscription.refresh_from_db()
    return f"/deadlines/{contact.subscription.calendar_token}.ics"


def test_private_feed_has_the_subscribed_topics_and_the_own_agencys_deadlines(client, contact_a, addressed):
    alerts.save_subscription(contact_a.subscription, topics=["awards"])

    response = client.get(private_path(contact_a))

    assert response.status_code == 200
    assert set(events(Calendar.from_ical(response.content))) == {uid(addressed["award"]), uid(addressed["for_a"])}
    assert "private" in response["Cache-Control"]
    body = response.content.decode()
    for personal in (contact_a.name, contact_a.email, contact_a.subscription.calendar_token):
        assert personal not in body


def test_private_feed_of_the_other_agency(client, contact_b, addressed):
    response = client.get(private_path(contact_b))
    assert set(events(Calendar.from_ical(response.content))) == {
        uid(addressed["award"]),
        uid(addressed["fund"]),
        uid(addressed["for_b"]),
    }


def test_private_feed_is_in_the_contacts_language_unless_asked(client, contact_a, addressed):
    alerts.save_subscription(contact_a.subscription, language="en")
    assert str(events(feed(client, private_path(contact_a)))[uid(addressed["award"])]["SUMMARY"]) == "Award"
    assert str(events(feed(client, private_path(contact_a), lang="tr"))[uid(addressed["award"])]["SUMMARY"]) == (
        "Award (tr)"
    )


def test_private_feed_survives_a_pause_and_is_gone_after_renewal(client, contact_a, addressed):
    alerts.unsubscribe(contact_a.subscription)
    old = private_path(contact_a)
    assert client.get(old).status_code == 200

    alerts.renew_calendar_token(contact_a.subscription)

    assert client.get(old).status_code == 404
    new = private_path(contact_a)
    assert new != old
    assert client.get(new).status_code == 200


@pytest.mark.parametrize("token", ["unknown-token", "%00", "a%00b", "x" * 65])
def test_unknown_tokens_are_404(client, contact_a, token):
    assert client.get(f"/deadlines/{token}.ics").status_code == 404


def test_private_feed_of_a_deactivated_contact_is_404(client, contact_a):
    path = private_path(contact_a)
    contact_a.is_active = False
    contact_a.save()
    assert client.get(path).status_code == 404


# --- The page ---------------------------------------------------------------------------------------


def test_page_filters_by_topic_and_agency(client_a, agency_a, addressed):
    assert titles(client_a.get("/en/deadlines/")) == ["Award", "Fund", "For A"]
    assert titles(client_a.get("/en/deadlines/", {"topic": "funds"})) == ["Fund"]
    assert titles(client_a.get("/en/deadlines/", {"agency": "agency-a"})) == ["For A"]
    # B's deadline is not A's to see, filtered or not.
    assert titles(client_a.get("/en/deadlines/", {"agency": "agency-b"})) == []
    response = client_a.get("/en/deadlines/", {"agency": "no-such-agency"})
    assert titles(response) == []
    assert "agency" in response.context["filter"].errors


def test_page_filters_by_month_in_each_deadlines_own_zone(client):
    # 1 April 00:30 in Zurich is still 31 March in UTC; 31 March 23:30 in Tehran is 20:00 UTC that day.
    add(due=at(NEXT_YEAR, 4, 1, 0, 30), title="April in Zurich")
    add(due=at(NEXT_YEAR, 3, 31, 23, 30, tz=TEHRAN), tz=TEHRAN, title="March in Tehran")
    add(due=dt.date(NEXT_YEAR, 3, 31), tz=NEW_YORK, title="March in New York")  # 1 April, 03:59 UTC
    add(due=at(NEXT_YEAR, 5, 2, 9, 0), title="May")

    assert titles(client.get("/en/deadlines/", {"month": f"{NEXT_YEAR}-03"})) == [
        "March in Tehran",
        "March in New York",
    ]
    assert titles(client.get("/en/deadlines/", {"month": f"{NEXT_YEAR}-04"})) == ["April in Zurich"]
    response = client.get("/en/deadlines/")
    assert [(month.month, [d.title_en for d in items]) for month, items in response.context["months"]] == [
        (3, ["March in Tehran", "March in New York"]),
        (4, ["April in Zurich"]),
        (5, ["May"]),
    ]


@pytest.mark.parametrize(
    "month", ["2026-13", "2026-3", "March", "۲۰۲۶-۰۳", "1969-12", "0000-01", "2101-01", "2026-03\x00"]
)
def test_a_bad_month_is_a_clear_error_on_the_page(client, month):
    add(title="Anything")
    response = client.get("/en/deadlines/", {"month": month})
    assert response.status_code == 200
    assert titles(response) == []
    assert list(response.context["filter"].errors) == ["month"]
    assert "Enter a month as YYYY-MM, for example 2026-03, from 1970-01 to 2100-12." in response.content.decode()


def test_page_shows_the_deadline_in_its_own_zone_and_the_viewers(client, agency_a):
    add(due=at(NEXT_YEAR, 3, 10, 12, 0), title="Both zones", url="/awards/")
    contact = factories.ContactFactory(agency=agency_a, time_zone="Asia/Bishkek")
    page = client.get("/en/deadlines/").content.decode()
    assert "Europe/Zurich (UTC+01:00)" in page
    assert "Europe/Istanbul (UTC+03:00)" in page
    assert "In the portal's time zone" in page
    assert 'href="/en/awards/"' in page

    client.force_login(contact.user)
    page = client.get("/en/deadlines/").content.decode()
    assert "Europe/Zurich (UTC+01:00)" in page
    assert "Asia/Bishkek (UTC+06:00)" in page
    assert "In your time zone" in page
    assert "Europe/Istanbul" not in page


def test_page_shows_days_left_and_the_tentative_badge(client):
    add(due=timezone.now() + dt.timedelta(days=10), title="Soon", tentative=True)
    page = client.get("/en/deadlines/").content.decode()
    assert "tentative" in page
    assert "days left" in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["Award", "Fund"]),
        ("contact_a", ["Award", "Fund", "For A"]),
        ("contact_b", ["Award", "Fund", "For B"]),
    ],
)
def test_agency_addressed_deadlines_only_for_that_agency(client, contact_a, contact_b, addressed, role, expected):
    if role != "anonymous":
        client.force_login({"contact_a": contact_a, "contact_b": contact_b}[role].user)
    assert titles(client.get("/en/deadlines/")) == expected
    assert [d["title"] for d in client.get("/api/v1/deadlines/", {"lang": "en"}).json()["results"]] == expected
    hidden = [d for key, d in addressed.items() if d.title_en not in expected]
    for deadline in hidden:
        assert client.get(f"/api/v1/deadlines/{deadline.pk}/").status_code == 404


def test_working_group_admins_see_every_deadline(admin_client_wg, addressed):
    assert titles(admin_client_wg.get("/en/deadlines/")) == ["Award", "Fund", "For A", "For B"]


def test_page_links_to_the_feed_of_the_topic_and_to_my_alerts(client, contact_a):
    page = client.get("/en/deadlines/", {"topic": "events"}).content.decode()
    assert 'href="/deadlines.ics?topic=events&amp;lang=en"' in page
    assert "/en/accounts/alerts/" not in page.split("</nav>", 2)[-1]  # only in the menu of a logged-in contact
    client.force_login(contact_a.user)
    page = client.get("/en/deadlines/").content.decode()
    assert 'href="/deadlines.ics?lang=en"' in page
    assert page.count('href="/en/accounts/alerts/"') == 2  # the menu and the page


def test_page_hides_passed_and_withdrawn_deadlines(client):
    source = factories.AgencyFactory()
    add(source=source, title="Withdrawn")
    deadlines.withdraw(source)
    add(due=timezone.now() - dt.timedelta(minutes=1), title="Passed")
    add(title="Open")
    assert titles(client.get("/en/deadlines/")) == ["Open"]


def test_home_shows_the_next_five_public_deadlines(client_a, agency_a):
    for n in range(7):
        add(due=timezone.now() + dt.timedelta(days=n + 1), title=f"Public {n}")
    add(DeadlineKind.CIRCULAR_REPLY, due=timezone.now() + dt.timedelta(hours=1), title="For A", agencies=(agency_a.pk,))
    response = client_a.get("/en/")
    assert [d.title_en for d in response.context["upcoming_deadlines"]] == [f"Public {n}" for n in range(5)]
    assert "Public 4" in response.content.decode() and "Public 5" not in response.content.decode()


# --- The API --------------------------------------------------------------------------------------


def test_api_fields(client):
    deadline = add(
        DeadlineKind.EVENT_REGISTRATION,
        due=at(NEXT_YEAR, 4, 1, 0, 30, tz=TEHRAN),
        tz=TEHRAN,
        title="Registration",
        url="/en/events/",
        tentative=True,
    )
    data = client.get("/api/v1/deadlines/", {"lang": "en"}).json()
    assert data["count"] == 1
    expected = {
        "id": deadline.pk,
        "kind": "event.registration",
        "topic": "events",
        "title": "Registration",
        "due_at": f"{NEXT_YEAR}-03-31T21:00:00Z",
        "tz": TEHRAN,
        "due_local": f"{NEXT_YEAR}-04-01T00:30:00+03:30",
        "date_only": False,
        "tentative": True,
        "url": "http://127.0.0.1:8000/en/events/",
        "sequence": 0,
    }
    assert data["results"] == [expected]
    assert client.get(f"/api/v1/deadlines/{deadline.pk}/", {"lang": "en"}).json() == expected


def test_api_filters_and_a_bad_month_is_a_400(client):
    add(DeadlineKind.FUND_CALL, due=at(NEXT_YEAR, 2, 1, 0, 30), title="February fund")
    add(DeadlineKind.AWARD_NOMINATION, due=at(NEXT_YEAR, 1, 31, 12, 0), title="January award")

    def listed(**params):
        return [d["title"] for d in client.get("/api/v1/deadlines/", {"lang": "en", **params}).json()["results"]]

    assert listed(topic="funds") == ["February fund"]
    assert listed(month=f"{NEXT_YEAR}-02") == ["February fund"]
    assert listed(month=f"{NEXT_YEAR}-01", topic="funds") == []
    response = client.get("/api/v1/deadlines/", {"month": "2026-00"})
    assert response.status_code == 400
    assert list(response.json()) == ["month"]
    assert client.get("/api/v1/deadlines/", {"month": "0000-01"}).status_code == 400
    assert client.get("/api/v1/deadlines/", {"topic": "nope"}).status_code == 400


def test_api_is_in_the_schema(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/deadlines/" in schema["paths"]
    assert "/api/v1/deadlines/{id}/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/deadlines/"]["get"]["parameters"]}
    assert {"topic", "agency", "month", "page", "lang"} <= params


# --- /healthz -------------------------------------------------------------------------------------


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_healthy_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "down": [],
        "database": "ok",
        "broker": "not configured",
        "cache": "ok",
        "smtp": "not configured",
        "last_planning_run": None,
        "planning_age_seconds": None,
        "pending_backlog": 0,
        "outbox_backlog": 0,
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_the_backlog_and_the_last_run(client, settings, contact_a):
    settings.CELERY_BROKER_URL = ""
    add(due=timezone.now() + dt.timedelta(days=3))
    alerts.plan()
    data = client.get("/healthz").json()
    assert data["pending_backlog"] == 1
    run = PlanningRun.objects.get()
    assert data["last_planning_run"] == run.finished_at.isoformat()
    assert 0 <= data["planning_age_seconds"] < 60


def test_an_unreachable_database_is_unhealthy_and_named_without_details():
    default = connections["default"]
    params = {**default.settings_dict, "PORT": unused_port(), "OPTIONS": {"connect_timeout": 1}}
    broken = default.__class__(params, alias="unreachable")
    try:
        report = health.check(database=broken)
    finally:
        broken.close()
    assert not report.healthy
    assert report.as_dict() == {
        "status": "unhealthy",
        "down": ["database"],
        "database": "error: OperationalError",
        "broker": "not configured",
        "cache": "ok",
        "smtp": "not configured",
        "last_planning_run": None,
        "planning_age_seconds": None,
        "pending_backlog": None,
        "outbox_backlog": None,
    }


def test_healthz_unreachable_broker_is_503(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{unused_port()}/0"
    PlanningRun.objects.create(pk=1, finished_at=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["broker"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"
    assert response.json()["down"] == ["broker"]


@pytest.mark.parametrize(
    ("age", "status"),
    [(None, 503), (dt.timedelta(minutes=16), 503), (dt.timedelta(minutes=14), 200), (dt.timedelta(0), 200)],
)
def test_healthz_with_the_real_broker_needs_a_recent_planning_run(client, settings, age, status):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    if age is not None:
        PlanningRun.objects.create(pk=1, finished_at=timezone.now() - age)
    response = client.get("/healthz")
    assert response.status_code == status, response.json()
    data = response.json()
    assert data["broker"] == "ok"
    assert data["status"] == ("ok" if status == 200 else "unhealthy")
    assert data["down"] == ([] if status == 200 else ["planning"])
    if age is None:
        assert data["planning_age_seconds"] is None
    else:
        assert abs(data["planning_age_seconds"] - age.total_seconds()) < 30
