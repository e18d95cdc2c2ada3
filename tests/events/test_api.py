"""API v1 of the events area: the public events with their filters and their deadlines in the event's own zone,
the participations' agency scope, reporting a participation through the one service, and constant query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventParticipation
from portal.models import ActionLine, ReviewState, Theme
from tests import factories

EVENTS = "/api/v1/events/"
PARTICIPATIONS = "/api/v1/events/participations/"


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response) -> list[str]:
    return [row["slug"] for row in results(response)]


def ids(response) -> list[int]:
    return [row["id"] for row in results(response)]


def days(n: int) -> dt.date:
    """`n` days from today in Geneva, the zone of the events of this module unless a test moves one."""
    return factories.in_days(n, factories.EventFactory.tz)


@pytest.fixture
def events():
    """Geneva (in person, deadlines ahead, a theme and C7.1), Tehran (hybrid, a proposal deadline ahead), an online
    hackathon without deadlines, and a fair that is over."""
    theme = Theme.objects.create(slug="event-api-theme", title="Tema", title_en="Theme")
    geneva = factories.EventFactory(
        slug="wsis-forum",
        name="WSIS Forumu",
        name_en="WSIS Forum",
        organiser="ITU",
        starts_on=days(60),
        start_time=dt.time(9),
        ends_on=days(63),
        registration_deadline=days(30),
        proposal_deadline=days(10),
        languages=["en", "fr"],
        support=["fee_waiver"],
    )
    geneva.themes.add(theme)
    geneva.action_lines.set(ActionLine.objects.filter(code="C7.1"))
    tehran = factories.EventFactory(
        slug="tehran-workshop",
        name="Tahran çalıştayı",
        name_en="Tehran workshop",
        name_fa="کارگاه تهران",
        kind="workshop",
        organiser="ITRC",
        attendance="hybrid",
        city="Tahran",
        city_en="Tehran",
        country="IR",
        venue="Milad Tower",
        online_url="https://stream.example/tehran",
        tz="Asia/Tehran",
        starts_on=days(120),
        start_time=dt.time(10),
        ends_on=days(121),
        proposal_deadline=days(90),
        source_url="https://itrc.example/workshop",
    )
    online = factories.EventFactory(
        slug="open-data-hackathon",
        kind="hackathon",
        attendance="online",
        city="",
        city_en="",
        country="",
        online_url="https://hack.example",
        tz="UTC",
        starts_on=days(200),
        ends_on=days(201),
    )
    past = factories.EventFactory(
        slug="gitex-2025", kind="fair", country="AE", tz="Asia/Dubai", starts_on=dt.date(2025, 7, 7),
        ends_on=dt.date(2025, 7, 11),
    )  # fmt: skip
    return {"geneva": geneva, "tehran": tehran, "online": online, "past": past}


# --- events ----------------------------------------------------------------------------------------


def test_every_event_in_the_order_they_start(client, events):
    assert slugs(client.get(EVENTS)) == ["gitex-2025", "wsis-forum", "tehran-workshop", "open-data-hackathon"]


def test_an_event_in_full_with_its_instants_and_deadlines_in_its_zone(client, events):
    body = client.get(f"{EVENTS}tehran-workshop/?lang=en").json()
    start, end, proposal = days(120), days(121), days(90)
    assert body == {
        "slug": "tehran-workshop",
        "name": "Tehran workshop",
        "kind": "workshop",
        "organiser": "ITRC",
        "description": "",
        "attendance": "hybrid",
        "city": "Tehran",
        "country": "IR",
        "venue": "Milad Tower",
        "online_url": "https://stream.example/tehran",
        "starts_on": start.isoformat(),
        "start_time": "10:00:00",
        "ends_on": end.isoformat(),
        "end_time": None,
        "tz": "Asia/Tehran",
        # Tehran is UTC+03:30 all year: 10:00 there is 06:30 UTC; the last day ends at midnight there.
        "starts_at": f"{start.isoformat()}T06:30:00Z",
        "ends_at": f"{end.isoformat()}T20:30:00Z",
        "website": "https://event.example",
        "languages": [],
        "themes": [],
        "action_lines": [],
        "deadlines": [
            {
                "kind": "event.proposal",
                "due_at": f"{proposal.isoformat()}T20:29:00Z",
                "due_local": f"{proposal.isoformat()}T23:59:00+03:30",
                "date_only": True,
                "tentative": False,
            },
            {
                "kind": "event.start",
                "due_at": f"{start.isoformat()}T06:30:00Z",
                "due_local": f"{start.isoformat()}T10:00:00+03:30",
                "date_only": False,
                "tentative": False,
            },
        ],
        "support": [],
        "support_details": "",
        "status": "confirmed",
        "source_url": "https://itrc.example/workshop",
    }


def test_the_lists_give_each_event_its_own_deadlines_themes_and_lines(client, events):
    rows = {row["slug"]: row for row in results(client.get(EVENTS))}
    geneva = rows["wsis-forum"]
    assert [d["kind"] for d in geneva["deadlines"]] == ["event.proposal", "event.registration", "event.start"]
    registration = geneva["deadlines"][1]
    # 23:59 in Geneva, summer (+02:00) or winter (+01:00) time.
    assert registration["due_local"][:-6] == f"{days(30).isoformat()}T23:59:00"
    assert registration["due_local"][-6:] in ("+01:00", "+02:00")
    assert (geneva["themes"], geneva["action_lines"]) == (["event-api-theme"], ["C7.1"])
    assert (geneva["languages"], geneva["support"], geneva["country"]) == (["en", "fr"], ["fee_waiver"], "CH")
    assert [d["kind"] for d in rows["open-data-hackathon"]["deadlines"]] == ["event.start"]
    assert rows["open-data-hackathon"]["country"] == ""
    assert [d["kind"] for d in rows["tehran-workshop"]["deadlines"]] == ["event.proposal", "event.start"]


def test_a_cancelled_event_has_no_deadlines(client, events):
    event = events["geneva"]
    event.status = "cancelled"
    event.save()
    body = client.get(f"{EVENTS}wsis-forum/").json()
    assert (body["status"], body["deadlines"]) == ("cancelled", [])


@pytest.mark.parametrize(
    ("query", "language", "name"),
    [
        ("?lang=en", None, "Tehran workshop"),
        ("?lang=tr", None, "Tahran çalıştayı"),
        ("?lang=fa", None, "کارگاه تهران"),
        ("?lang=ru", None, "Tehran workshop"),  # no Russian name: English
        ("", "en", "Tehran workshop"),
        ("", "fa", "کارگاه تهران"),
        ("?lang=tr", "en", "Tahran çalıştayı"),  # the parameter wins
    ],
)
def test_the_name_is_in_the_requested_language(client, events, query, language, name):
    headers = {"accept-language": language} if language else {}
    response = client.get(f"{EVENTS}tehran-workshop/{query}", headers=headers)
    assert response.json()["name"] == name
    assert [row["name"] for row in results(client.get(f"{EVENTS}{query}", headers=headers))][2] == name


@pytest.mark.clock
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=workshop", ["tehran-workshop"]),
        ("kind=fair", ["gitex-2025"]),
        ("country=IR", ["tehran-workshop"]),
        ("country=CH", ["wsis-forum"]),
        ("month=2025-07", ["gitex-2025"]),
        ("month=2025-08", []),
        ("theme=event-api-theme", ["wsis-forum"]),
        ("action_line=C7", ["wsis-forum"]),  # a main line finds its sub-lines
        ("action_line=C7.1", ["wsis-forum"]),
        ("action_line=C4", []),
        ("open_deadline=true", ["wsis-forum", "tehran-workshop"]),
        ("open_deadline=false", ["gitex-2025", "open-data-hackathon"]),
        ("online=true", ["tehran-workshop", "open-data-hackathon"]),
        ("online=false", ["gitex-2025", "wsis-forum"]),
        ("status=confirmed&kind=conference", ["wsis-forum"]),
        ("status=cancelled", []),
    ],
)
def test_event_filters(client, events, query, expected):
    assert slugs(client.get(f"{EVENTS}?{query}")) == expected


def test_the_month_filter_counts_every_day_an_event_runs(client, events):
    geneva = events["geneva"]
    first = geneva.starts_on.replace(day=1)
    assert "wsis-forum" in slugs(client.get(f"{EVENTS}?month={first:%Y-%m}"))
    assert "tehran-workshop" not in slugs(client.get(f"{EVENTS}?month={first:%Y-%m}"))
    last = geneva.ends_on.replace(day=1)
    assert "wsis-forum" in slugs(client.get(f"{EVENTS}?month={last:%Y-%m}"))


@pytest.mark.clock
def test_an_open_deadline_is_judged_in_the_events_zone(client, events):
    """The same local date is tomorrow in Honolulu (UTC-10) and yesterday in Kiritimati (UTC+14)."""
    today_in_kiritimati = timezone.now().astimezone(dt.timezone(dt.timedelta(hours=14))).date()
    for slug, zone, deadline in (
        ("honolulu", "Pacific/Honolulu", today_in_kiritimati),
        ("kiritimati", "Pacific/Kiritimati", today_in_kiritimati - dt.timedelta(days=1)),
    ):
        factories.EventFactory(
            slug=slug, tz=zone, starts_on=days(300), ends_on=days(301), registration_deadline=deadline
        )
    found = slugs(client.get(f"{EVENTS}?open_deadline=true"))
    assert "honolulu" in found
    assert "kiritimati" not in found


@pytest.mark.parametrize(
    "query",
    [
        "kind=pirate",
        "country=XX",
        "month=2026-13",
        "month=yesterday",
        "theme=no-such-theme",
        "action_line=X9",
        "open_deadline=maybe",
        "online=2",
        "status=lost",
        "theme=a%00b",
    ],
)
def test_a_bad_event_filter_is_a_400_naming_it(client, events, query):
    response = client.get(f"{EVENTS}?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


def test_an_unknown_event_is_a_404(client, events):
    assert client.get(f"{EVENTS}no-such-event/").status_code == 404
    assert client.get(f"{EVENTS}a%00b/").status_code == 404


def test_events_are_read_only(client_a, events):
    detail = f"{EVENTS}wsis-forum/"
    assert Client().post(EVENTS, {"slug": "x"}, content_type="application/json").status_code == 403
    assert client_a.post(EVENTS, {"slug": "x"}, content_type="application/json").status_code == 405
    for method in ("put", "patch", "delete"):
        assert getattr(client_a, method)(detail, {"name": "x"}, content_type="application/json").status_code == 405
    assert client_a.get(detail).json()["name"] == "WSIS Forumu"


def test_the_schema_documents_both_lists_and_their_filters(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in (EVENTS, f"{EVENTS}{{slug}}/", PARTICIPATIONS, f"{PARTICIPATIONS}{{id}}/"):
        assert path in paths, path
    assert {p["name"] for p in paths[EVENTS]["get"]["parameters"]} >= {
        "kind",
        "country",
        "month",
        "theme",
        "action_line",
        "open_deadline",
        "online",
        "status",
        "lang",
    }
    assert {p["name"] for p in paths[PARTICIPATIONS]["get"]["parameters"]} >= {
        "event",
        "agency",
        "role",
        "kind",
        "year",
        "has_lessons",
    }
    assert set(paths[EVENTS]) == {"get"}
    assert set(paths[f"{PARTICIPATIONS}{{id}}/"]) == {"get", "patch"}
    assert set(paths[PARTICIPATIONS]) == {"get", "post"}
    assert "reported_by" not in str(schema["components"]["schemas"]["Participation"])


# --- participations: who sees what -----------------------------------------------------------------


@pytest.fixture
def participations(events, agency_a, agency_b):
    project = factories.ProjectFactory(agency=agency_a, slug="a-project", published=True)

    def participation(agency, state, **extra):
        return factories.ParticipationFactory(event=events["past"], agency=agency, review_state=state, **extra)

    return {
        "a_draft": participation(agency_a, ReviewState.DRAFT, role="attendee", lessons_en="Register early."),
        "a_published": participation(
            agency_a,
            ReviewState.PUBLISHED,
            role="exhibitor",
            project=project,
            people=3,
            outcome_en="Two partner contacts.",
            outcome_tr="İki ortak.",
            lessons_en="Bring leaflets in English.",
            material_links="https://photos.example/a\nhttps://video.example/a",
        ),
        "b_submitted": participation(agency_b, ReviewState.SUBMITTED, role="speaker"),
        "b_published": participation(agency_b, ReviewState.PUBLISHED, role="attendee"),
    }


def expected(participations, *names) -> list[int]:
    """In the list's order: the agencies by slug, then as created."""
    return [participations[name].pk for name in names]


def test_anonymous_users_see_published_participations_only(client, participations):
    assert ids(client.get(PARTICIPATIONS)) == expected(participations, "a_published", "b_published")
    assert client.get(f"{PARTICIPATIONS}{participations['a_draft'].pk}/").status_code == 404
    assert client.get(f"{PARTICIPATIONS}{participations['b_submitted'].pk}/").status_code == 404


def test_a_contact_also_sees_its_agencys_drafts_not_the_others(client_a, participations):
    assert ids(client_a.get(PARTICIPATIONS)) == expected(participations, "a_draft", "a_published", "b_published")
    body = client_a.get(f"{PARTICIPATIONS}{participations['a_draft'].pk}/?lang=en").json()
    assert (body["state"], body["agency"], body["event"], body["lessons"]) == (
        "draft",
        "agency-a",
        "gitex-2025",
        "Register early.",
    )
    assert client_a.get(f"{PARTICIPATIONS}{participations['b_submitted'].pk}/").status_code == 404


def test_another_agencys_draft_is_not_found(client, participations, contact_b):
    client.force_login(contact_b.user)
    assert ids(client.get(PARTICIPATIONS)) == expected(participations, "a_published", "b_submitted", "b_published")
    assert client.get(f"{PARTICIPATIONS}{participations['a_draft'].pk}/").status_code == 404


def test_the_admin_sees_every_participation(admin_client_wg, participations):
    assert ids(admin_client_wg.get(PARTICIPATIONS)) == expected(
        participations, "a_draft", "a_published", "b_submitted", "b_published"
    )


def test_a_participation_in_full_names_no_person(client, participations, contact_a):
    participations["a_published"].reported_by = contact_a.user
    participations["a_published"].save()
    response = client.get(f"{PARTICIPATIONS}{participations['a_published'].pk}/?lang=en")
    body = response.json()
    assert set(body) == {
        "id",
        "event",
        "agency",
        "project",
        "role",
        "people",
        "outcome",
        "lessons",
        "material_links",
        "state",
        "imported",
        "created_at",
        "updated_at",
        "revision_pending",
    }
    assert (body["project"], body["role"], body["people"], body["outcome"], body["lessons"]) == (
        "a-project",
        "exhibitor",
        3,
        "Two partner contacts.",
        "Bring leaflets in English.",
    )
    assert body["material_links"] == "https://photos.example/a\nhttps://video.example/a"
    assert client.get(f"{PARTICIPATIONS}{participations['a_published'].pk}/?lang=tr").json()["outcome"] == "İki ortak."
    content = response.content.decode() + client.get(PARTICIPATIONS).content.decode()
    assert contact_a.email not in content
    assert str(contact_a.user.pk) not in [str(value) for value in body.values()]


def test_a_draft_project_is_named_only_to_its_agency(client, participations, agency_a, contact_a):
    draft = factories.ProjectFactory(agency=agency_a, slug="secret-draft")
    EventParticipation.objects.filter(pk=participations["a_published"].pk).update(project=draft)
    url = f"{PARTICIPATIONS}{participations['a_published'].pk}/"
    assert client.get(url).json()["project"] is None
    assert "secret-draft" not in client.get(PARTICIPATIONS).content.decode()
    client.force_login(contact_a.user)
    assert client.get(url).json()["project"] == "secret-draft"


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("event=gitex-2025", ["a_draft", "a_published", "b_submitted", "b_published"]),
        ("event=wsis-forum", []),
        ("agency=agency-b", ["b_submitted", "b_published"]),
        ("role=exhibitor", ["a_published"]),
        ("kind=fair", ["a_draft", "a_published", "b_submitted", "b_published"]),
        ("kind=conference", []),
        ("year=2025", ["a_draft", "a_published", "b_submitted", "b_published"]),
        ("year=2024", []),
        ("has_lessons=true", ["a_draft", "a_published"]),
        ("has_lessons=false&agency=agency-b", ["b_submitted", "b_published"]),
    ],
)
def test_participation_filters(admin_client_wg, participations, query, names):
    assert ids(admin_client_wg.get(f"{PARTICIPATIONS}?{query}")) == expected(participations, *names)


@pytest.mark.parametrize(
    "query", ["event=no-such", "agency=nobody", "role=pirate", "kind=party", "year=1800", "year=x", "has_lessons=2"]
)
def test_a_bad_participation_filter_is_a_400_naming_it(client, participations, query):
    response = client.get(f"{PARTICIPATIONS}?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


# --- participations: reporting -----------------------------------------------------------------------


def payload(**extra) -> dict:
    return {
        "event": "wsis-forum",
        "role": "speaker",
        "people": 2,
        "outcome_en": "A panel on e-government.",
        "lessons_tr": "Erken kaydolun.",
        "material_links": "https://slides.example/talk",
        **extra,
    }


def post(client, **extra):
    return client.post(PARTICIPATIONS, payload(**extra), content_type="application/json")


def test_a_contact_reports_a_draft_for_its_own_agency(client_a, contact_a, events, agency_b):
    # Another agency is refused, saving nothing; left out, the agency is the contact's own, and the review state a
    # contact sends is ignored (the working group decides it).
    response = post(client_a, agency="agency-b")
    assert response.status_code == 403, response.content
    assert not EventParticipation.objects.exists()
    response = post(client_a, state="published")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["agency"], body["state"], body["event"], body["people"]) == ("agency-a", "draft", "wsis-forum", 2)
    participation = EventParticipation.objects.get(pk=body["id"])
    assert (participation.agency, participation.reported_by, participation.outcome_en, participation.lessons_tr) == (
        contact_a.agency,
        contact_a.user,
        "A panel on e-government.",
        "Erken kaydolun.",
    )
    detail = client_a.get(f"{PARTICIPATIONS}{participation.pk}/?lang=tr").json()
    assert (detail["outcome"], detail["lessons"]) == ("A panel on e-government.", "Erken kaydolun.")
    assert "reported_by" not in body


def test_a_contact_reports_with_a_project_of_its_agency(client_a, events, agency_a):
    factories.ProjectFactory(agency=agency_a, slug="a-draft-project")
    response = post(client_a, project="a-draft-project")
    assert response.status_code == 201, response.content
    assert EventParticipation.objects.get().project.slug == "a-draft-project"


def test_anonymous_and_users_without_an_agency_cannot_report(client, events):
    assert post(client).status_code == 403
    client.force_login(factories.UserFactory())
    assert post(client).status_code == 403
    assert not EventParticipation.objects.exists()


def test_the_admin_reports_for_the_agency_it_names_in_any_state(admin_client_wg, events, agency_b):
    response = post(admin_client_wg)
    assert response.status_code == 400
    assert list(response.json()) == ["agency"]
    response = post(admin_client_wg, agency="agency-b", state="published")
    assert response.status_code == 201, response.content
    assert EventParticipation.objects.values_list("agency", "review_state").get() == (agency_b.pk, "published")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"event": "no-such-event"}, "event"),
        ({"event": "a\x00b"}, "event"),
        ({"event": None}, "event"),
        ({"people": 0}, "people"),
        ({"people": 1001}, "people"),
        ({"people": "many"}, "people"),
        ({"role": "pirate"}, "role"),
        ({"material_links": "https://ok.example\nnot a link"}, "material_links"),
        ({"material_links": "ftp://files.example/x"}, "material_links"),
        ({"project": "no-such-project"}, "project"),
        ({"agency": "nobody"}, "agency"),
    ],
)
def test_bad_input_is_a_400_with_details(client_a, events, change, field):
    response = post(client_a, **change)
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert not EventParticipation.objects.exists()


def test_a_project_of_another_agency_is_refused(client_a, events, agency_b):
    factories.ProjectFactory(agency=agency_b, slug="b-draft")
    factories.ProjectFactory(agency=agency_b, slug="b-published", published=True)
    for slug in ("b-draft", "b-published"):
        response = post(client_a, project=slug)
        assert response.status_code == 400
        assert list(response.json()) == ["project"]
    assert not EventParticipation.objects.exists()


def test_a_cancelled_event_takes_no_new_participation(client_a, events):
    events["geneva"].status = "cancelled"
    events["geneva"].save()
    response = post(client_a)
    assert response.status_code == 400
    assert list(response.json()) == ["event"]


def test_a_contacts_correction_of_a_published_participation_waits_for_review(client_a, participations):
    """The published participation stays as it is until the working group accepts the change
    (tests/portal/test_revisions.py)."""
    published = participations["a_published"]
    url = f"{PARTICIPATIONS}{published.pk}/"
    response = client_a.patch(url, {"people": 4, "lessons_ru": "Рано"}, content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["people"], body["state"], body["revision_pending"]) == (published.people, "published", True)
    response = client_a.patch(url, {"people": 0}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["people"]
    participation = EventParticipation.objects.get(pk=published.pk)
    assert (participation.people, participation.lessons_ru, participation.outcome_en) == (
        published.people,
        published.lessons_ru,
        "Two partner contacts.",
    )


def test_a_contact_cannot_publish_by_patch(client_a, participations):
    url = f"{PARTICIPATIONS}{participations['a_draft'].pk}/"
    response = client_a.patch(url, {"state": "published"}, content_type="application/json")
    assert response.status_code == 200
    assert EventParticipation.objects.get(pk=participations["a_draft"].pk).review_state == "draft"


def test_the_admin_publishes_by_patch(admin_client_wg, participations):
    url = f"{PARTICIPATIONS}{participations['b_submitted'].pk}/"
    response = admin_client_wg.patch(url, {"state": "published"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert EventParticipation.objects.get(pk=participations["b_submitted"].pk).review_state == "published"


def test_no_one_changes_another_agencys_participations(client, participations, contact_b):
    client.force_login(contact_b.user)
    published, draft = (f"{PARTICIPATIONS}{participations[name].pk}/" for name in ("a_published", "a_draft"))
    assert client.patch(published, {"people": 9}, content_type="application/json").status_code == 403
    assert client.patch(draft, {"people": 9}, content_type="application/json").status_code == 404
    assert set(EventParticipation.objects.values_list("people", flat=True)) == {1, 3}


def test_no_put_and_no_delete(client_a, participations):
    url = f"{PARTICIPATIONS}{participations['a_draft'].pk}/"
    assert client_a.put(url, payload(), content_type="application/json").status_code == 405
    assert client_a.delete(url).status_code == 405
    assert EventParticipation.objects.filter(pk=participations["a_draft"].pk).exists()


# --- query counts ---------------------------------------------------------------------------------

SMALL, LARGE = 3, 30


def add_records(count: int, start: int, agency) -> None:
    """`count` events (each with a theme, action lines and deadlines in one of two zones), each with a published
    participation of another agency (with a project) and a draft of `agency`."""
    theme = Theme.objects.get_or_create(slug="q-theme", defaults={"title": "Tema", "title_en": "Theme"})[0]
    lines = list(ActionLine.objects.filter(code__in=["C4", "C7.1"]))
    for n in range(start, start + count):
        event = factories.EventFactory(
            slug=f"q-event-{n:03}",
            tz=("Asia/Tehran", "Europe/Zurich")[n % 2],
            starts_on=days(50 + n),
            ends_on=days(52 + n),
            registration_deadline=days(20 + n),
            proposal_deadline=days(10 + n),
            languages=["en", "ru"],
        )
        event.themes.add(theme)
        event.action_lines.set(lines)
        other = factories.AgencyFactory(slug=f"q-agency-{n:03}")
        project = factories.ProjectFactory(slug=f"q-project-{n:03}", agency=other, published=n % 2 == 0)
        factories.ParticipationFactory(
            event=event, agency=other, project=project, review_state="published", lessons_en="Go", role="exhibitor"
        )
        factories.ParticipationFactory(event=event, agency=agency, review_state="draft")


def count_queries(client, url) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()["results"]


LISTS = [
    EVENTS,
    EVENTS + "?open_deadline=true&theme=q-theme&action_line=C7",
    EVENTS + "?lang=en&online=false&kind=conference",
    PARTICIPATIONS,
    PARTICIPATIONS + "?kind=conference&has_lessons=true&lang=en",
]


@pytest.mark.parametrize(
    ("url", "role"),
    [(url, role) for url in LISTS for role in ("anonymous", "contact_a")] + [(PARTICIPATIONS, "admin")],
)
def test_query_count_of_event_api_lists_is_constant(client, contact_a, wg_admin, url, role):
    if role == "contact_a":
        client.force_login(contact_a.user)
    elif role == "admin":
        client.force_login(wg_admin)
    add_records(SMALL, 0, contact_a.agency)
    client.get(url)  # warm per-process caches before counting
    small, rows_small = count_queries(client, url)
    add_records(LARGE - SMALL, SMALL, contact_a.agency)
    large, rows_large = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} events, {large} with {LARGE}"
    assert len(rows_large) > len(rows_small)
    if not url.startswith(PARTICIPATIONS):
        assert all(row["deadlines"] for row in rows_large)
