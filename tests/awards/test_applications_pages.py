"""The award application pages: a contact records and updates its agency's applications, an admin every agency's."""

import datetime as dt

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services
from awards.forms import ApplicationForm
from awards.models import AwardApplication, AwardProgramme, AwardResult
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

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


def form_data(application=None, **changes) -> dict:
    data = {}
    if application is not None:
        data = {
            "project": application.project_id,
            "edition": application.edition_id,
            "category": application.category_id or "",
            "state": application.state,
            "submitted_on": application.submitted_on.isoformat() if application.submitted_on else "",
            "decided_on": application.decided_on.isoformat() if application.decided_on else "",
            "notes": application.notes,
        }
    return {**data, **changes}


def message_levels(response) -> list[int]:
    return [m.level for m in messages.get_messages(response.wsgi_request)]


def test_list_requires_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_contact_creates_an_application_for_its_project(client_a, contact_a, edition, project_a):
    form = client_a.get(f"{CREATE}?edition={edition.pk}&project={project_a.slug}").context["form"]
    assert "agency" not in form.fields
    assert (form["edition"].initial, form["project"].initial) == (edition.pk, project_a.pk)

    category = factories.award_category("C7-E-health")
    response = client_a.post(
        CREATE, form_data(project=project_a.pk, edition=edition.pk, category=category.pk, state="planned")
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
    project_b.partner_agencies.add(contact_a.agency)
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
        CREATE, form_data(project=project_a.pk, edition=edition.pk, category=unpsa.pk, state="planned")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["category"]
    assert not AwardApplication.objects.exists()


def test_categories_are_offered_grouped_by_programme(client_a):
    body = client_a.get(CREATE).content.decode()
    programmes = AwardProgramme.objects.filter(categories__isnull=False).distinct().count()
    assert programmes >= 2
    assert body.count("<optgroup ") == programmes


def test_contact_cannot_open_or_edit_another_agencys_application(client, contact_b, application_a):
    client.force_login(contact_b.user)
    assert client.get(edit_url(application_a)).status_code == 404
    response = client.post(edit_url(application_a), form_data(application_a, state="won"))
    assert response.status_code == 404
    application_a.refresh_from_db()
    assert application_a.state == "submitted"
    assert not AwardResult.objects.exists()
    assert [a.pk for a, _may in client.get(LIST).context["rows"]] == []


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


def test_admin_records_for_the_agency_it_chooses(admin_client_wg, agency_b, edition, project_b):
    form = admin_client_wg.get(CREATE).context["form"]
    assert "agency" in form.fields
    data = form_data(project=project_b.pk, edition=edition.pk, state="planned")
    assert admin_client_wg.post(CREATE, data).status_code == 200  # no agency chosen
    assert not AwardApplication.objects.exists()
    assert admin_client_wg.post(CREATE, {**data, "agency": agency_b.pk}).status_code == 302
    assert AwardApplication.objects.get().agency == agency_b


def test_user_without_an_agency_cannot_record(client, edition):
    client.force_login(factories.UserFactory())
    assert client.get(CREATE).status_code == 403
    assert client.get(LIST).context["can_report"] is False


def test_service_errors_on_fields_the_form_lacks_go_to_the_form(contact_a, agency_a):
    form = ApplicationForm({}, user=contact_a.user, agency=agency_a)
    form.is_valid()
    form.add_service_errors(ValidationError({"agency": "refused", "state": "bad"}))
    assert form.errors["__all__"] == ["refused"]
    assert "bad" in form.errors["state"]


# --- Query count ----------------------------------------------------------------------------------


def add_applications(count: int, start: int, agency_a, agency_b) -> None:
    """`count` applications, each to its own edition, with its own project, half of each agency."""
    categories = list(factories.award_programme("wsis-prizes").categories.order_by("pk")[:3])
    for n in range(start, start + count):
        agency = agency_a if n % 2 else agency_b
        edition = factories.AwardEditionFactory(year=1995 + n)
        project = factories.ProjectFactory(agency=agency, slug=f"applying-{n:03}", published=n % 3 == 0)
        factories.AwardApplicationFactory(
            agency=agency,
            project=project,
            edition=edition,
            category=categories[n % 3] if n % 4 else None,
            state="submitted",
            submitted_on=dt.date(1995 + n, 2, 1),
        )


@pytest.mark.parametrize("role", ["contact_a", "admin"])
def test_query_count_of_the_list_is_constant(
    client, contact_a, wg_admin, agency_b, django_assert_max_num_queries, role
):
    client.force_login(contact_a.user if role == "contact_a" else wg_admin)
    add_applications(SMALL, 0, contact_a.agency, agency_b)
    client.get(LIST)  # warm per-process caches (content types, translations) before counting
    small, response = count_queries(client, LIST)
    shown_small = len(response.context["rows"])

    add_applications(LARGE - SMALL, SMALL, contact_a.agency, agency_b)
    with django_assert_max_num_queries(small):
        response = client.get(LIST)
    large, response = count_queries(client, LIST)
    assert large == small, f"{small} queries with {SMALL} applications, {large} with {LARGE}"
    assert len(response.context["rows"]) > shown_small
