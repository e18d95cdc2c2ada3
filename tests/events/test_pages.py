"""The events pages: the upcoming events with their filters, the month calendar (each event and deadline on its
local day in its own zone), an event with its deadlines in its zone and the viewer's and its published
participations, its calendar file, the past events with what the agencies learned; languages and query counts."""

import datetime as dt
import html
import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone, translation

from events import selectors
from events.models import EventStatus
from portal.ics import host
from portal.models import ActionLine, DeadlineKind, ReviewState, Theme
from portal.moments import days_before, days_left_text, format_moment
from tests import factories
from tests.queries import count_queries

pytestmark = pytest.mark.clock  # upcoming, past, open deadlines, this month, days left

EVENTS = "/en/events/"
CALENDAR = "/en/events/calendar/"
PAST = "/en/events/past/"


# --- Helpers ---------------------------------------------------------------------------------------


def in_days(n: int) -> dt.date:
    """`n` days from today where the events of this module are (Geneva, unless a test moves one)."""
    return factories.in_days(n, factories.EventFactory.tz)


def event(slug: str, starts_on: dt.date, days: int = 1, **fields):
    """An event of `days` local days from `starts_on` (a confirmed conference in Geneva unless told)."""
    return factories.EventFactory(
        slug=slug,
        name=slug,
        name_en=slug.title(),
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days - 1),
        **fields,
    )


def slugs(response) -> list[str]:
    return [e.slug for e in response.context["page"].object_list]


def items(body: str) -> dict[str, str]:
    """The markup of each event of the list, by its slug."""
    found = re.findall(r'(<li class="event-item[^"]*" data-event="([^"]+)".*?\n</li>)', body, re.DOTALL)
    return {slug: markup for markup, slug in found}


class Cells(HTMLParser):
    """The month grid's day cells: for each `data-date`, its classes and the events and deadlines listed in it."""

    def __init__(self, body: str):
        super().__init__()
        self.cells: dict[str, dict] = {}
        self.current: dict | None = None
        self.feed(body)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "data-date" in attrs:
            self.current = {
                "class": attrs.get("class", ""),
                "today": attrs.get("aria-current") == "date",
                "events": [],
                "deadlines": [],
            }
            self.cells[attrs["data-date"]] = self.current
        elif tag == "li" and self.current is not None and "data-event" in attrs:
            if "data-deadline" in attrs:
                self.current["deadlines"].append((attrs["data-event"], attrs["data-deadline"]))
            else:
                self.current["events"].append(attrs["data-event"])

    def handle_endtag(self, tag):
        if tag == "td":
            self.current = None


def cells(response) -> dict[str, dict]:
    return Cells(response.content.decode()).cells


def link(body: str, rel: str) -> str:
    """The address of the calendar's `rel` ("prev"/"next") link, unescaped."""
    return html.unescape(re.search(rf'<a href="([^"]+)" rel="{rel}"', body).group(1))


@pytest.fixture
def open_data():
    return Theme.objects.get(slug="open-data")  # reference data


@pytest.fixture
def listed(open_data):
    """Four upcoming events and one over; the fair runs across the boundary of two months about 3-4 months
    ahead."""
    boundary = in_days(120).replace(day=1)
    conference = event(
        "conference", in_days(30), days=5, registration_deadline=in_days(10), proposal_deadline=in_days(3)
    )
    conference.themes.add(open_data)
    conference.action_lines.add(ActionLine.objects.get(code="C7.1"))
    return {
        "workshop": event(
            "workshop",
            in_days(5),
            kind="workshop",
            attendance="online",
            city="",
            city_en="",
            country="",
            status=EventStatus.PLANNED,
            registration_deadline=in_days(-2),
        ),
        "conference": conference,
        "cancelled": event(
            "cancelled", in_days(40), kind="hackathon", status=EventStatus.CANCELLED, registration_deadline=in_days(9)
        ),
        "fair": event(
            "fair",
            boundary - dt.timedelta(days=1),
            days=3,
            kind="fair",
            attendance="hybrid",
            city="İstanbul",
            city_en="Istanbul",
            country="TR",
            tz="Europe/Istanbul",
        ),
        "over": event("over", in_days(-5), days=2),
        "boundary": boundary,
    }


# --- The upcoming events ---------------------------------------------------------------------------


def test_upcoming_events_soonest_first_with_status_place_and_next_deadline(client, listed):
    response = client.get(EVENTS)
    assert response.status_code == 200
    assert slugs(response) == ["workshop", "conference", "cancelled", "fair"]  # not "over"
    body = response.content.decode()
    assert 'href="/en/events/calendar/"' in body and 'href="/en/events/past/"' in body
    # The yes/no filters are a choice on the page: true, false or either.
    assert re.search(r'<select name="open_deadline"[^>]*>\s*<option value="" selected>', body)
    assert '<option value="true">' in body and '<option value="false">' in body
    shown = items(body)
    assert 'href="/en/events/conference/"' in shown["conference"]
    # The next open deadline: the proposal (in 3 days) before the registration (in 10).
    assert 'data-deadline="event.proposal"' in shown["conference"]
    assert "Next: Proposal deadline" in shown["conference"]
    proposal = selectors.next_open_deadlines([listed["conference"]])[listed["conference"].pk]
    assert proposal.kind == DeadlineKind.EVENT_PROPOSAL
    with translation.override("en"):
        assert format_moment(proposal.due_at, "Europe/Zurich") in shown["conference"]
        assert days_left_text(days_before(proposal.due_at, "Europe/Zurich", timezone.now())) in shown["conference"]
    # A passed deadline, or a cancelled event's, is no next deadline.
    assert "next-deadline" not in shown["workshop"] and "next-deadline" not in shown["cancelled"]
    # Every status but "confirmed" is marked.
    assert 'class="tag tag-tentative" data-status="planned"' in shown["workshop"]
    assert 'class="tag tag-cancelled" data-status="cancelled"' in shown["cancelled"]
    assert "data-status" not in shown["conference"].split("<h2", 1)[1].split("</h2>", 1)[0]
    # Dates are the local dates in the event's zone, the zone named; an online event has no place.
    assert f'data-starts="{listed["fair"].starts_on.isoformat()}"' in shown["fair"]
    assert 'data-zone="Europe/Istanbul"' in shown["fair"]
    assert 'data-attendance="online"' in shown["workshop"]
    assert 'data-theme="open-data"' in shown["conference"]


def test_the_list_is_paginated(client):
    for n in range(23):
        event(f"event-{n:02}", in_days(10 + n))
    first = client.get(EVENTS)
    assert len(slugs(first)) == 20
    second = client.get(f"{EVENTS}?page=2")
    assert slugs(second) == ["event-20", "event-21", "event-22"]
    assert 'rel="prev"' in second.content.decode()


def month(first: dt.date, months: int = 0) -> str:
    """The month `months` after (before) the one of `first`, as YYYY-MM."""
    year, index = divmod(first.year * 12 + first.month - 1 + months, 12)
    return f"{year:04}-{index + 1:02}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=fair", ["fair"]),
        ("kind=workshop", ["workshop"]),
        ("country=TR", ["fair"]),
        ("country=CH", ["conference", "cancelled"]),
        # The fair runs from the last day of one month into the next: it is in both.
        ("month=<before>", ["fair"]),
        ("month=<boundary>", ["fair"]),
        ("month=<after>", []),
        ("theme=open-data", ["conference"]),
        ("action_line=C7", ["conference"]),  # a main line finds its sub-lines
        ("open_deadline=true", ["conference"]),  # the workshop's passed, the cancelled event's withdrawn
        ("open_deadline=false", ["workshop", "cancelled", "fair"]),
        ("online=true", ["workshop", "fair"]),  # online and hybrid
        ("online=false", ["conference", "cancelled"]),
        ("status=planned", ["workshop"]),
        ("status=cancelled", ["cancelled"]),
        ("kind=conference&open_deadline=true&country=CH", ["conference"]),
    ],
)
def test_each_filter_narrows_the_list(client, listed, query, expected):
    boundary = listed["boundary"]
    query = (
        query.replace("<before>", month(boundary, -1))
        .replace("<boundary>", month(boundary))
        .replace("<after>", month(boundary, 1))
    )
    response = client.get(f"{EVENTS}?{query}")
    assert response.status_code == 200
    assert not response.context["filter"].errors
    assert slugs(response) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=party", "kind"),
        ("country=XX", "country"),
        ("month=2026-13", "month"),
        ("month=۲۰۲۶-۰۳", "month"),
        ("month=July", "month"),
        ("theme=no-such-theme", "theme"),
        ("action_line=C99", "action_line"),
        ("open_deadline=maybe", "open_deadline"),
        ("online=sometimes", "online"),
        ("status=gone", "status"),
    ],
)
def test_a_bad_filter_value_is_a_field_error_and_no_event(client, listed, query, field):
    response = client.get(f"{EVENTS}?{query}")
    assert response.status_code == 200
    assert list(response.context["filter"].errors) == [field]
    assert slugs(response) == []
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert f'id="id_{field}_error"' in body


# --- The month calendar ----------------------------------------------------------------------------


def test_calendar_shows_each_event_on_its_local_days_across_a_month_boundary(client):
    crossing = event("crossing", dt.date(2026, 6, 29), days=4)  # Monday 29 June to Thursday 2 July
    event("august", dt.date(2026, 8, 3))

    july = client.get(f"{CALENDAR}?month=2026-07")
    assert july.status_code == 200
    grid = cells(july)
    # Monday first, whole weeks: 29 June to 2 August.
    dates = list(grid)
    assert (dates[0], dates[-1]) == ("2026-06-29", "2026-08-02")
    assert len(dates) % 7 == 0
    assert all(dt.date.fromisoformat(d).weekday() == 0 for d in dates[::7])
    running = [d for d, cell in grid.items() if "crossing" in cell["events"]]
    assert running == ["2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02"]
    # The days of the neighbouring months are shown, muted.
    assert grid["2026-06-30"]["class"] == "other-month"
    assert grid["2026-07-01"]["class"] == "in-month"
    assert grid["2026-08-02"]["class"] == "other-month"
    assert not any("august" in cell["events"] for cell in grid.values())
    body = july.content.decode()
    assert 'href="/en/events/crossing/"' in body
    assert '<table class="month-calendar" data-month="2026-07">' in body
    with translation.override("en"):
        assert "<caption" in body and "July 2026</caption>" in body

    june = cells(client.get(f"{CALENDAR}?month=2026-06"))
    assert [d for d, cell in june.items() if "crossing" in cell["events"]] == [
        "2026-06-29",
        "2026-06-30",
        "2026-07-01",
        "2026-07-02",
    ]
    assert june["2026-06-29"]["class"] == "in-month" and june["2026-07-01"]["class"] == "other-month"
    assert crossing.pk  # the same event in both months


@pytest.mark.parametrize("viewer", ["anonymous", "contact in New York", "contact in Tokyo"])
def test_an_event_in_tehran_and_one_in_zurich_each_on_their_local_day(client, contact_a, viewer):
    """1 July 00:30 in Tehran is still 30 June in UTC; 30 June 23:30 in Zurich is already 1 July in Tokyo: each
    is on its own local day, whoever looks."""
    tehran = event(
        "tehran",
        dt.date(2026, 7, 1),
        tz="Asia/Tehran",
        city="Tahran",
        city_en="Tehran",
        country="IR",
        start_time=dt.time(0, 30),
        registration_deadline=dt.date(2026, 6, 1),
    )
    zurich = event("zurich", dt.date(2026, 6, 30), start_time=dt.time(23, 30), exhibition_deadline=dt.date(2026, 6, 1))
    assert tehran.starts_at().astimezone(dt.UTC).date() == dt.date(2026, 6, 30)
    assert zurich.starts_at().astimezone(ZoneInfo("Asia/Tokyo")).date() == dt.date(2026, 7, 1)
    if viewer != "anonymous":
        contact_a.time_zone = "America/New_York" if "New York" in viewer else "Asia/Tokyo"
        contact_a.save()
        client.force_login(contact_a.user)

    grid = cells(client.get(f"{CALENDAR}?month=2026-07"))
    assert grid["2026-07-01"]["events"] == ["tehran"]
    assert grid["2026-06-30"]["events"] == ["zurich"]
    # Each deadline on its local date (23:59 there).
    june = cells(client.get(f"{CALENDAR}?month=2026-06"))
    assert june["2026-06-01"]["deadlines"] == [("zurich", "exhibition_deadline"), ("tehran", "registration_deadline")]
    assert june["2026-06-02"]["deadlines"] == [] and june["2026-07-01"]["deadlines"] == []


def test_previous_and_next_links_keep_the_filters_and_cross_the_year(client):
    event("fair", dt.date(2027, 1, 12), kind="fair")
    event("conference", dt.date(2027, 1, 14))
    response = client.get(f"{CALENDAR}?month=2026-12&kind=fair")
    body = response.content.decode()
    assert link(body, "prev") == "?kind=fair&month=2026-11"
    assert link(body, "next") == "?kind=fair&month=2027-01"
    january = client.get(CALENDAR + link(body, "next"))
    assert january.context["calendar"].first == dt.date(2027, 1, 1)
    grid = cells(january)
    assert grid["2027-01-12"]["events"] == ["fair"]
    assert grid["2027-01-14"]["events"] == []  # the conference is filtered out
    previous = client.get(CALENDAR + link(january.content.decode(), "prev"))
    assert previous.context["calendar"].first == dt.date(2026, 12, 1)


def test_calendar_filters_narrow_the_month(client):
    event("in-person", dt.date(2026, 7, 6))
    event("online", dt.date(2026, 7, 6), attendance="online", city="", city_en="", country="")
    event("fair", dt.date(2026, 7, 6), kind="fair", country="TR", city="İzmir", city_en="Izmir")
    day = "2026-07-06"
    assert cells(client.get(f"{CALENDAR}?month=2026-07"))[day]["events"] == ["in-person", "online", "fair"]
    assert cells(client.get(f"{CALENDAR}?month=2026-07&online=true"))[day]["events"] == ["online"]
    assert cells(client.get(f"{CALENDAR}?month=2026-07&online=false&kind=conference"))[day]["events"] == ["in-person"]
    assert cells(client.get(f"{CALENDAR}?month=2026-07&country=TR"))[day]["events"] == ["fair"]


def test_the_default_month_is_the_current_one_in_the_viewers_zone(client, contact_a):
    contact_a.time_zone = "Pacific/Kiritimati"
    contact_a.save()
    client.force_login(contact_a.user)
    response = client.get(CALENDAR)
    assert response.context["calendar"].first == selectors.this_month("Pacific/Kiritimati")
    today = timezone.now().astimezone(ZoneInfo("Pacific/Kiritimati")).date().isoformat()
    grid = cells(response)
    assert [d for d, cell in grid.items() if cell["today"]] == [today]


@pytest.mark.parametrize(
    "query", ["month=2026-13", "month=26-07", "month=2026-07&kind=party", "month=2026-07&online=x"]
)
def test_a_bad_calendar_value_is_a_field_error_and_a_month_without_events(client, query):
    event("shown", selectors.this_month("Europe/Istanbul") + dt.timedelta(days=3))
    event("july", dt.date(2026, 7, 6))
    response = client.get(f"{CALENDAR}?{query}")
    assert response.status_code == 200
    assert response.context["filter"].errors
    assert 'class="error-summary"' in response.content.decode()
    expected = dt.date(2026, 7, 1) if query.startswith("month=2026-07") else selectors.this_month("Europe/Istanbul")
    assert response.context["calendar"].first == expected
    assert not any(cell["events"] or cell["deadlines"] for cell in cells(response).values())


# --- One event -------------------------------------------------------------------------------------------


def test_an_event_page_shows_every_fact_and_its_deadlines_in_its_zone_and_the_viewers(client, contact_a, open_data):
    contact_a.time_zone = "Asia/Tehran"
    contact_a.save()
    client.force_login(contact_a.user)
    forum = event(
        "wsis-forum",
        in_days(50),
        days=5,
        start_time=dt.time(9, 0),
        end_time=dt.time(17, 30),
        registration_deadline=in_days(20),
        exhibition_deadline=in_days(-3),
        venue="CICG",
        venue_en="CICG",
        organiser="ITU, UNESCO, UNDP, UNCTAD",
        languages=["en", "fr", "ru"],
        support=["travel_grant", "free_booth"],
        support_details_en="Two travel grants per least developed country.",
        source_url="https://source.example/wsis",
        online_url="https://stream.example/wsis",
        attendance="hybrid",
    )
    forum.themes.add(open_data)
    forum.action_lines.add(ActionLine.objects.get(code="C7.1"))
    response = client.get("/en/events/wsis-forum/")
    assert response.status_code == 200
    body = response.content.decode()

    # The registry's deadlines, each in the event's zone and the viewer's, with the days left; a passed one closed.
    deadlines = {d.kind: d for d, _closed in response.context["deadlines"]}
    assert set(deadlines) == {"event.registration", "event.exhibition"}  # the start is in the facts
    registration = deadlines["event.registration"]
    assert registration.due_at == dt.datetime.combine(in_days(20), dt.time(23, 59), tzinfo=ZoneInfo("Europe/Zurich"))
    with translation.override("en"):
        assert format_moment(registration.due_at, "Europe/Zurich") in body
        assert format_moment(registration.due_at, "Asia/Tehran") in body
        assert days_left_text(days_before(registration.due_at, "Europe/Zurich", timezone.now())) in body
        # The timed start and end, in both zones.
        for moment in (forum.starts_at(), forum.ends_at()):
            assert format_moment(moment, "Europe/Zurich") in body
            assert format_moment(moment, "Asia/Tehran") in body
    assert re.search(r'data-kind="event.exhibition"[^>]*>.*?data-time-left="closed"', body, re.DOTALL)
    assert re.search(r'data-kind="event.registration"[^>]*>.*?data-time-left="open"', body, re.DOTALL)
    assert body.count('data-zone="Asia/Tehran"') >= 4

    for fact in (
        'data-kind="conference"',
        "ITU, UNESCO, UNDP, UNCTAD",
        "CICG",
        'href="https://stream.example/wsis"',
        'href="https://event.example"',
        'data-languages="en,fr,ru"',
        'data-support="travel_grant"',
        'data-support="free_booth"',
        "Two travel grants per least developed country.",
        'href="https://source.example/wsis"',
        'data-theme="open-data"',
        'data-action-line="C7.1"',
        'data-status="confirmed"',
        'data-attendance="hybrid"',
        'href="/en/events/wsis-forum/calendar.ics"',
    ):
        assert fact in body, fact


def test_an_anonymous_viewer_sees_the_portals_zone(client):
    event("seoul", in_days(30), tz="Asia/Seoul", city_en="Seoul", country="KR", registration_deadline=in_days(9))
    body = client.get("/en/events/seoul/").content.decode()
    assert 'data-zone="Asia/Seoul"' in body and 'data-zone="Europe/Istanbul"' in body


@pytest.mark.parametrize(
    ("status", "tag"),
    [(EventStatus.PLANNED, "tag-tentative"), (EventStatus.POSTPONED, "tag-postponed")],
)
def test_an_event_not_confirmed_is_marked_and_a_withdrawn_one_has_no_deadline(client, status, tag):
    event("maybe", in_days(30), status=status, registration_deadline=in_days(10))
    response = client.get("/en/events/maybe/")
    body = response.content.decode()
    assert f'class="tag {tag}" data-status="{status}"' in body
    assert 'class="notice"' in body
    if status == EventStatus.POSTPONED:
        assert response.context["deadlines"] == []
    else:
        [(deadline, closed)] = response.context["deadlines"]
        assert deadline.tentative and not closed


def test_an_event_page_lists_published_participations_only_and_no_personal_data(client, contact_a, contact_b):
    past = event("past-fair", dt.date(2025, 7, 7), days=5, kind="fair")
    published_project = factories.ProjectFactory(agency=contact_a.agency, slug="shown-project", published=True)
    draft_project = factories.ProjectFactory(agency=contact_b.agency, slug="draft-project")
    shown = factories.ParticipationFactory(
        event=past,
        agency=contact_a.agency,
        project=published_project,
        role="exhibitor",
        people=3,
        outcome_en="Two partner contacts.",
        lessons_en="Bring printed leaflets in English.",
        material_links="https://slides.example/a\nhttps://video.example/a",
        review_state=ReviewState.PUBLISHED,
        reported_by=contact_a.user,
    )
    with_draft_project = factories.ParticipationFactory(
        event=past,
        agency=contact_b.agency,
        project=draft_project,
        role="speaker",
        lessons_en="Short talks work.",
        review_state=ReviewState.PUBLISHED,
        reported_by=contact_b.user,
    )
    hidden = [
        factories.ParticipationFactory(
            event=past, agency=contact_a.agency, role="attendee", lessons_en=f"Secret {state}.", review_state=state
        )
        for state in (ReviewState.DRAFT, ReviewState.SUBMITTED)
    ]
    for viewer in (None, contact_a.user):
        if viewer:
            client.force_login(viewer)
        response = client.get("/en/events/past-fair/")
        body = response.content.decode()
        assert [p.pk for p in response.context["participations"]] == [shown.pk, with_draft_project.pk]
        for participation in hidden:
            assert f'data-participation="{participation.pk}"' not in body
        assert "Secret" not in body
        assert "Bring printed leaflets in English." in body and "Two partner contacts." in body
        assert 'href="https://slides.example/a"' in body and 'href="https://video.example/a"' in body
        assert 'href="/en/projects/shown-project/"' in body
        assert "draft-project" not in body and draft_project.title not in body
        assert 'data-role="exhibitor"' in body and 'data-role="speaker"' in body
        assert contact_a.email not in body and contact_b.email not in body
        assert contact_a.name not in body and contact_b.name not in body


def test_unknown_events_are_404(client):
    assert client.get("/en/events/no-such-event/").status_code == 404
    assert client.get("/en/events/no-such-event/calendar.ics").status_code == 404


# --- The calendar file --------------------------------------------------------------------------------------


def vevents(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


def test_the_calendar_file_parses_and_keeps_its_uids(client):
    forum = event("wsis-forum", in_days(50), days=5, registration_deadline=in_days(20), proposal_deadline=in_days(10))
    url = "/en/events/wsis-forum/calendar.ics"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/calendar")
    assert first["Content-Disposition"] == 'attachment; filename="wsis-forum.ics"'
    components = vevents(first)
    own = f"event-{forum.pk}@{host()}"
    assert own in components
    assert str(components[own]["SUMMARY"]) == "Wsis-Forum"
    assert components[own].decoded("DTSTART") == forum.starts_on
    assert len(components) == 3  # the event and its two deadlines (its start is the event itself)
    assert vevents(client.get(url)).keys() == components.keys()  # a second download: the same UIDs

    forum.name_en = "WSIS Forum 2026"
    forum.registration_deadline = in_days(25)
    forum.save()
    after = vevents(client.get(url))
    assert after.keys() == components.keys()
    assert str(after[own]["SUMMARY"]) == "WSIS Forum 2026"
    assert after[own]["SEQUENCE"] > components[own]["SEQUENCE"]
    # In the active language.
    assert str(vevents(client.get("/tr/events/wsis-forum/calendar.ics"))[own]["SUMMARY"]) == "wsis-forum"


def test_a_cancelled_events_calendar_file_cancels_it(client):
    forum = event("cancelled-forum", in_days(50), registration_deadline=in_days(20))
    forum.status = EventStatus.CANCELLED
    forum.save()
    components = vevents(client.get("/en/events/cancelled-forum/calendar.ics"))
    assert {str(c["STATUS"]) for c in components.values()} == {"CANCELLED"}


# --- The past events ----------------------------------------------------------------------------------------


def test_past_events_latest_first_with_their_published_participations(client, agency_a, agency_b):
    older = event("older", dt.date(2024, 5, 6), kind="conference")
    newer = event("newer", dt.date(2025, 7, 7), days=5, kind="fair", country="TR", city_en="Istanbul")
    event("cancelled-past", dt.date(2025, 3, 3), status=EventStatus.CANCELLED)
    event("upcoming", in_days(10))
    published = factories.ParticipationFactory(
        event=newer, agency=agency_a, role="exhibitor", lessons_en="Bring leaflets.", review_state=ReviewState.PUBLISHED
    )
    draft = factories.ParticipationFactory(
        event=newer, agency=agency_b, role="attendee", lessons_en="Draft lesson.", review_state=ReviewState.DRAFT
    )
    response = client.get(PAST)
    assert response.status_code == 200
    assert slugs(response) == ["newer", "older"]
    body = response.content.decode()
    assert f'data-participation="{published.pk}"' in body and "Bring leaflets." in body
    assert f'data-participation="{draft.pk}"' not in body and "Draft lesson." not in body
    assert 'href="/en/events/newer/"' in body and 'href="/en/agencies/agency-a/"' in body
    assert slugs(client.get(f"{PAST}?kind=fair")) == ["newer"]
    assert slugs(client.get(f"{PAST}?country=TR")) == ["newer"]
    bad = client.get(f"{PAST}?kind=party")
    assert bad.status_code == 200 and list(bad.context["filter"].errors) == ["kind"] and slugs(bad) == []
    assert older.pk


def test_past_events_filter_by_theme(client, open_data):
    themed = event("themed", dt.date(2025, 1, 6))
    themed.themes.add(open_data)
    event("plain", dt.date(2025, 2, 3))
    assert slugs(client.get(f"{PAST}?theme=open-data")) == ["themed"]


# --- Languages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["events/", "events/calendar/?month=2026-07", "events/past/", "events/wsis/", "events/calendar/?month=x"]
)
def test_persian_pages_are_right_to_left(client, path):
    forum = event("wsis", dt.date(2026, 7, 6), days=5, tz="Asia/Tehran", registration_deadline=dt.date(2026, 6, 1))
    forum.status = EventStatus.PLANNED
    forum.save()
    response = client.get(f"/fa/{path}")
    assert response.status_code == 200
    assert re.search(r'<html lang="fa" dir="rtl">', response.content.decode())
    if "month=2026-07" in path:
        assert cells(response)["2026-07-06"]["events"] == ["wsis"]


# --- Query counts -----------------------------------------------------------------------------------------


def _upcoming(n: int, start: int, open_data) -> None:
    for i in range(start, start + n):
        e = event(f"up-{i:03}", in_days(5 + i % 20), registration_deadline=in_days(3))
        e.themes.add(open_data)
        e.action_lines.add(ActionLine.objects.get(code="C4"))


def _in_july(n: int, start: int, open_data) -> None:
    for i in range(start, start + n):
        e = event(f"july-{i:03}", dt.date(2026, 7, 1 + i % 28), days=2, registration_deadline=dt.date(2026, 6, 15))
        e.themes.add(open_data)


def _past(n: int, start: int, agency, project) -> None:
    for i in range(start, start + n):
        e = event(f"past-{i:03}", dt.date(2025, 1, 1) + dt.timedelta(days=i * 3))
        for state in (ReviewState.PUBLISHED, ReviewState.DRAFT):
            factories.ParticipationFactory(
                event=e, agency=agency, project=project, role="exhibitor", review_state=state
            )


@pytest.mark.parametrize(
    ("url", "make", "shown"),
    [
        (f"{EVENTS}?theme=open-data", "upcoming", lambda r: len(r.context["page"].object_list)),
        (
            f"{CALENDAR}?month=2026-07&kind=conference",
            "july",
            lambda r: sum(len(d.events) for d in r.context["calendar"].days),
        ),
        (PAST, "past", lambda r: len(r.context["page"].object_list)),
    ],
)
def test_the_lists_take_a_constant_number_of_queries(
    client, contact_a, open_data, django_assert_max_num_queries, url, make, shown
):
    project = factories.ProjectFactory(agency=contact_a.agency, published=True)

    def add(n: int, start: int) -> None:
        if make == "upcoming":
            _upcoming(n, start, open_data)
        elif make == "july":
            _in_july(n, start, open_data)
        else:
            _past(n, start, contact_a.agency, project)

    client.force_login(contact_a.user)
    add(3, 0)
    client.get(url)  # warm per-process caches (content types, translations) before counting
    small, response = count_queries(client, url)
    shown_small = shown(response)
    add(27, 3)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert shown(response) > shown_small


def test_a_contact_finds_the_report_link_on_the_event_page_and_others_do_not(client, contact_a):
    forum = event("link-forum", in_days(30))
    report = f'href="/en/events/participations/new/?event={forum.slug}"'
    assert report not in client.get(f"/en/events/{forum.slug}/").content.decode()
    client.force_login(contact_a.user)
    assert report in client.get(f"/en/events/{forum.slug}/").content.decode()
    forum.status = EventStatus.CANCELLED
    forum.save()
    assert report not in client.get(f"/en/events/{forum.slug}/").content.decode()
