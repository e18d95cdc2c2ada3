"""Partner agencies answer before they are listed: a project naming another agency as partner is on that agency's
profile, in the API, on the project page and among what the agency may report with only once one of its contacts
or a working-group admin accepted."""

import pytest
from django.test import Client

from portal.models import OutboxMail, PartnershipState, Project, ProjectPartner, Revision, RevisionState
from tests import factories
from tests.queries import count_queries

APPLICATION_FORM = "/tr/awards/applications/new/"


@pytest.fixture
def client_b(contact_b):
    client = Client()
    client.force_login(contact_b.user)
    return client


@pytest.fixture
def shared(contact_a, contact_b, agency_b, wg_admin, client_a, django_capture_on_commit_callbacks):
    """A's project naming B as partner, created by A's contact on the project form and published by the working
    group: B has not answered."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            "/tr/projects/new/",
            {
                "title_tr": "Ortak proje",
                "title_en": "Shared project",
                "status": "ongoing",
                "partner_agencies": [agency_b.pk],
            },
        )
    assert response.status_code == 302
    project = Project.objects.get()
    admin = Client()
    admin.force_login(wg_admin)
    client_a.post(f"/tr/projects/{project.slug}/submit/")
    assert admin.post(f"/tr/reviews/portal.project/{project.pk}/publish/").status_code == 302
    project.refresh_from_db()
    assert project.is_published
    return project


def shown_with(client, agency, project) -> dict:
    """Where the project shows `agency` as its partner, or is shown with the agency, through every public door."""
    return {
        "profile": project.get_absolute_url() in client.get(agency.get_absolute_url()).content.decode(),
        "api partners": agency.slug in client.get(f"/api/v1/projects/{project.slug}/").json()["partner_agencies"],
        "api agency filter": project.slug
        in [p["slug"] for p in client.get(f"/api/v1/projects/?agency={agency.slug}").json()["results"]],
        "project page": agency.get_absolute_url() in client.get(project.get_absolute_url()).content.decode(),
    }


NOWHERE = {"profile": False, "api partners": False, "api agency filter": False, "project page": False}
EVERYWHERE = {"profile": True, "api partners": True, "api agency filter": True, "project page": True}


def choices(client) -> list:
    return list(client.get(APPLICATION_FORM).context["form"].fields["project"].queryset)


def test_a_partner_is_not_listed_nor_reports_with_the_project_until_it_accepts(
    shared, agency_b, contact_b, client_b, django_capture_on_commit_callbacks
):
    assert shown_with(Client(), agency_b, shared) == NOWHERE
    assert shared not in choices(client_b)
    assert not shared.involves(agency_b.pk)
    # B's contact heard of it, in their language, and finds it on their agency's page.
    [mail] = OutboxMail.objects.filter(kind="partnership_proposed")
    assert (mail.recipient, mail.language) == (contact_b.email, contact_b.language)
    assert "Shared project" in mail.text or "Ortak proje" in mail.text
    assert "/accounts/my-agency/" in mail.text
    partnership = ProjectPartner.objects.get()
    page = client_b.get("/tr/accounts/my-agency/")
    assert list(page.context["proposals"]) == [partnership]
    assert f"/tr/accounts/my-agency/partnerships/{partnership.pk}/accept/" in page.content.decode()

    response = client_b.post(f"/tr/accounts/my-agency/partnerships/{partnership.pk}/accept/")
    assert (response.status_code, response["Location"]) == (302, "/tr/accounts/my-agency/")
    partnership.refresh_from_db()
    assert (partnership.state, partnership.decided_by) == (PartnershipState.ACCEPTED, contact_b.user)
    assert shown_with(Client(), agency_b, shared) == EVERYWHERE
    assert shared in choices(client_b)
    assert list(client_b.get("/tr/accounts/my-agency/").context["proposals"]) == []


def test_declining_removes_the_proposal_and_lists_nothing(shared, agency_b, client_b, client_a):
    partnership = ProjectPartner.objects.get()
    response = client_b.post(f"/tr/accounts/my-agency/partnerships/{partnership.pk}/decline/")
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.state == PartnershipState.DECLINED
    assert list(client_b.get("/tr/accounts/my-agency/").context["proposals"]) == []
    assert shown_with(Client(), agency_b, shared) == NOWHERE
    assert shared not in choices(client_b)
    # Declined is final for the contact: accepting afterwards changes nothing.
    client_b.post(f"/tr/accounts/my-agency/partnerships/{partnership.pk}/accept/")
    partnership.refresh_from_db()
    assert partnership.state == PartnershipState.DECLINED
    # The project's agency sees that B declined; nobody else does.
    assert "Ajans B" in client_a.get(shared.get_absolute_url()).content.decode()


def test_a_contact_cannot_answer_for_another_agency(shared, client_b, client_a, contact_a):
    third = factories.AgencyFactory(slug="agency-c")
    [for_third] = factories.partners(shared, third, state=PartnershipState.PROPOSED, by=contact_a.user)
    for_b = ProjectPartner.objects.get(agency__slug="agency-b")
    # B answers only for B; A, which proposed, answers for nobody.
    assert client_b.post(f"/tr/accounts/my-agency/partnerships/{for_third.pk}/accept/").status_code == 404
    assert client_a.post(f"/tr/accounts/my-agency/partnerships/{for_b.pk}/accept/").status_code == 404
    assert client_a.post(f"/tr/accounts/my-agency/partnerships/{for_third.pk}/accept/").status_code == 404
    assert set(ProjectPartner.objects.values_list("state", flat=True)) == {PartnershipState.PROPOSED}
    assert client_b.get(f"/tr/accounts/my-agency/partnerships/{for_b.pk}/accept/").status_code == 405


def test_an_api_write_proposes_and_the_admin_accepts_for_the_partner(client_a, agency_b, wg_admin):
    response = client_a.post(
        "/api/v1/projects/",
        {"title_en": "Via the API", "partner_agencies": ["agency-b"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["partner_agencies"] == []
    slug = response.json()["slug"]
    partnership = ProjectPartner.objects.get(project__slug=slug)
    assert partnership.state == PartnershipState.PROPOSED

    admin = Client()
    admin.force_login(wg_admin)
    response = admin.post("/admin/portal/projectpartner/", {"action": "accept", "_selected_action": [partnership.pk]})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.state, partnership.decided_by) == (PartnershipState.ACCEPTED, wg_admin)
    assert client_a.get(f"/api/v1/projects/{slug}/").json()["partner_agencies"] == ["agency-b"]


def test_a_partner_named_by_an_admin_is_accepted_at_once(wg_admin, agency_a, agency_b):
    admin = Client()
    admin.force_login(wg_admin)
    response = admin.post(
        "/api/v1/projects/",
        {"title_en": "Named by the group", "agency": "agency-a", "partner_agencies": ["agency-b"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["partner_agencies"] == ["agency-b"]
    assert not OutboxMail.objects.filter(kind="partnership_proposed").exists()


def test_saving_the_project_again_keeps_the_answer_and_removing_the_partner_drops_it(
    shared, client_b, client_a, wg_admin
):
    partnership = ProjectPartner.objects.get()
    client_b.post(f"/tr/accounts/my-agency/partnerships/{partnership.pk}/accept/")
    form = {"title_tr": "Ortak proje", "title_en": "Shared project", "status": "ongoing"}
    client_a.post(f"/tr/projects/{shared.slug}/edit/", {**form, "partner_agencies": [partnership.agency_id]})
    assert ProjectPartner.objects.get().state == PartnershipState.ACCEPTED
    assert not Revision.objects.exists()  # nothing changed
    # The project is published: dropping the partner is a change that waits for the working group.
    client_a.post(f"/tr/projects/{shared.slug}/edit/", form)
    assert ProjectPartner.objects.get().state == PartnershipState.ACCEPTED
    [revision] = Revision.objects.filter(state=RevisionState.PENDING)
    admin = Client()
    admin.force_login(wg_admin)
    assert admin.post(f"/tr/reviews/revisions/{revision.pk}/accept/").status_code == 302
    assert not ProjectPartner.objects.exists()


def test_the_agency_page_does_not_grow_in_queries_with_proposals(client, agency_b):
    def add(n):
        for _i in range(n):
            project = factories.ProjectFactory(published=True, agency=factories.AgencyFactory())
            factories.partners(project, agency_b, state=PartnershipState.ACCEPTED)
            factories.partners(project, factories.AgencyFactory(), state=PartnershipState.PROPOSED)
            factories.partners(
                factories.ProjectFactory(published=True, agency=factories.AgencyFactory()),
                agency_b,
                state=PartnershipState.PROPOSED,
            )

    add(2)
    client.get("/tr/agencies/agency-b/")  # the process's first page loads what it caches (run alone, it is this one)
    small, response = count_queries(client, "/tr/agencies/agency-b/")
    assert len(response.context["projects"]) == 2
    add(8)
    large, response = count_queries(client, "/tr/agencies/agency-b/")
    assert len(response.context["projects"]) == 10
    assert small == large
    api_large, response = count_queries(client, "/api/v1/projects/?agency=agency-b")
    assert response.json()["count"] == 10
    assert all(p["partner_agencies"] == ["agency-b"] for p in response.json()["results"])
    add(5)
    api_larger, response = count_queries(client, "/api/v1/projects/?agency=agency-b")
    assert response.json()["count"] == 15
    assert api_large == api_larger


def test_a_partner_an_admin_names_in_the_back_office_is_accepted_at_once(admin_client_wg, agency_a, agency_b):
    project = factories.ProjectFactory(agency=agency_a, slug="in-admin", published=True, start_year=2020)
    data = {
        "agency": agency_a.pk,
        "slug": project.slug,
        "title_tr": "Yönetimde",
        "title_en": "In the back-office",
        "start_year": "2020",
        "status": "ongoing",
        "partnerships-TOTAL_FORMS": "1",
        "partnerships-INITIAL_FORMS": "0",
        "partnerships-0-agency": agency_b.pk,
        "listings-TOTAL_FORMS": "0",
        "listings-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
    }
    response = admin_client_wg.post(f"/admin/portal/project/{project.pk}/change/", data)
    assert response.status_code == 302
    partnership = ProjectPartner.objects.get()
    assert (partnership.agency, partnership.state) == (agency_b, PartnershipState.ACCEPTED)
    assert Client().get(f"/api/v1/projects/{project.slug}/").json()["partner_agencies"] == ["agency-b"]


def test_a_partner_named_in_a_change_to_a_published_project_is_asked_once_the_change_is_accepted(
    client_a, contact_a, agency_a, agency_b, contact_b, wg_admin, django_capture_on_commit_callbacks
):
    """A contact's edit of a published project naming a new partner waits as a revision; the working group accepting
    the change does not answer for the partner: the partner agency is asked, as proposed by the contact."""
    project = factories.ProjectFactory(agency=agency_a, slug="yayin", title_en="Published", published=True)
    form = {"title_tr": project.title_tr, "title_en": "Published", "status": project.status}
    response = client_a.post(f"/en/projects/{project.slug}/edit/", {**form, "partner_agencies": [agency_b.pk]})
    assert response.status_code == 302
    assert not ProjectPartner.objects.exists()  # waiting in the revision, nobody asked yet
    [revision] = Revision.objects.filter(state=RevisionState.PENDING)
    admin = Client()
    admin.force_login(wg_admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(f"/en/reviews/revisions/{revision.pk}/accept/").status_code == 302
    partnership = ProjectPartner.objects.get()
    assert (partnership.agency, partnership.state, partnership.proposed_by) == (
        agency_b,
        PartnershipState.PROPOSED,
        contact_a.user,
    )
    assert OutboxMail.objects.filter(kind="partnership_proposed", recipient=contact_b.email).count() == 1
    assert shown_with(Client(), agency_b, project) == NOWHERE
