"""API v1 of the awards area: the public lists and their filters, the applications' agency scope, and the
won-application → result service."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from awards import services
from awards.models import AwardApplication, AwardResult
from tests import factories

RESULTS = "/api/v1/awards/results/"
APPLICATIONS = "/api/v1/awards/applications/"


def ids(response) -> list:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def edition():
    return factories.AwardEditionFactory(year=2025, nomination_deadline=dt.date(2025, 3, 15))


@pytest.fixture
def project_a(agency_a):
    return factories.ProjectFactory(agency=agency_a, slug="a-project", published=True, action_lines=["C7.4"])


@pytest.fixture
def project_b(agency_b):
    return factories.ProjectFactory(agency=agency_b, slug="b-project", published=True, sdgs=[3])


def result(edition, agency, code, outcome="winner", project=None):
    return AwardResult.objects.create(
        verified_at=timezone.now(),
        edition=edition,
        agency=agency,
        category=factories.award_category(code),
        outcome=outcome,
        project=project,
    )


# --- programmes, categories, editions ------------------------------------------------------------


def test_programmes_list_and_detail(client):
    body = client.get("/api/v1/awards/programmes/").json()
    assert list(body) == ["count", "next", "previous", "results"]
    by_slug = {p["slug"]: p for p in body["results"]}
    assert {"wsis-prizes", "unpsa"} <= set(by_slug)
    wsis = client.get("/api/v1/awards/programmes/wsis-prizes/?lang=en").json()
    assert wsis["name"] == "WSIS Prizes"
    assert wsis["website"].startswith("https://www.itu.int/")
    assert set(wsis) == {
        "slug",
        "name",
        "acronym",
        "organiser",
        "website",
        "description",
        "eligibility",
        "frequency",
        "themes",
    }
    assert client.get("/api/v1/awards/programmes/wsis-prizes/?lang=tr").json()["name"] == "WSIS Ödülleri"
    missing = client.get("/api/v1/awards/programmes/no-such/")
    assert missing.status_code == 404
    assert list(missing.json()) == ["detail"]


def test_categories_filters(client):
    wsis = client.get("/api/v1/awards/categories/?programme=wsis-prizes").json()
    assert wsis["count"] == 18
    # C7 finds the eight categories mapped to its sub-lines.
    c7 = client.get("/api/v1/awards/categories/?action_line=C7").json()["results"]
    assert sorted(c["code"] for c in c7) == sorted(
        f"C7-E-{n}"
        for n in ("government", "business", "learning", "health", "employment", "environment", "agriculture", "science")
    )
    sub = client.get("/api/v1/awards/categories/?action_line=C7.4&lang=en").json()["results"]
    assert [(c["code"], c["title"], c["action_lines"]) for c in sub] == [
        ("C7-E-health", "ICT Applications: E-health", ["C7.4"])
    ]
    by_sdg = client.get("/api/v1/awards/categories/?sdg=16").json()["results"]
    assert by_sdg and all(16 in c["sdgs"] and c["programme"] == "unpsa" for c in by_sdg)
    for bad in ("programme=nope", "action_line=C99", "sdg=18", "sdg=x"):
        response = client.get(f"/api/v1/awards/categories/?{bad}")
        assert response.status_code == 400, bad
        assert bad.split("=")[0] in response.json()


@pytest.mark.clock
def test_editions_filters_and_deadline(client):
    now = timezone.now()
    past = factories.AwardEditionFactory(year=2024, nomination_deadline=dt.date(2024, 3, 15))
    future = factories.AwardEditionFactory(
        year=now.year + 2,
        nomination_deadline=dt.date(now.year + 2, 3, 15),
        nomination_deadline_time=dt.time(17, 0),
        tentative=True,
    )
    unpsa = factories.AwardEditionFactory(
        programme=factories.award_programme("unpsa"), year=2026, tz="America/New_York", nomination_deadline=None
    )
    url = "/api/v1/awards/editions/"
    assert ids(client.get(url)) == [future.pk, unpsa.pk, past.pk]  # latest first
    assert ids(client.get(f"{url}?programme=unpsa")) == [unpsa.pk]
    assert ids(client.get(f"{url}?year=2024")) == [past.pk]
    assert ids(client.get(f"{url}?year_min=2025&year_max=2026")) == [unpsa.pk]
    assert ids(client.get(f"{url}?tentative=true")) == [future.pk]
    assert ids(client.get(f"{url}?open=true")) == [future.pk]
    assert set(ids(client.get(f"{url}?open=false"))) == {past.pk, unpsa.pk}

    row = client.get(f"{url}{future.pk}/").json()
    # 17:00 in Geneva in March (CET, UTC+1) is 16:00 UTC.
    assert row["nomination_deadline"] == f"{now.year + 2}-03-15T16:00:00Z"
    assert row["nomination_deadline_local"] == f"{now.year + 2}-03-15T17:00:00+01:00"
    assert row["tz"] == "Europe/Zurich"
    assert row["nomination_deadline_date_only"] is False
    date_only = client.get(f"{url}{past.pk}/").json()
    assert date_only["nomination_deadline"] == "2024-03-15T22:59:00Z"  # 23:59 in Geneva
    assert date_only["nomination_deadline_date_only"] is True
    assert client.get(f"{url}{unpsa.pk}/").json()["nomination_deadline"] is None
    assert row["texts_to_confirm"] == []

    for bad in ("year=1800", "year=2026.5", "year_min=abc", "open=maybe", "programme=x"):
        response = client.get(f"{url}?{bad}")
        assert response.status_code == 400, bad
        assert bad.split("=")[0] in response.json()
    assert client.get(f"{url}999999/").status_code == 404


def test_the_api_names_the_texts_of_a_proposed_edition_waiting_for_a_curator(client):
    past = factories.AwardEditionFactory(year=2026, ceremony_place_en="WSIS Forum 2026, Geneva")
    proposed = services.propose_next_edition(past)
    row = client.get(f"/api/v1/awards/editions/{proposed.pk}/").json()
    assert (row["tentative"], row["texts_to_confirm"], row["ceremony_place"]) == (
        True,
        ["ceremony_place"],
        "WSIS Forum 2027, Geneva",
    )
    services.settle_texts_to_confirm(proposed, confirmed=True)
    assert client.get(f"/api/v1/awards/editions/{proposed.pk}/").json()["texts_to_confirm"] == []


@pytest.mark.clock
def test_open_edition_closes_at_its_local_deadline(client):
    """Deadlines an hour ahead and an hour ago, written as local date and time in the edition's own zone
    (on whichever local day that falls), and a date-only one on the local day an hour from now."""
    from zoneinfo import ZoneInfo

    tz = "Asia/Tehran"
    local = timezone.now().astimezone(ZoneInfo(tz))
    soon, before = local + dt.timedelta(hours=1), local - dt.timedelta(hours=1)
    ahead = factories.AwardEditionFactory(
        year=2040, tz=tz, nomination_deadline=soon.date(), nomination_deadline_time=soon.time()
    )
    passed = factories.AwardEditionFactory(
        year=2041, tz=tz, nomination_deadline=before.date(), nomination_deadline_time=before.time()
    )
    date_only = factories.AwardEditionFactory(year=2042, tz=tz, nomination_deadline=soon.date())
    assert set(ids(client.get("/api/v1/awards/editions/?open=true"))) == {ahead.pk, date_only.pk}
    assert passed.pk in ids(client.get("/api/v1/awards/editions/?open=false"))


# --- results -------------------------------------------------------------------------------------


def test_results_filters(client, edition, agency_a, agency_b, project_a, project_b, contact_a):
    other_year = factories.AwardEditionFactory(year=2019, nomination_deadline=dt.date(2019, 3, 1))
    agency_b.kind = "university"
    agency_b.save()
    health = result(edition, agency_a, "C7-E-health", project=project_a)
    c4 = result(other_year, agency_a, "C4", outcome="champion")
    unpsa_edition = factories.AwardEditionFactory(programme=factories.award_programme("unpsa"), year=2021)
    unpsa = AwardResult.objects.create(
        verified_at=timezone.now(),
        edition=unpsa_edition,
        agency=agency_b,
        project=project_b,
        category=None,
        outcome="finalist",
    )
    assert set(ids(client.get(RESULTS))) == {health.pk, c4.pk, unpsa.pk}
    cases = {
        "programme=wsis-prizes": {health.pk, c4.pk},
        "programme=unpsa": {unpsa.pk},
        "year_min=2020": {health.pk, unpsa.pk},
        "year_max=2020": {c4.pk},
        "year_min=2020&year_max=2024": {unpsa.pk},
        "category=c4": {c4.pk},
        "agency=agency-b": {unpsa.pk},
        "agency_kind=university": {unpsa.pk},
        "country=AZ": {unpsa.pk},
        "outcome=champion": {c4.pk},
        "action_line=C7": {health.pk},  # the category's sub-line C7.4
        "action_line=C4": {c4.pk},
        "sdg=3": {unpsa.pk},  # the project's SDG, the result has no category
    }
    for query, expected in cases.items():
        assert set(ids(client.get(f"{RESULTS}?{query}"))) == expected, query

    row = client.get(f"{RESULTS}{health.pk}/").json()
    assert row == {
        "id": health.pk,
        "programme": "wsis-prizes",
        "year": 2025,
        "edition": edition.pk,
        "category": "C7-E-health",
        "agency": "agency-a",
        "project": "a-project",
        "outcome": "winner",
        "evidence_url": None,
        "notes": "",
    }
    # No personal data: the contact of the agency appears nowhere.
    assert contact_a.email not in client.get(RESULTS).content.decode()
    for bad in (
        "year_min=1989",
        "year_max=x",
        "agency=nope",
        "agency_kind=alien",
        "country=XX",
        "outcome=gold",
        "action_line=C12",
        "sdg=0",
        "programme=a%00",
    ):
        response = client.get(f"{RESULTS}?{bad}")
        assert response.status_code == 400, bad
        assert bad.split("=")[0] in response.json(), bad
    assert client.get(f"{RESULTS}?agency=agency-a%00").status_code == 400


def test_result_of_a_draft_project_does_not_name_it(client, edition, agency_a):
    draft = factories.ProjectFactory(agency=agency_a, slug="secret-draft")
    line = result(edition, agency_a, "C4", project=draft)
    assert client.get(f"{RESULTS}{line.pk}/").json()["project"] is None
    assert "secret-draft" not in client.get(RESULTS).content.decode()


def test_results_are_read_only(client_a, edition, agency_a):
    line = result(edition, agency_a, "C4")
    assert client_a.post(RESULTS, {}, content_type="application/json").status_code == 405
    assert (
        client_a.patch(f"{RESULTS}{line.pk}/", {"outcome": "nominee"}, content_type="application/json").status_code
        == 405
    )
    line.refresh_from_db()
    assert line.outcome == "winner"


# --- applications --------------------------------------------------------------------------------


@pytest.fixture
def applications(edition, agency_a, agency_b, project_a, project_b):
    a = factories.AwardApplicationFactory(
        agency=agency_a, project=project_a, edition=edition, category=factories.award_category("C7-E-health")
    )
    b = factories.AwardApplicationFactory(
        agency=agency_b, project=project_b, edition=edition, category=factories.award_category("C4")
    )
    return a, b


def test_anonymous_gets_no_applications(client, applications):
    assert client.get(APPLICATIONS).status_code == 403
    assert client.get(f"{APPLICATIONS}{applications[0].pk}/").status_code == 403
    assert client.post(APPLICATIONS, {}, content_type="application/json").status_code == 403


def test_contact_sees_only_its_agency(client, applications, contact_a, contact_b, wg_admin):
    a, b = applications
    client.force_login(contact_a.user)
    assert ids(client.get(APPLICATIONS)) == [a.pk]
    row = client.get(f"{APPLICATIONS}{a.pk}/").json()
    assert (row["agency"], row["project"], row["programme"], row["year"], row["state"]) == (
        "agency-a",
        "a-project",
        "wsis-prizes",
        2025,
        "planned",
    )
    assert client.get(f"{APPLICATIONS}{b.pk}/").status_code == 404
    client.force_login(contact_b.user)
    assert ids(client.get(APPLICATIONS)) == [b.pk]
    client.force_login(wg_admin)
    assert set(ids(client.get(APPLICATIONS))) == {a.pk, b.pk}
    assert ids(client.get(f"{APPLICATIONS}?state=planned&programme=wsis-prizes&year=2025&edition={a.edition_id}"))
    for bad in ("state=lost", "year=3000", "edition=x", "programme=nope"):
        assert client.get(f"{APPLICATIONS}?{bad}").status_code == 400, bad


def test_contact_creates_for_its_own_agency(client_a, contact_a, edition, project_a):
    response = client_a.post(
        APPLICATIONS,
        {"project": "a-project", "edition": edition.pk, "category": factories.award_category("C7-E-health").pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    created = AwardApplication.objects.get(pk=response.json()["id"])
    assert (created.agency, created.project, created.state) == (contact_a.agency, project_a, "planned")


def test_contact_cannot_create_for_another_agency(client, contact_b, edition, project_a):
    client.force_login(contact_b.user)
    response = client.post(
        APPLICATIONS,
        {"agency": "agency-a", "project": "a-project", "edition": edition.pk},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not AwardApplication.objects.exists()


def test_contact_cannot_change_another_agencys_application(client, applications, contact_b):
    a, _b = applications
    client.force_login(contact_b.user)
    for method in ("patch", "put"):
        response = getattr(client, method)(
            f"{APPLICATIONS}{a.pk}/",
            {"state": "won", "project": "a-project", "edition": a.edition_id},
            content_type="application/json",
        )
        assert response.status_code == 404
    a.refresh_from_db()
    assert a.state == "planned"
    assert not AwardResult.objects.exists()


def test_contact_cannot_move_its_application_to_another_agency(client_a, applications):
    a, _b = applications
    response = client_a.patch(f"{APPLICATIONS}{a.pk}/", {"agency": "agency-b"}, content_type="application/json")
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.agency.slug == "agency-a"


def test_bad_application_is_a_400_with_details(client_a, applications, project_b):
    a, _b = applications
    checks = [
        ({"state": "lost"}, "state"),
        ({"project": "b-project"}, "project"),  # agency B's project, not A's
        ({"submitted_on": "2025-03-10", "decided_on": "2025-03-01"}, "decided_on"),
    ]
    for payload, field in checks:
        response = client_a.patch(f"{APPLICATIONS}{a.pk}/", payload, content_type="application/json")
        assert response.status_code == 400, payload
        assert field in response.json(), response.json()
    a.refresh_from_db()
    assert (a.state, a.project.slug, a.decided_on) == ("planned", "a-project", None)


def test_a_contacts_win_enters_the_inventory_once_the_working_group_publishes_it(
    client_a, contact_a, applications, wg_admin
):
    a, _b = applications
    response = client_a.patch(f"{APPLICATIONS}{a.pk}/", {"state": "won"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["review_state"] == "draft"
    # Not public on the contact's word: nothing in the inventory until the working group has reviewed it.
    assert not AwardResult.objects.exists()
    assert ids(client_a.get(f"{RESULTS}?agency=agency-a&outcome=winner")) == []
    a.refresh_from_db()
    services.submit_application(contact_a.user, a)
    assert services.publish_application(wg_admin, a) is True
    [line] = AwardResult.objects.all()
    assert (line.edition, line.category, line.agency, line.project, line.outcome) == (
        a.edition,
        a.category,
        a.agency,
        a.project,
        "winner",
    )
    # Published, the application's result is still the contact's word: private until verified against its evidence.
    assert line.verified_at is None
    assert ids(client_a.get(f"{RESULTS}?agency=agency-a&outcome=winner")) == []
    line.evidence_url = "https://www.itu.int/net4/wsis/stocktaking/Prizes/2025/Winners"
    line.save()
    assert services.verify_result(wg_admin, line) is True
    assert ids(client_a.get(f"{RESULTS}?agency=agency-a&outcome=winner")) == [line.pk]


def test_a_contact_cannot_publish_its_own_application(client_a, applications, contact_a):
    a, _b = applications
    response = client_a.patch(
        f"{APPLICATIONS}{a.pk}/", {"state": "won", "review_state": "published"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    a.refresh_from_db()
    assert (a.state, a.review_state) == ("won", "draft")
    with pytest.raises(PermissionDenied):
        services.publish_application(contact_a.user, a)
    assert not AwardResult.objects.exists()


# --- the service ---------------------------------------------------------------------------------


def test_won_application_leaves_the_working_groups_own_result_as_it_is(contact_a, applications, wg_admin):
    """The working group entered and verified the line: an agency's claim of another outcome does not change it."""
    a, _b = applications
    existing = result(a.edition, a.agency, "C7-E-health", outcome="finalist", project=a.project)
    services.save_application(contact_a.user, a, {"state": "won", "decided_on": dt.date(2025, 6, 1)})
    services.publish_application(wg_admin, a)
    existing.refresh_from_db()
    assert (existing.outcome, existing.is_verified, existing.application_id) == ("finalist", True, None)
    assert AwardResult.objects.count() == 1
    # Saving it again (a working-group admin's change keeps it published) changes nothing more.
    services.save_application(wg_admin, a, {"notes": "Ceremony in Geneva"})
    assert AwardResult.objects.count() == 1


def test_won_application_without_category_records_a_result(contact_a, edition, project_a, wg_admin):
    application = services.save_application(
        contact_a.user, AwardApplication(), {"project": project_a, "edition": edition, "state": "won"}
    )
    services.publish_application(wg_admin, application)
    [line] = AwardResult.objects.all()
    assert (line.agency_id, line.project_id, line.category_id, line.outcome) == (
        application.agency_id,
        project_a.pk,
        None,
        "winner",
    )


def test_a_won_application_records_its_distinction(contact_a, applications, admin_client_wg, wg_admin):
    a, _b = applications
    services.save_application(contact_a.user, a, {"state": "won", "outcome": "champion"})
    services.publish_application(wg_admin, a)
    [line] = AwardResult.objects.all()
    assert line.outcome == "champion"
    # Through the API too (a working-group admin's change of a published application takes effect at once); and the
    # distinction of an application that is not won is refused, changing nothing.
    url = f"{APPLICATIONS}{a.pk}/"
    response = admin_client_wg.patch(url, {"outcome": "finalist"}, content_type="application/json")
    assert response.status_code == 200, response.content
    line.refresh_from_db()
    assert line.outcome == "finalist"
    response = admin_client_wg.patch(url, {"state": "submitted", "outcome": "winner"}, content_type="application/json")
    assert response.status_code == 400 and "outcome" in response.json(), response.content
    a.refresh_from_db()
    assert (a.state, a.outcome) == ("won", "finalist")


def test_other_states_record_no_result(contact_a, applications):
    a, _b = applications
    for state in ("submitted", "shortlisted", "not_selected"):
        services.save_application(contact_a.user, a, {"state": state})
    assert not AwardResult.objects.exists()


def test_service_refuses_another_agency_and_writes_nothing(contact_b, applications):
    a, _b = applications
    with pytest.raises(PermissionDenied):
        services.save_application(contact_b.user, a, {"state": "won"})
    a.refresh_from_db()
    assert a.state == "planned"
    assert not AwardResult.objects.exists()


def test_admin_records_for_any_agency(wg_admin, edition, project_b, agency_b):
    application = services.save_application(
        wg_admin, AwardApplication(), {"agency": agency_b, "project": project_b, "edition": edition, "state": "won"}
    )
    assert (application.agency, application.review_state) == (agency_b, "draft")
    assert not AwardResult.objects.exists()
    services.publish_application(wg_admin, application)
    assert AwardResult.objects.get().agency == agency_b


def test_user_without_contact_cannot_record(edition, project_a):
    user = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        services.save_application(user, AwardApplication(), {"project": project_a, "edition": edition})
    assert not AwardApplication.objects.exists()
