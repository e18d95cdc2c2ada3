"""The award application pages, what is an application's own: the edition and project in the address and the list
by edition, categories, the project an agency may name, a won application's result. Who opens what, the review
states, admins and the list's query count are every kind's: tests/portal/test_report_pages.py."""

import datetime as dt

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.forms import ApplicationForm
from awards.models import AwardApplication, AwardProgramme, AwardResult
from tests import factories

LIST = "/tr/awards/applications/"
CREATE = "/tr/awards/applications/new/"


def edit_url(application) -> str:
    return f"/tr/awards/applications/{application.pk}/edit/"


@pytest.fixture
def edition():
    return factories.AwardEditionFactory(year=2026, nomination_deadline=dt.date(2026, 3, 15))


@pytest.fixture
def project_a(agency_a):
    return factories.ProjectFactory(agency=agency_a, slug="a-project", published=True)


@pytest.fixture
def project_b(agency_b):
    return factories.ProjectFactory(agency=agency_b, slug="b-project", published=True)


@pytest.fixture
def application_a(edition, agency_a, project_a):
    return factories.AwardApplicationFactory(
        agency=agency_a,
        project=project_a,
        edition=edition,
        category=factories.award_category("C7-E-health"),
        state="submitted",
        submitted_on=dt.date(2026, 3, 1),
    )


@pytest.fixture
def application_b(edition, agency_b, project_b):
    return factories.AwardApplicationFactory(agency=agency_b, project=project_b, edition=edition, state="planned")


form_data = factories.application_report_data  # the form as a application stands, with changes


def message_levels(response) -> list[int]:
    return [m.level for m in messages.get_messages(response.wsgi_request)]


def test_contact_creates_an_application_for_its_project(client_a, contact_a, edition, project_a):
    form = client_a.get(f"{CREATE}?edition={edition.pk}&project={project_a.slug}").context["form"]
    assert "agency" not in form.fields
    assert (form["edition"].initial, form["project"].initial) == (edition.pk, project_a.pk)

    category = factories.award_category("C7-E-health")
    response = client_a.post(
        CREATE,
        form_data(project=project_a.pk, edition=edition.pk, category=category.pk, state="planned"),
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?edition={edition.pk}"
    assert message_levels(response) == [messages.SUCCESS]
    created = AwardApplication.objects.get()
    assert (created.agency, created.project, created.edition, created.category, created.state) == (
        contact_a.agency,
        project_a,
        edition,
        category,
        "planned",
    )
    listed = client_a.get(response["Location"]).context["rows"]
    assert [(a.pk, may_change) for a, may_change in listed] == [(created.pk, True)]


def test_contact_applies_with_a_project_its_agency_is_a_partner_in(client_a, contact_a, edition, project_b):
    factories.partners(project_b, contact_a.agency)
    response = client_a.post(CREATE, form_data(project=project_b.pk, edition=edition.pk, state="planned"))
    assert response.status_code == 302
    assert AwardApplication.objects.get().agency == contact_a.agency


def test_contact_cannot_pick_another_agencys_project(client_a, agency_b, edition, project_a, project_b):
    form = client_a.get(CREATE).context["form"]
    assert list(form.fields["project"].queryset) == [project_a]

    # An agency in the form is not read from a contact: its application is its own agency's.
    data = form_data(project=project_b.pk, edition=edition.pk, state="planned", agency=agency_b.pk)
    response = client_a.post(CREATE, data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["project"]
    assert not AwardApplication.objects.exists()


def test_category_of_another_programme_is_a_field_error(client_a, edition, project_a):
    unpsa = factories.award_programme("unpsa").categories.first()
    response = client_a.post(
        CREATE,
        form_data(project=project_a.pk, edition=edition.pk, category=unpsa.pk, state="planned"),
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["category"]
    assert not AwardApplication.objects.exists()


def test_categories_are_offered_grouped_by_programme(client_a):
    body = client_a.get(CREATE).content.decode()
    programmes = AwardProgramme.objects.filter(categories__isnull=False).distinct().count()
    assert programmes >= 2
    assert body.count("<optgroup ") == programmes


def test_a_win_is_recorded_once_the_working_group_publishes_the_application(client_a, application_a, wg_admin):
    response = client_a.post(edit_url(application_a), form_data(application_a, state="won", decided_on="2026-06-01"))
    assert response.status_code == 302
    application_a.refresh_from_db()
    assert (application_a.state, application_a.decided_on) == ("won", dt.date(2026, 6, 1))
    assert not AwardResult.objects.exists()  # the contact's word alone puts nothing in the inventory
    assert client_a.post(f"{LIST}{application_a.pk}/submit/").status_code == 302
    application_a.refresh_from_db()
    assert application_a.review_state == "submitted"
    services.publish_application(wg_admin, application_a)
    line = AwardResult.objects.get()
    assert (line.edition, line.category, line.agency, line.project, line.outcome) == (
        application_a.edition,
        application_a.category,
        application_a.agency,
        application_a.project,
        "winner",
    )


def test_decided_before_submitted_is_a_field_error(client_a, application_a):
    response = client_a.post(edit_url(application_a), form_data(application_a, state="won", decided_on="2026-02-01"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["decided_on"]
    application_a.refresh_from_db()
    assert (application_a.state, application_a.decided_on) == ("submitted", None)
    assert not AwardResult.objects.exists()


def test_admin_sees_every_agency_and_filters_by_edition(
    admin_client_wg, client, contact_a, edition, application_a, application_b, agency_a, project_a
):
    other_edition = factories.AwardEditionFactory(year=2025)
    older = factories.AwardApplicationFactory(agency=agency_a, project=project_a, edition=other_edition)

    rows = admin_client_wg.get(LIST).context["rows"]
    assert [a.pk for a, _may in rows] == [application_a.pk, application_b.pk, older.pk]  # latest edition first
    assert all(may_change for _a, may_change in rows)

    response = admin_client_wg.get(f"{LIST}?edition={edition.pk}")
    assert [a.pk for a, _may in response.context["rows"]] == [application_a.pk, application_b.pk]
    assert response.context["edition"] == edition

    # The edition's page links the admins to them, with the count; a contact records its own instead.
    page = admin_client_wg.get(reverse("awards:edition", kwargs={"pk": edition.pk}))
    assert page.context["application_count"] == 2
    assert f'href="{LIST}?edition={edition.pk}" data-applications="2"' in page.content.decode()

    client.force_login(contact_a.user)
    assert [a.pk for a, _may in client.get(LIST).context["rows"]] == [application_a.pk, older.pk]
    page = client.get(reverse("awards:edition", kwargs={"pk": edition.pk})).content.decode()
    assert "data-applications" not in page
    assert f'href="{CREATE}?edition={edition.pk}"' in page


def test_service_errors_on_fields_the_form_lacks_go_to_the_form(contact_a, agency_a):
    form = ApplicationForm({}, user=contact_a.user, agency=agency_a)
    form.is_valid()
    form.add_service_errors(ValidationError({"agency": "refused", "state": "bad"}))
    assert form.errors["__all__"] == ["refused"]
    assert "bad" in form.errors["state"]
