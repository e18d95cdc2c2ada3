"""The private sector's API under /api/v1/coordination/: public reads of published records only; a company's
contacts write their own company's contributions and problems, no one else's."""

import pytest
from rest_framework.test import APIClient

from coordination.private_sector.models import Contribution, Problem, ProblemStatus
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL

pytestmark = pytest.mark.django_db

API = "/api/v1/coordination"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def company():
    return factories.CompanyFactory(slug="ornek", name="Örnek A.Ş.", name_en="Ornek Inc.")


@pytest.fixture
def event():
    return factories.EventFactory(slug="forum-2026")


@pytest.fixture
def company_api(company):
    client = APIClient()
    client.force_authenticate(factories.ContactFactory(agency=company).user)
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_public_reads_show_published_records_only(api, company, event):
    published = factories.ContributionFactory(agency=company, event=event, published=True)
    draft = factories.ContributionFactory(agency=company, event=event)
    submitted = factories.ContributionFactory(agency=company, event=event, review_state=ReviewState.SUBMITTED)
    problem = factories.ProblemFactory(agency=company, published=True)
    hidden = factories.ProblemFactory(agency=company)
    assert ids(api.get(f"{API}/contributions/")) == [published.pk]
    assert api.get(f"{API}/contributions/{draft.pk}/").status_code == 404
    assert api.get(f"{API}/contributions/{submitted.pk}/").status_code == 404
    assert ids(api.get(f"{API}/problems/")) == [problem.pk]
    assert api.get(f"{API}/problems/{hidden.pk}/").status_code == 404
    row = api.get(f"{API}/contributions/{published.pk}/").json()
    assert (row["company"], row["event"], row["project"], row["state"]) == ("ornek", "forum-2026", None, "published")


def test_partners_and_incentives(api, company):
    factories.AgencyFactory(slug="ministry")
    partners = api.get(f"{API}/partners/").json()["results"]
    assert [(p["slug"], p["sector"]) for p in partners] == [("ornek", "software")]
    assert api.get(f"{API}/partners/ministry/").status_code == 404
    incentive = factories.IncentiveFactory(eligible_sectors=["telecom"], is_open=False)
    factories.IncentiveFactory(eligible_sectors=["hardware"])
    rows = api.get(f"{API}/incentives/?sector=telecom&is_open=false", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert [(r["id"], r["eligible_sectors"]) for r in rows] == [(incentive.pk, ["telecom"])]
    assert api.get(f"{API}/incentives/?is_open=maybe").status_code == 400
    assert api.post(f"{API}/incentives/", {"title_en": "x"}, format="json").status_code in (401, 403)


def test_a_company_contact_reports_its_own_contribution(company_api, company, event):
    response = company_api.post(
        f"{API}/contributions/",
        {"kind": "sponsorship", "event": "forum-2026", "year": 2026, "amount": "100.00", "currency": "EUR"},
        format="json",
    )
    assert response.status_code == 201, response.content
    contribution = Contribution.objects.get()
    assert (contribution.agency, contribution.review_state) == (company, ReviewState.DRAFT)
    # It may not publish it itself: the state is the working group's.
    response = company_api.patch(f"{API}/contributions/{contribution.pk}/", {"state": "published"}, format="json")
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.review_state == ReviewState.DRAFT
    # Nor report one for another company.
    factories.CompanyFactory(slug="rival")
    response = company_api.post(
        f"{API}/contributions/",
        {"company": "rival", "kind": "sponsorship", "event": "forum-2026", "year": 2026},
        format="json",
    )
    assert response.status_code == 403
    assert Contribution.objects.count() == 1


def test_invalid_contributions_are_400_with_details(company_api, event):
    project = factories.ProjectFactory(slug="p", published=True)
    response = company_api.post(
        f"{API}/contributions/",
        {"kind": "expertise", "event": "forum-2026", "project": "p", "year": 2026},
        format="json",
    )
    assert response.status_code == 400
    assert "project" in response.json()
    response = company_api.post(
        f"{API}/contributions/",
        {"kind": "sponsorship", "event": "forum-2026", "year": 2026, "amount": "5"},
        format="json",
    )
    assert response.status_code == 400
    assert "currency" in response.json()
    assert project.pk and not Contribution.objects.exists()


def test_another_agency_changes_nothing_through_the_api(company, event):
    draft = factories.ContributionFactory(agency=company, event=event, year=2025)
    published = factories.ContributionFactory(agency=company, event=event, year=2025, published=True)
    problem = factories.ProblemFactory(agency=company, published=True)
    for agency in (factories.CompanyFactory(slug="rival"), factories.AgencyFactory(slug="ministry")):
        client = APIClient()
        client.force_authenticate(factories.ContactFactory(agency=agency).user)
        assert client.patch(f"{API}/contributions/{draft.pk}/", {"year": 2020}, format="json").status_code == 404
        assert client.patch(f"{API}/contributions/{published.pk}/", {"year": 2020}, format="json").status_code == 403
        assert client.patch(f"{API}/problems/{problem.pk}/", {"description": "x"}, format="json").status_code == 403
        assert client.delete(f"{API}/contributions/{published.pk}/").status_code in (403, 405)
    ministry_client = APIClient()
    ministry_client.force_authenticate(factories.ContactFactory(agency=factories.AgencyFactory(slug="m2")).user)
    response = ministry_client.post(
        f"{API}/contributions/", {"kind": "sponsorship", "event": "forum-2026", "year": 2026}, format="json"
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    published.refresh_from_db()
    problem.refresh_from_db()
    assert (draft.year, published.year, problem.description) == (2025, 2025, "Payments arrive months late.")


def test_admin_enters_a_contribution_published_directly(company, event, wg_admin):
    client = APIClient()
    client.force_authenticate(wg_admin)
    response = client.post(
        f"{API}/contributions/",
        {"company": "ornek", "kind": "exhibition_stand", "event": "forum-2026", "year": 2026, "state": "published"},
        format="json",
    )
    assert response.status_code == 201, response.content
    contribution = Contribution.objects.get()
    assert contribution.review_state == ReviewState.PUBLISHED
    assert contribution.published_at is not None
    assert ids(APIClient().get(f"{API}/contributions/")) == [contribution.pk]


def test_problem_status_is_the_working_groups(company_api, company, wg_admin):
    ministry = factories.AgencyFactory(slug="hazine")
    response = company_api.post(
        f"{API}/problems/",
        {
            "category": "procurement",
            "description": "Tenders too short.",
            "agencies_concerned": ["hazine"],
            "status": "resolved",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    problem = Problem.objects.get()
    assert (problem.status, list(problem.agencies_concerned.all())) == (ProblemStatus.OPEN, [ministry])
    admin = APIClient()
    admin.force_authenticate(wg_admin)
    assert admin.patch(f"{API}/problems/{problem.pk}/", {"status": "being_addressed"}, format="json").status_code == 200
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.BEING_ADDRESSED


@pytest.mark.parametrize("endpoint", ["partners", "contributions", "problems", "incentives"])
def test_api_lists_run_the_same_number_of_queries(api, event, endpoint):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n, start):
        for index in range(start, start + n):
            company = factories.CompanyFactory(slug=f"firm-{index}")
            factories.ContributionFactory(agency=company, event=event, published=True)
            factories.ProblemFactory(agency=company, published=True).agencies_concerned.set(
                [factories.AgencyFactory(slug=f"concerned-{index}")]
            )
            factories.IncentiveFactory(offered_by=company)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(f"{API}/{endpoint}/").status_code == 200
        return len(ctx.captured_queries)

    add(SMALL, 0)
    api.get(f"{API}/{endpoint}/")
    small = count()
    add(LARGE - SMALL, SMALL)
    assert count() == small
