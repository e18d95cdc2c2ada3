"""Award results an agency reports (its application marked won) stay private until a working-group admin has
verified them against their evidence, in the review queue or the back-office; an application no longer won withdraws
its result; an application to an edition whose nominations are still open cannot be won (page, API and admin)."""

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from awards.models import AwardApplication, AwardResult
from portal.models import ReviewState, Revision, RevisionState
from tests import factories

RESULTS_API = "/api/v1/awards/results/"
APPLICATIONS_API = "/api/v1/awards/applications/"
EVIDENCE = "https://www.itu.int/net4/wsis/stocktaking/Prizes/2025/Winners"
CATEGORY = "C7-E-health"


@pytest.fixture
def closed_edition():
    """WSIS Prizes 2025: nominations closed on 15 March 2025 (Geneva)."""
    return factories.AwardEditionFactory(year=2025, nomination_deadline=dt.date(2025, 3, 15))


@pytest.fixture
def open_edition():
    """An edition whose nominations close in ten days, at 23:59 in Geneva."""
    today = timezone.now().astimezone(ZoneInfo("Europe/Zurich")).date()
    return factories.AwardEditionFactory(year=today.year + 1, nomination_deadline=today + dt.timedelta(days=10))


@pytest.fixture
def project_a(agency_a):
    return factories.ProjectFactory(agency=agency_a, slug="tele-health", published=True)


@pytest.fixture
def application_a(agency_a, project_a, closed_edition):
    """Agency A's application, shortlisted and published by the working group."""
    return factories.AwardApplicationFactory(
        agency=agency_a,
        project=project_a,
        edition=closed_edition,
        category=factories.award_category(CATEGORY),
        state="shortlisted",
        review_state=ReviewState.PUBLISHED,
        published_at=timezone.now(),
    )


def pending_revision(record) -> Revision:
    return Revision.objects.get(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk, state=RevisionState.PENDING
    )


@pytest.fixture
def contact_client(contact_a):
    client = Client()
    client.force_login(contact_a.user)
    return client


@pytest.fixture
def admin_client(wg_admin):
    client = Client()
    client.force_login(wg_admin)
    return client


def public_sightings(agency, project) -> dict[str, int]:
    """How many results of `agency` each public door shows to a visitor."""
    visitor = Client()
    query = f"agency={agency.slug}"
    page = visitor.get(f"/en/awards/results/?{query}").content.decode()
    figures = visitor.get(f"/en/awards/figures/?{query}").content.decode()
    rows = list(csv.reader(io.StringIO(visitor.get(f"/en/awards/results/?{query}&format=csv").content.decode())))
    return {
        "api": visitor.get(f"{RESULTS_API}?{query}").json()["count"],
        "page": int(re.search(r'<p class="count">(\d+) result', page).group(1)),
        "csv": len(rows) - 1,
        "figures": int(re.search(r'<p class="count">(\d+) result', figures).group(1)),
        "agency_profile": visitor.get(f"/en/agencies/{agency.slug}/").content.decode().count(CATEGORY),
        "project_page": visitor.get(f"/en/projects/{project.slug}/").content.decode().count(f"{CATEGORY} ·"),
    }


NOWHERE = {"api": 0, "page": 0, "csv": 0, "figures": 0, "agency_profile": 0, "project_page": 0}
EVERYWHERE = {"api": 1, "page": 1, "csv": 1, "figures": 1, "agency_profile": 1, "project_page": 1}


@pytest.mark.django_db
def test_a_contacts_own_win_is_private_until_verified_in_the_review_queue(
    contact_client, admin_client, agency_a, project_a, application_a
):
    # The finding, replayed: the contact declares the win through the API.
    response = contact_client.patch(
        f"{APPLICATIONS_API}{application_a.pk}/",
        {"state": "won", "evidence_url": EVIDENCE},
        content_type="application/json",
    )
    # The application is published: the claim waits as a change for the working group.
    assert response.status_code == 202, response.content
    assert response.json()["revision_pending"] is True
    assert public_sightings(agency_a, project_a) == NOWHERE

    # The working group accepts the change: its result is recorded, still private (the contact claimed the win).
    accepted = admin_client.post(f"/en/reviews/revisions/{pending_revision(application_a).pk}/accept/")
    assert accepted.status_code == 302
    application_a.refresh_from_db()
    assert application_a.state == "won"
    result = AwardResult.objects.get()
    assert (result.application_id, result.outcome, result.evidence_url, result.verified_at) == (
        application_a.pk,
        "winner",
        EVIDENCE,
        None,
    )
    assert public_sightings(agency_a, project_a) == NOWHERE

    # The review queue lists it with its evidence link and a verify button; a contact may not verify.
    queue = admin_client.get("/en/reviews/").content.decode()
    assert f'data-verify-record="awards.awardresult:{result.pk}"' in queue
    assert f'href="{EVIDENCE}"' in queue
    assert contact_client.post(f"/en/reviews/awards.awardresult/{result.pk}/verify/").status_code == 403
    assert public_sightings(agency_a, project_a) == NOWHERE

    response = admin_client.post(f"/en/reviews/awards.awardresult/{result.pk}/verify/")
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.verified_by is not None and result.verified_at is not None
    assert public_sightings(agency_a, project_a) == EVERYWHERE
    assert (
        f'data-verify-record="awards.awardresult:{result.pk}"' not in admin_client.get("/en/reviews/").content.decode()
    )


@pytest.mark.django_db
def test_undoing_the_win_withdraws_the_result_verified_or_not(
    contact_client, admin_client, agency_a, project_a, application_a
):
    result = AwardResult.objects.create(
        edition=application_a.edition,
        category=application_a.category,
        agency=agency_a,
        project=project_a,
        outcome="winner",
        evidence_url=EVIDENCE,
        application=application_a,
        verified_at=timezone.now(),
    )
    application_a.state = "won"
    application_a.save()
    assert public_sightings(agency_a, project_a) == EVERYWHERE

    response = contact_client.patch(
        f"{APPLICATIONS_API}{application_a.pk}/", {"state": "shortlisted"}, content_type="application/json"
    )
    # The application is published: the change waits for the working group, the result stays until it is accepted.
    assert response.status_code == 202, response.content
    assert public_sightings(agency_a, project_a) == EVERYWHERE
    accepted = admin_client.post(f"/en/reviews/revisions/{pending_revision(application_a).pk}/accept/")
    assert accepted.status_code == 302
    assert not AwardResult.objects.filter(pk=result.pk).exists()
    assert public_sightings(agency_a, project_a) == NOWHERE


@pytest.mark.django_db
def test_undoing_an_unverified_win_on_the_page_withdraws_it_from_the_queue(
    contact_client, admin_client, agency_a, project_a, application_a
):
    application_a.state = "won"
    application_a.evidence_url = EVIDENCE
    application_a.save()
    result = AwardResult.objects.create(
        edition=application_a.edition,
        category=application_a.category,
        agency=agency_a,
        project=project_a,
        outcome="winner",
        evidence_url=EVIDENCE,
        application=application_a,
    )
    data = factories.application_report_data(application_a, state="not_selected")
    assert contact_client.post(f"/en/awards/applications/{application_a.pk}/edit/", data).status_code == 302
    assert AwardResult.objects.filter(pk=result.pk).exists()  # the change waits for the working group
    accepted = admin_client.post(f"/en/reviews/revisions/{pending_revision(application_a).pk}/accept/")
    assert accepted.status_code == 302
    assert not AwardResult.objects.filter(pk=result.pk).exists()
    assert f"awards.awardresult:{result.pk}" not in admin_client.get("/en/reviews/").content.decode()


@pytest.mark.django_db
def test_no_win_while_nominations_are_open_api_page_and_admin(
    contact_client, admin_client, agency_a, project_a, open_edition
):
    application = factories.AwardApplicationFactory(
        agency=agency_a, project=project_a, edition=open_edition, state="submitted"
    )
    url = f"{APPLICATIONS_API}{application.pk}/"

    response = contact_client.patch(url, {"state": "won"}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["state"]

    data = factories.application_report_data(application, state="won")
    page = contact_client.post(f"/en/awards/applications/{application.pk}/edit/", data)
    assert page.status_code == 200
    assert list(page.context["form"].errors) == ["state"]

    admin_page = admin_client.post(
        f"/admin/awards/awardapplication/{application.pk}/change/",
        {
            "agency": agency_a.pk,
            "project": project_a.pk,
            "edition": open_edition.pk,
            "category": "",
            "state": "won",
            "outcome": "",
            "submitted_on": "",
            "decided_on": "",
            "evidence_url": "",
            "notes": "",
        },
    )
    assert admin_page.status_code == 200
    assert list(admin_page.context["adminform"].form.errors) == ["state"]

    application.refresh_from_db()
    assert application.state == "submitted"
    assert not AwardResult.objects.exists()


@pytest.mark.django_db
def test_nominations_closed_an_hour_ago_in_geneva_the_application_may_be_won(contact_client, agency_a, project_a):
    """The rule is the registry's instant, in the edition's zone: a deadline at a known time just passed is closed."""
    geneva = ZoneInfo("Europe/Zurich")
    an_hour_ago = (timezone.now() - dt.timedelta(hours=1)).astimezone(geneva)
    edition = factories.AwardEditionFactory(
        year=an_hour_ago.year + 5,
        nomination_deadline=an_hour_ago.date(),
        nomination_deadline_time=an_hour_ago.time().replace(microsecond=0),
    )
    application = factories.AwardApplicationFactory(agency=agency_a, project=project_a, edition=edition)
    response = contact_client.patch(
        f"{APPLICATIONS_API}{application.pk}/", {"state": "won"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_verify_action_in_the_back_office(admin_client, agency_a, project_a, closed_edition):
    with_evidence = factories.award_result(closed_edition, agency_a, "C4", project=project_a, verified=False)
    without = factories.award_result(closed_edition, agency_a, "C1", project=project_a, verified=False)
    without.evidence_url = ""
    without.save()

    waiting = admin_client.get("/admin/awards/awardresult/", {"verified": "no"})
    assert {r.pk for r in waiting.context["cl"].result_list} == {with_evidence.pk, without.pk}

    response = admin_client.post(
        "/admin/awards/awardresult/",
        {"action": "verify", "_selected_action": [with_evidence.pk, without.pk]},
        follow=True,
    )
    assert response.status_code == 200
    with_evidence.refresh_from_db()
    without.refresh_from_db()
    assert with_evidence.is_verified and with_evidence.verified_by.email == "wg.admin@portal.example"
    assert not without.is_verified
    levels = sorted(m.level_tag for m in response.context["messages"])
    assert levels == ["error", "success"], levels  # the one without evidence refused, the other verified
    assert Client().get(f"{RESULTS_API}?agency={agency_a.slug}").json()["count"] == 1


@pytest.mark.django_db
def test_an_admin_who_marks_the_win_enters_a_verified_result(admin_client, agency_a, project_a, closed_edition):
    response = admin_client.post(
        APPLICATIONS_API,
        {
            "agency": agency_a.slug,
            "project": project_a.slug,
            "edition": closed_edition.pk,
            "state": "won",
            "evidence_url": EVIDENCE,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    application = AwardApplication.objects.get()
    admin_client.post("/admin/awards/awardapplication/", {"action": "publish", "_selected_action": [application.pk]})
    # Published by the back-office's action: recorded, and waiting like any other reported result.
    recorded = AwardResult.objects.get()
    assert (recorded.application_id, recorded.is_verified) == (application.pk, False)

    response = admin_client.patch(
        f"{APPLICATIONS_API}{application.pk}/", {"state": "shortlisted"}, content_type="application/json"
    )
    assert response.status_code == 200 and not AwardResult.objects.exists()
    # Marked won again by the admin on the published application: entered by the working group, verified at once.
    response = admin_client.patch(
        f"{APPLICATIONS_API}{application.pk}/", {"state": "won"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert AwardResult.objects.get().is_verified
    assert Client().get(f"{RESULTS_API}?agency={agency_a.slug}").json()["count"] == 1


@pytest.mark.django_db
def test_the_working_groups_import_is_verified_at_once(tmp_path, agency_a):
    source = tmp_path / "results.csv"
    source.write_text(
        "programme,edition_year,category,agency,agency_country,project,outcome,evidence_url\n"
        f"WSIS Prizes,2024,C4,{agency_a.name},,,winner,{EVIDENCE}\n",
        encoding="utf-8",
    )
    call_command("import_inventory", "award-results", str(source), stdout=io.StringIO())
    assert AwardResult.objects.get().is_verified
    assert Client().get(f"{RESULTS_API}?agency={agency_a.slug}").json()["count"] == 1


@pytest.mark.django_db
def test_existing_results_migrate_as_verified_and_linked_to_their_won_application(agency_a, project_a, application_a):
    """The data step of migration 0008 on rows as they stood before it: every result verified (public as it was),
    the one a won and published application reported linked to it, so undoing that application withdraws it."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("awards.migrations.0008_result_verification_existing")
    AwardApplication.objects.filter(pk=application_a.pk).update(state="won")
    reported = factories.award_result(application_a.edition, agency_a, CATEGORY, project=project_a, verified=False)
    other = factories.award_result(application_a.edition, agency_a, "C4", verified=False)

    migration.existing_are_verified(apps, None)

    reported.refresh_from_db()
    other.refresh_from_db()
    assert reported.is_verified and other.is_verified
    assert (reported.application_id, other.application_id) == (application_a.pk, None)


@pytest.mark.django_db
def test_a_result_entered_in_the_back_office_is_verified_at_once(admin_client, agency_a, closed_edition):
    response = admin_client.post(
        "/admin/awards/awardresult/add/",
        {
            "edition": closed_edition.pk,
            "category": factories.award_category("C4").pk,
            "agency": agency_a.pk,
            "project": "",
            "outcome": "champion",
            "evidence_url": EVIDENCE,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    result = AwardResult.objects.get()
    assert result.is_verified and result.verified_by.email == "wg.admin@portal.example"
    assert Client().get(f"{RESULTS_API}?agency={agency_a.slug}").json()["count"] == 1


@pytest.mark.django_db
def test_the_inventory_export_leaves_out_unverified_claims(tmp_path, agency_a, closed_edition):
    factories.award_result(closed_edition, agency_a, "C4")
    factories.award_result(closed_edition, agency_a, "C1", verified=False)
    output = tmp_path / "results.csv"
    call_command("export_inventory", "award-results", "--output", str(output), stderr=io.StringIO())
    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert [row[2] for row in rows[1:]] == ["C4"]
