"""The meetings part's pages: the bodies, a body's open resolutions soonest due first with the overdue flag judged
in each resolution's own zone, a meeting with its minutes, a resolution with only its published progress notes,
Persian pages right to left, and constant query counts."""

import datetime as dt

import pytest

from coordination.meetings import selectors
from coordination.meetings.models import ResolutionState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.clock]  # "today", "overdue", "upcoming" depend on the hour

TEHRAN, HONOLULU, KIRITIMATI = "Asia/Tehran", "Pacific/Honolulu", "Pacific/Kiritimati"


def order(response) -> list[int]:
    return [resolution.pk for resolution, _overdue, _due in response.context["open_lines"]]


def flags(response) -> dict[int, bool]:
    return {resolution.pk: overdue for resolution, overdue, _due in response.context["open_lines"]}


@pytest.fixture
def council(agency_a):
    body = factories.BodyFactory(slug="it-council", name="BT kurulu", name_en="IT council", convener=agency_a)
    body.members.add(agency_a)
    return body


def test_a_bodys_open_resolutions_are_listed_soonest_due_first(client, council, agency_a):
    meeting = factories.MeetingFactory(body=council)
    later = factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(30, TEHRAN), responsible=[agency_a])
    undated = factories.ResolutionFactory(meeting=meeting, responsible=[agency_a])
    sooner = factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(3, TEHRAN))
    factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(1, TEHRAN), state=ResolutionState.DONE)
    factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(2, TEHRAN), state=ResolutionState.DROPPED)
    response = client.get("/en/coordination/bodies/it-council/")
    assert response.status_code == 200
    assert order(response) == [sooner.pk, later.pk, undated.pk]
    assert [r.pk for r in selectors.open_resolutions(body=council, limit=2)] == [sooner.pk, later.pk]


def test_sorting_compares_instants_not_local_dates(council):
    """The same local date ends 24 hours sooner in Kiritimati (UTC+14) than in Honolulu (UTC-10)."""
    meeting = factories.MeetingFactory(body=council)
    day = factories.in_days(10, TEHRAN)
    honolulu = factories.ResolutionFactory(meeting=meeting, due_on=day, tz=HONOLULU)
    kiritimati = factories.ResolutionFactory(meeting=meeting, due_on=day, tz=KIRITIMATI)
    assert [r.pk for r in selectors.open_resolutions(body=council)] == [kiritimati.pk, honolulu.pk]


def test_the_overdue_flag_is_judged_in_the_resolutions_own_zone(client, council):
    """Yesterday in Kiritimati is over there; the date that is today in Kiritimati is still ahead in Honolulu
    (its 23:59 there comes a day later)."""
    meeting = factories.MeetingFactory(body=council)
    kiritimati_today = factories.today_in(KIRITIMATI)
    late = factories.ResolutionFactory(meeting=meeting, due_on=kiritimati_today - dt.timedelta(days=1), tz=KIRITIMATI)
    ahead = factories.ResolutionFactory(meeting=meeting, due_on=kiritimati_today, tz=HONOLULU)
    in_progress = factories.ResolutionFactory(
        meeting=meeting, due_on=factories.in_days(-1, TEHRAN), tz=TEHRAN, state=ResolutionState.IN_PROGRESS
    )
    today_here = factories.ResolutionFactory(meeting=meeting, due_on=factories.today_in(TEHRAN), due_time=dt.time(0, 0))
    response = client.get("/en/coordination/bodies/it-council/")
    assert flags(response) == {late.pk: True, ahead.pk: False, in_progress.pk: True, today_here.pk: True}
    assert set(selectors.overdue().values_list("pk", flat=True)) == {late.pk, in_progress.pk, today_here.pk}
    page = client.get(f"/en/coordination/resolutions/{late.pk}/")
    assert page.context["overdue"] is True
    assert b"data-overdue" in page.content
    assert client.get(f"/en/coordination/resolutions/{ahead.pk}/").context["overdue"] is False


def test_a_done_resolution_past_its_due_date_is_not_overdue(council):
    resolution = factories.ResolutionFactory(
        meeting=factories.MeetingFactory(body=council), due_on=dt.date(2018, 3, 20), state=ResolutionState.DONE
    )
    assert resolution.is_overdue() is False
    assert list(selectors.overdue()) == []


def test_the_meeting_page_shows_the_minutes_attendees_and_resolutions(client, council, agency_a):
    meeting = factories.MeetingFactory(
        body=council, minutes_en="**Decided** things.", agenda_en="Gateway\nCluster 14", date_is_approximate=True
    )
    meeting.attendees.add(agency_a)
    resolution = factories.ResolutionFactory(meeting=meeting)
    response = client.get(f"/en/coordination/meetings/{meeting.pk}/")
    assert response.status_code == 200
    assert b"<strong>Decided</strong>" in response.content
    assert b"data-approximate" in response.content
    assert [r.pk for r, _o, _d in response.context["lines"]] == [resolution.pk]
    assert list(response.context["attendees"]) == [agency_a]


def test_the_resolution_page_shows_only_published_progress_notes(client, council, agency_a, contact_a):
    resolution = factories.ResolutionFactory(meeting=factories.MeetingFactory(body=council), responsible=[agency_a])
    published = factories.ProgressNoteFactory(resolution=resolution, agency=agency_a, published=True)
    factories.ProgressNoteFactory(resolution=resolution, agency=agency_a, text_en="secret draft")
    factories.ProgressNoteFactory(resolution=resolution, agency=agency_a, review_state="submitted")
    response = client.get(f"/en/coordination/resolutions/{resolution.pk}/")
    assert [note.pk for note in response.context["notes"]] == [published.pk]
    assert b"secret draft" not in response.content
    assert response.context["may_report"] is False
    client.force_login(contact_a.user)
    assert client.get(f"/en/coordination/resolutions/{resolution.pk}/").context["may_report"] is True


def test_a_contact_of_another_agency_is_not_offered_to_report(client, council, agency_a, contact_b):
    resolution = factories.ResolutionFactory(meeting=factories.MeetingFactory(body=council), responsible=[agency_a])
    client.force_login(contact_b.user)
    assert client.get(f"/en/coordination/resolutions/{resolution.pk}/").context["may_report"] is False


@pytest.mark.parametrize("language", ["tr", "en", "ru", "ky", "fa", "az"])
def test_every_page_answers_in_every_language_and_persian_is_right_to_left(client, council, language):
    meeting = factories.MeetingFactory(body=council)
    resolution = factories.ResolutionFactory(meeting=meeting)
    for url in (
        "coordination/bodies/",
        f"coordination/bodies/{council.slug}/",
        f"coordination/meetings/{meeting.pk}/",
        f"coordination/resolutions/{resolution.pk}/",
    ):
        response = client.get(f"/{language}/{url}")
        assert response.status_code == 200
        expected = 'dir="rtl"' if language == "fa" else 'dir="ltr"'
        assert expected.encode() in response.content.split(b"<head")[0]


def test_unknown_records_are_not_found(client):
    assert client.get("/en/coordination/bodies/none/").status_code == 404
    assert client.get("/en/coordination/meetings/999999/").status_code == 404
    assert client.get("/en/coordination/resolutions/999999/").status_code == 404


def test_upcoming_meetings_are_those_whose_day_is_not_over_in_their_zone_soonest_first(council):
    later = factories.MeetingFactory(body=council, held_on=factories.in_days(20, TEHRAN))
    sooner = factories.MeetingFactory(
        body=council, held_on=factories.in_days(2, "Europe/Istanbul"), tz="Europe/Istanbul"
    )
    factories.MeetingFactory(body=council, held_on=factories.in_days(-2, TEHRAN))
    assert selectors.upcoming_meetings(limit=5) == [sooner, later]
    assert selectors.upcoming_meetings(limit=1) == [sooner]


def _grow(n: int, agency):
    for i in range(n):
        body = factories.BodyFactory()
        body.members.add(agency)
        meeting = factories.MeetingFactory(body=body, held_on=factories.in_days(i + 1, TEHRAN))
        meeting.attendees.add(agency)
        factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(i + 3, TEHRAN), responsible=[agency])


def test_query_counts_do_not_grow_with_the_lists(client, council, agency_a):
    def counts():
        meeting = council.meetings.first()
        return [
            count_queries(client, url)[0]
            for url in (
                "/en/coordination/bodies/",
                f"/en/coordination/bodies/{council.slug}/",
                f"/en/coordination/meetings/{meeting.pk}/",
                "/en/agencies/agency-a/",  # the open resolutions it is responsible for
            )
        ]

    def grow_council(n):
        for i in range(n):
            meeting = factories.MeetingFactory(body=council, held_on=factories.in_days(i, TEHRAN))
            meeting.attendees.add(agency_a)
            for _ in range(2):
                factories.ResolutionFactory(
                    meeting=meeting, due_on=factories.in_days(i + 5, TEHRAN), responsible=[agency_a]
                )

    _grow(SMALL, agency_a)
    grow_council(SMALL)
    counts()  # warm the per-process caches (content types, translations) before counting
    small = counts()
    _grow(LARGE - SMALL, agency_a)
    grow_council(LARGE - SMALL)
    assert counts() == small


def test_the_agency_profile_lists_the_open_resolutions_it_is_responsible_for(client, council, agency_a, agency_b):
    meeting = factories.MeetingFactory(body=council)
    late = factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(-3, TEHRAN), responsible=[agency_a])
    later = factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(3, TEHRAN), responsible=[agency_a])
    factories.ResolutionFactory(
        meeting=meeting, due_on=factories.in_days(1, TEHRAN), responsible=[agency_a], state="done"
    )
    factories.ResolutionFactory(meeting=meeting, due_on=factories.in_days(1, TEHRAN), responsible=[agency_b])
    response = client.get("/en/agencies/agency-a/")
    assert response.status_code == 200
    sections = [s.context for s in response.context["sections"] if "lines" in s.context]
    assert [[(r.pk, overdue) for r, overdue, _due in s["lines"]] for s in sections] == [
        [(late.pk, True), (later.pk, False)]
    ]
