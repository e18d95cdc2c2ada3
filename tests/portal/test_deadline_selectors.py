"""The registry is the source of "open", "next deadline" and "days left": awards, funds and events read their
`Deadline` rows (portal/deadline_selectors.py), judge them by the instant whatever the zone, order their lists by
it in SQL, and keep a constant number of queries. Every instant is built in the zone under test."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards import selectors as award_selectors
from awards.models import AwardEdition, AwardProgramme
from events import selectors as event_selectors
from events.models import Event, EventStatus
from funds import selectors as fund_selectors
from funds.models import CallState, FundingCall, FundingProgramme
from portal import deadline_selectors, deadlines
from portal.models import Deadline, DeadlineKind
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

TEHRAN, ZURICH, SEOUL, ISTANBUL = "Asia/Tehran", "Europe/Zurich", "Asia/Seoul", "Europe/Istanbul"


def local_today(zone: str) -> dt.date:
    return timezone.now().astimezone(ZoneInfo(zone)).date()


def at(day: dt.date, time: dt.time, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(zone))


def registry_row(source, kind: str) -> Deadline:
    return deadline_selectors.deadline_of(source, kind, withdrawn=True)


# --- Awards: open for nominations -------------------------------------------------------------------


def test_open_for_nominations_follows_the_registry_instant_in_each_zone():
    """23:59 in Tehran comes two or three hours before 23:59 in Zurich on the same date: at the Tehran instant the
    Tehran edition is closed and the Zurich one still open."""
    day = local_today(TEHRAN) + dt.timedelta(days=400)
    tehran = factories.AwardEditionFactory(tz=TEHRAN, nomination_deadline=day)
    zurich = factories.AwardEditionFactory(
        programme=factories.award_programme("unpsa"), tz=ZURICH, nomination_deadline=day
    )
    tehran_due, zurich_due = at(day, dt.time(23, 59), TEHRAN), at(day, dt.time(23, 59), ZURICH)
    assert registry_row(tehran, DeadlineKind.AWARD_NOMINATION).due_at == tehran_due
    assert registry_row(zurich, DeadlineKind.AWARD_NOMINATION).due_at == zurich_due

    def open_at(moment):
        return set(AwardEdition.objects.filter(award_selectors.nominations_open(moment)))

    assert open_at(tehran_due - dt.timedelta(minutes=1)) == {tehran, zurich}
    assert open_at(tehran_due) == {zurich}
    assert open_at(zurich_due - dt.timedelta(minutes=1)) == {zurich}
    assert open_at(zurich_due) == set()
    nxt = award_selectors.next_nomination_deadline([zurich, tehran], tehran_due)
    assert (nxt.source, nxt.due_at, nxt.tz) == (zurich, zurich_due, ZURICH)

    # The registry decides: once Zurich's deadline is withdrawn there, its date column does not keep it open.
    deadlines.withdraw(zurich)
    assert open_at(tehran_due - dt.timedelta(minutes=1)) == {tehran}
    assert award_selectors.nomination_deadline(zurich) is None


def test_the_editions_api_open_filter_reads_the_registry(client):
    now_in_tehran = timezone.now().astimezone(ZoneInfo(TEHRAN))
    soon = now_in_tehran + dt.timedelta(hours=2)
    ahead = factories.AwardEditionFactory(
        tz=TEHRAN, nomination_deadline=soon.date(), nomination_deadline_time=soon.time().replace(microsecond=0)
    )
    withdrawn = factories.AwardEditionFactory(tz=TEHRAN, nomination_deadline=soon.date() + dt.timedelta(days=30))
    deadlines.withdraw(withdrawn, [DeadlineKind.AWARD_NOMINATION])

    def ids(query):
        return {row["id"] for row in client.get(f"/api/v1/awards/editions/?{query}").json()["results"]}

    assert ids("open=true") == {ahead.pk}
    assert withdrawn.pk in ids("open=false")


def test_the_programmes_page_shows_the_soonest_open_edition_by_its_instant(client):
    """00:30 in Tehran is still the evening before in Zurich: the Tehran deadline, a day later by its local date,
    comes first."""
    day = local_today(ZURICH) + dt.timedelta(days=30)
    zurich = factories.AwardEditionFactory(tz=ZURICH, nomination_deadline=day, nomination_deadline_time=dt.time(23, 30))
    tehran = factories.AwardEditionFactory(
        tz=TEHRAN, nomination_deadline=day + dt.timedelta(days=1), nomination_deadline_time=dt.time(0, 30)
    )
    assert at(day + dt.timedelta(days=1), dt.time(0, 30), TEHRAN) < at(day, dt.time(23, 30), ZURICH)

    rows = dict(client.get("/en/awards/").context["rows"])
    nxt = rows[factories.award_programme("wsis-prizes")]
    assert (nxt.source, nxt.kind) == (tehran, DeadlineKind.AWARD_NOMINATION)
    detail = client.get("/en/awards/wsis-prizes/").context["next_deadline"]
    assert detail.source == tehran

    deadlines.withdraw(tehran)
    assert dict(client.get("/en/awards/").context["rows"])[factories.award_programme("wsis-prizes")].source == zurich


# --- Funds: open and upcoming calls ----------------------------------------------------------------


@pytest.fixture
def fund_programme():
    return factories.FundingProgrammeFactory(
        funder=factories.FunderFactory(slug="koica", name="KOICA", website="https://k.example"),
        slug="koica-egov",
        name="e-Dev",
    )


def call(programme, title, deadline, **fields) -> FundingCall:
    """A call of `programme` with one title in every language, closing on `deadline` in its zone."""
    return factories.FundingCallFactory(programme=programme, title=title, title_en=title, deadline=deadline, **fields)


def test_open_calls_are_ordered_by_the_registry_instant_in_sql(fund_programme):
    day = local_today(ZURICH) + dt.timedelta(days=30)
    zurich = call(fund_programme, "Zurich 23:30", day, deadline_time=dt.time(23, 30), tz=ZURICH)
    tehran = call(fund_programme, "Tehran 00:30", day + dt.timedelta(days=1), deadline_time=dt.time(0, 30), tz=TEHRAN)
    seoul = call(fund_programme, "Seoul 09:00", day, deadline_time=dt.time(9), tz=SEOUL)
    istanbul = call(fund_programme, "Istanbul 08:00", day, deadline_time=dt.time(8), tz=ISTANBUL)

    calls = fund_selectors.open_and_upcoming_calls()
    assert calls.query.order_by == ("next_due_at", "pk")  # the database orders by the instant
    found = list(calls)
    assert [c.pk for c in found] == [seoul.pk, istanbul.pk, tehran.pk, zurich.pk]
    assert [c.next_due_at for c in found] == [registry_row(c, DeadlineKind.FUND_CALL).due_at for c in found]
    assert [c.next_due_at for c in found] == sorted(c.next_due_at for c in found)


def test_a_call_withdrawn_from_the_registry_is_not_open_anywhere(client, agency_a, fund_programme):
    day = local_today(SEOUL) + dt.timedelta(days=10)
    kept = call(fund_programme, "Kept", day, tz=SEOUL)
    cancelled = call(fund_programme, "Cancelled", day, tz=SEOUL)
    cancelled.state = CallState.CANCELLED
    cancelled.save()
    withdrawn = call(fund_programme, "Withdrawn", day, tz=SEOUL)
    deadlines.withdraw(withdrawn)  # still announced, its date ahead: the registry says it is not open

    assert registry_row(cancelled, DeadlineKind.FUND_CALL).withdrawn_at is not None
    assert [line.call.pk for line in client.get("/en/funds/calls/").context["lines"]] == [kept.pk]
    api = {row["id"] for row in client.get("/api/v1/funds/calls/?open=true").json()["results"]}
    assert api == {kept.pk}
    closed = {row["id"] for row in client.get("/api/v1/funds/calls/?open=false").json()["results"]}
    assert closed == {cancelled.pk, withdrawn.pk}
    for gone in (cancelled, withdrawn):
        page = client.get(f"/en/funds/calls/{gone.pk}/")
        assert page.context["is_open"] is False
        assert page.context["deadline"].closed
        assert "data-time-left>Closed<" in page.content.decode()
    table = client.get("/en/funds/programmes/koica-egov/").context["calls"]
    assert {c.pk: is_open for c, _deadline, is_open in table} == {
        kept.pk: True,
        cancelled.pk: False,
        withdrawn.pk: False,
    }
    section = client.get("/en/agencies/agency-a/").content.decode().split('id="calls-it-could-apply-to"')[1]
    assert f'data-call="{kept.pk}"' in section
    assert f'data-call="{withdrawn.pk}"' not in section and f'data-call="{cancelled.pk}"' not in section


def test_days_left_on_a_call_page_are_the_registrys(client, fund_programme):
    """The call's page counts the calendar days to the registry's instant in the call's zone."""
    made = call(fund_programme, "Soon", local_today(SEOUL) + dt.timedelta(days=2), tz=SEOUL)
    response = client.get(f"/en/funds/calls/{made.pk}/")
    deadline = response.context["deadline"]
    assert deadline == registry_row(made, DeadlineKind.FUND_CALL)
    assert deadline.due_at == at(local_today(SEOUL) + dt.timedelta(days=2), dt.time(23, 59), SEOUL)
    assert (deadline.closed, response.context["is_open"]) == (False, True)
    assert "data-time-left>2 days left<" in response.content.decode()


# --- Events: an open deadline ------------------------------------------------------------------------


def test_an_event_has_an_open_deadline_while_the_registry_holds_one(client):
    today = local_today(TEHRAN)
    workshop = factories.EventFactory(
        slug="tehran-workshop",
        tz=TEHRAN,
        starts_on=today + dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=31),
        registration_deadline=today + dt.timedelta(days=20),
        proposal_deadline=today + dt.timedelta(days=10),
    )
    nxt = event_selectors.next_open_deadlines([workshop])[workshop.pk]
    assert (nxt.kind, nxt.due_at) == (
        DeadlineKind.EVENT_PROPOSAL,
        at(today + dt.timedelta(days=10), dt.time(23, 59), TEHRAN),
    )
    assert list(Event.objects.filter(event_selectors.with_open_deadline())) == [workshop]

    # Its proposal deadline withdrawn in the registry, the next one is the registration.
    deadlines.withdraw(workshop, [DeadlineKind.EVENT_PROPOSAL])
    assert event_selectors.next_open_deadlines([workshop])[workshop.pk].kind == DeadlineKind.EVENT_REGISTRATION
    assert 'data-deadline="event.registration"' in client.get("/en/events/").content.decode()

    # Postponed: every deadline withdrawn, none open, whatever its dates.
    workshop.status = EventStatus.POSTPONED
    workshop.save()
    assert event_selectors.next_open_deadlines([workshop]) == {}
    assert list(Event.objects.filter(event_selectors.with_open_deadline())) == []
    assert "next-deadline" not in client.get("/en/events/").content.decode()
    api = client.get("/api/v1/events/?open_deadline=false").json()["results"]
    assert [row["slug"] for row in api] == ["tehran-workshop"]


# --- Query counts of the lists that read the registry ----------------------------------------------


def add_programmes(count: int, start: int) -> None:
    """`count` programmes, each with an open edition (in Tehran or Zurich) and a closed one."""
    for n in range(start, start + count):
        programme = AwardProgramme.objects.create(
            slug=f"q-programme-{n:03}",
            name=f"Ödül {n}",
            name_en=f"Award {n}",
            organiser="Org",
            website="https://award.example",
        )
        zone = (TEHRAN, ZURICH)[n % 2]
        ahead = local_today(zone) + dt.timedelta(days=10 + n)
        factories.AwardEditionFactory(programme=programme, year=2090, tz=zone, nomination_deadline=ahead)
        factories.AwardEditionFactory(programme=programme, year=2020, tz=zone, nomination_deadline=dt.date(2020, 3, 1))


def add_calls(count: int, start: int, programme: FundingProgramme) -> None:
    for n in range(start, start + count):
        zone = (SEOUL, ISTANBUL, TEHRAN)[n % 3]
        call(programme, f"Call {n}", local_today(zone) + dt.timedelta(days=5 + n), tz=zone)
        call(programme, f"Past {n}", local_today(zone) - dt.timedelta(days=5 + n), tz=zone)


def add_events(count: int, start: int) -> None:
    for n in range(start, start + count):
        zone = (TEHRAN, ZURICH)[n % 2]
        today = local_today(zone)
        factories.EventFactory(
            slug=f"q-event-{n:03}",
            tz=zone,
            starts_on=today + dt.timedelta(days=40 + n),
            ends_on=today + dt.timedelta(days=41 + n),
            proposal_deadline=today + dt.timedelta(days=10 + n),
            registration_deadline=today + dt.timedelta(days=20 + n),
        )


def shown(url: str, response) -> int:
    if url.startswith("/api/"):
        return len(response.json()["results"])
    if "rows" in response.context:
        return sum(1 for _programme, nxt in response.context["rows"] if nxt)
    if "calls" in response.context:
        return len(response.context["calls"])
    return len(response.context["page"].object_list)


@pytest.mark.parametrize(
    ("url", "add"),
    [
        ("/tr/awards/", "programmes"),
        ("/api/v1/awards/editions/?open=true", "programmes"),
        ("/api/v1/awards/editions/?open=false", "programmes"),
        ("/tr/funds/programmes/koica-egov/", "calls"),
        ("/tr/funds/", "calls"),
        ("/api/v1/funds/calls/?open=true", "calls"),
        ("/tr/events/?open_deadline=true", "events"),
        ("/api/v1/events/?open_deadline=true", "events"),
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "contact_a"])
def test_lists_reading_the_registry_take_a_constant_number_of_queries(
    client, contact_a, fund_programme, django_assert_max_num_queries, url, add, role
):
    if role != "anonymous":
        client.force_login(contact_a.user)

    def grow(count: int, start: int) -> None:
        if add == "programmes":
            add_programmes(count, start)
        elif add == "calls":
            add_calls(count, start, fund_programme)
        else:
            add_events(count, start)

    grow(SMALL, 0)
    client.get(url)  # warm per-process caches (content types, translations) before counting
    small, response = count_queries(client, url)
    shown_small = shown(url, response)
    grow(LARGE - SMALL, SMALL)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    large, response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} records, {large} with {LARGE}"
    assert shown(url, response) > shown_small


def test_where_a_project_could_apply_reads_the_deadlines_in_one_query(django_assert_max_num_queries):
    from awards import matching

    project = factories.ProjectFactory(published=True, action_lines=["C7"])
    day = local_today(ZURICH) + dt.timedelta(days=50)

    def add(years) -> None:
        for year in years:
            factories.AwardEditionFactory(
                year=year, tz=ZURICH, nomination_deadline=day + dt.timedelta(days=year - 2090)
            )

    add(range(2091, 2091 + SMALL))
    with CaptureQueriesContext(connection) as few:
        found = matching.where_project_could_apply(project)
    assert len({s.edition.pk for s in found}) == SMALL
    assert all(s.deadline == registry_row(s.edition, DeadlineKind.AWARD_NOMINATION) for s in found)
    add(range(2091 + SMALL, 2091 + LARGE))
    with django_assert_max_num_queries(len(few.captured_queries)):
        more = matching.where_project_could_apply(project)
    assert len({s.edition.pk for s in more}) == LARGE
