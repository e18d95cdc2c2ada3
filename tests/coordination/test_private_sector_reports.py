"""A company's contacts report its contributions and problems (create, edit, submit), the working group publishes
them, and only then are they public; a contact of another agency changes nothing of them, through the pages or the
back-office."""

import pytest
from django.test import Client
from django.urls import reverse

from coordination.private_sector.models import Contribution, Problem, ProblemStatus
from coordination.private_sector.services import publish_contribution, publish_problem
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

CONTRIBUTIONS = "/en/coordination/contributions/reports/"
PROBLEMS = "/en/coordination/problems/reports/"


@pytest.fixture
def company():
    return factories.CompanyFactory(slug="ornek", name="Örnek A.Ş.", name_en="Ornek Inc.")


@pytest.fixture
def company_contact(company):
    return factories.ContactFactory(agency=company, email="ayse@ornek.example")


@pytest.fixture
def company_client(client, company_contact):
    client.force_login(company_contact.user)
    return client


@pytest.fixture
def event():
    return factories.EventFactory(slug="forum-2026", name="Forum 2026", name_en="Forum 2026")


def test_review_workflow_submit_publish_then_public(company_client, company, event, wg_admin):
    response = company_client.post(
        f"{CONTRIBUTIONS}new/",
        factories.contribution_report_data(
            kind="sponsorship", event=event.pk, year="2026", amount="2500", currency="EUR", description_en="Coffee"
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    contribution = Contribution.objects.get()
    assert (contribution.agency, contribution.review_state) == (company, ReviewState.DRAFT)
    assert (
        f'data-contribution="{contribution.pk}"'
        not in company_client.get("/en/coordination/contributions/").content.decode()
    )

    response = company_client.post(f"{CONTRIBUTIONS}{contribution.pk}/submit/")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.review_state == ReviewState.SUBMITTED
    public = company_client.get("/en/coordination/contributions/").content.decode()
    assert f'data-contribution="{contribution.pk}"' not in public
    assert 'data-total="0"' in company_client.get("/en/coordination/cooperation/").content.decode()

    assert publish_contribution(wg_admin, contribution) is True
    contribution.refresh_from_db()
    assert contribution.review_state == ReviewState.PUBLISHED
    assert (
        f'data-contribution="{contribution.pk}"'
        in company_client.get("/en/coordination/contributions/").content.decode()
    )
    assert 'data-total="1"' in company_client.get("/en/coordination/cooperation/").content.decode()
    assert f'data-contribution="{contribution.pk}"' in company_client.get("/en/coordination/partners/").content.decode()


def test_a_contribution_names_exactly_one_target_and_its_currency(company_client, event):
    project = factories.ProjectFactory(slug="p", published=True)
    both = factories.contribution_report_data(kind="expertise", event=event.pk, project=project.pk, year="2026")
    response = company_client.post(f"{CONTRIBUTIONS}new/", both)
    assert response.status_code == 200
    assert "project" in response.context["form"].errors
    no_currency = factories.contribution_report_data(kind="sponsorship", event=event.pk, year="2026", amount="10")
    response = company_client.post(f"{CONTRIBUTIONS}new/", no_currency)
    assert "currency" in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_a_problem_reported_keeps_the_working_groups_status(company_client, company, wg_admin):
    ministry = factories.AgencyFactory(slug="hazine")
    response = company_client.post(
        f"{PROBLEMS}new/",
        {"category": "payment_delays", "description": "Late payments.", "agencies_concerned": [ministry.pk]},
    )
    assert response.status_code == 302, response.context["form"].errors
    problem = Problem.objects.get()
    assert (problem.agency, problem.status, list(problem.agencies_concerned.all())) == (
        company,
        ProblemStatus.OPEN,
        [ministry],
    )
    company_client.post(f"{PROBLEMS}{problem.pk}/submit/")
    assert f'data-problem="{problem.pk}"' not in company_client.get("/en/coordination/problems/").content.decode()
    publish_problem(wg_admin, problem)
    assert f'data-problem="{problem.pk}"' in company_client.get("/en/coordination/problems/").content.decode()


def test_a_contact_of_another_agency_changes_nothing(client, company, event):
    draft = factories.ContributionFactory(agency=company, event=event, description_en="Original")
    problem = factories.ProblemFactory(agency=company)
    other = factories.ContactFactory(agency=factories.CompanyFactory(slug="rival"))
    ministry = factories.ContactFactory(agency=factories.AgencyFactory(slug="ministry"))
    for contact in (other, ministry):
        client.force_login(contact.user)
        assert client.get(f"{CONTRIBUTIONS}{draft.pk}/edit/").status_code == 404
        data = factories.contribution_report_data(draft, description_en="Changed")
        assert client.post(f"{CONTRIBUTIONS}{draft.pk}/edit/", data).status_code == 404
        assert client.post(f"{CONTRIBUTIONS}{draft.pk}/submit/").status_code == 404
        assert client.post(f"{PROBLEMS}{problem.pk}/submit/").status_code == 404
        assert f'data-record="{draft.pk}"' not in client.get(CONTRIBUTIONS).content.decode()
    draft.refresh_from_db()
    problem.refresh_from_db()
    assert (draft.description_en, draft.review_state) == ("Original", ReviewState.DRAFT)
    assert problem.review_state == ReviewState.DRAFT


def test_a_contact_of_a_public_agency_may_not_report_for_a_company(client, company, event):
    contact = factories.ContactFactory(agency=factories.AgencyFactory(slug="ministry"))
    client.force_login(contact.user)
    assert client.get(f"{CONTRIBUTIONS}new/").status_code == 403
    data = factories.contribution_report_data(kind="sponsorship", event=event.pk, year="2026")
    assert client.post(f"{CONTRIBUTIONS}new/", data).status_code == 403
    assert client.get(f"{PROBLEMS}new/").status_code == 403
    assert not Contribution.objects.exists()
    assert client.get(CONTRIBUTIONS).status_code == 200


def test_the_working_group_reports_for_any_company(admin_client_wg, company, event):
    data = factories.contribution_report_data(agency=company.pk, kind="exhibition_stand", event=event.pk, year="2025")
    response = admin_client_wg.post(f"{CONTRIBUTIONS}new/", data)
    assert response.status_code == 302
    assert Contribution.objects.get().agency == company
    # A public agency is not a company.
    ministry = factories.AgencyFactory(slug="ministry")
    response = admin_client_wg.post(f"{CONTRIBUTIONS}new/", {**data, "agency": ministry.pk})
    assert response.status_code == 200
    assert Contribution.objects.count() == 1


# --- The back-office ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["contribution", "problem", "incentive", "companyprofile"])
def test_admin_pages_open_for_the_working_group(admin_client_wg, company, event, model):
    records = {
        "contribution": factories.ContributionFactory(agency=company, event=event),
        "problem": factories.ProblemFactory(agency=company),
        "incentive": factories.IncentiveFactory(),
        "companyprofile": company.company_profile,
    }
    base = f"/admin/coordination/{model}/"
    for path in (base, f"{base}add/", f"{base}{records[model].pk}/change/"):
        assert admin_client_wg.get(path).status_code == 200, path


def test_admin_publishes_and_a_contact_is_sent_to_the_login(admin_client_wg, company, event):
    submitted = factories.ContributionFactory(agency=company, event=event, review_state=ReviewState.SUBMITTED)
    contact = factories.ContactFactory(agency=company)
    contact_client = Client()
    contact_client.force_login(contact.user)
    url = "/admin/coordination/contribution/"
    response = contact_client.post(url, {"action": "publish", "_selected_action": [submitted.pk]})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert contact_client.get(f"{url}{submitted.pk}/change/")["Location"].startswith("/admin/login/")
    submitted.refresh_from_db()
    assert submitted.review_state == ReviewState.SUBMITTED
    admin_client_wg.post(url, {"action": "publish", "_selected_action": [submitted.pk]})
    submitted.refresh_from_db()
    assert submitted.review_state == ReviewState.PUBLISHED


def test_admin_enters_a_contribution_and_publishes_it(admin_client_wg, company, event):
    response = admin_client_wg.post(
        "/admin/coordination/contribution/add/",
        {
            "agency": company.pk,
            "kind": "sponsorship",
            "event": event.pk,
            "year": "2026",
            "amount": "1000",
            "currency": "USD",
            "description_tr": "",
            "description_en": "Direct",
            "is_demo": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    contribution = Contribution.objects.get()
    assert (contribution.agency, contribution.review_state) == (company, ReviewState.DRAFT)
    admin_client_wg.post(
        "/admin/coordination/contribution/", {"action": "publish", "_selected_action": [contribution.pk]}
    )
    contribution.refresh_from_db()
    assert contribution.review_state == ReviewState.PUBLISHED
    assert (
        f'data-contribution="{contribution.pk}"'
        in admin_client_wg.get(reverse("coordination:contribution_list")).content.decode()
    )


# --- The working group's review queue and changes to published records ------------------------------------------


def test_the_review_queue_lists_and_publishes_a_submitted_contribution(company_client, admin_client_wg, company, event):
    contribution = factories.ContributionFactory(agency=company, event=event)
    company_client.post(f"{CONTRIBUTIONS}{contribution.pk}/submit/")
    queue = admin_client_wg.get("/en/reviews/?kind=coordination.contribution")
    assert queue.status_code == 200
    assert f"/reviews/coordination.contribution/{contribution.pk}/publish/" in queue.content.decode()
    response = admin_client_wg.post(f"/en/reviews/coordination.contribution/{contribution.pk}/publish/")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.review_state == ReviewState.PUBLISHED


def test_a_contacts_change_to_a_published_problem_waits_for_review(company_client, company):
    ministry = factories.AgencyFactory(slug="hazine")
    problem = factories.ProblemFactory(agency=company, published=True, description="Original")
    response = company_client.post(
        f"{PROBLEMS}{problem.pk}/edit/",
        {"category": problem.category, "description": "Changed", "agencies_concerned": [ministry.pk]},
    )
    assert response.status_code == 302, response.context["form"].errors
    problem.refresh_from_db()
    assert (problem.description, problem.review_state) == ("Original", ReviewState.PUBLISHED)
    assert list(problem.agencies_concerned.all()) == []
    assert f'data-problem="{problem.pk}"' in company_client.get("/en/coordination/problems/").content.decode()
