"""What a new project's address and the links in mails give away: a slug never tells that another agency's draft
has the same title, and every link in a mail is built from SITE_URL, never from the request's Host."""

import re

import pytest
from django.test import Client

from portal.models import Project, ReviewState
from tests import factories

SLUG = r"{base}-[a-z2-9]{{6}}"


def create(client, title: str) -> Project:
    response = client.post("/en/projects/new/", {"title_en": title, "status": "ongoing"})
    assert response.status_code == 302
    return Project.objects.get(pk=Project.objects.latest("pk").pk)


def test_a_slug_does_not_tell_that_another_agency_has_a_draft_of_that_title(client, contact_a, contact_b):
    client.force_login(contact_b.user)
    draft = create(client, "E-Government Gateway")
    assert draft.review_state == ReviewState.DRAFT

    client.force_login(contact_a.user)
    same_title = create(client, "E-Government Gateway")
    fresh_title = create(client, "Open Data Portal")
    # The same shape whether or not a project of that title exists somewhere: nothing to count, nothing to guess.
    assert re.fullmatch(SLUG.format(base="e-government-gateway"), same_title.slug)
    assert re.fullmatch(SLUG.format(base="open-data-portal"), fresh_title.slug)
    assert same_title.slug != draft.slug
    assert not same_title.slug.endswith("-2")
    # The draft stays invisible at its own address.
    assert client.get(f"/en/projects/{draft.slug}/").status_code == 404


def test_the_api_gives_the_same_kind_of_slug(client_a, agency_b):
    factories.ProjectFactory(agency=agency_b, slug="e-government-gateway", title_en="E-Government Gateway")
    response = client_a.post("/api/v1/projects/", {"title_en": "E-Government Gateway"}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert re.fullmatch(SLUG.format(base="e-government-gateway"), response.json()["slug"])


@pytest.fixture
def foreign_host(settings):
    settings.SITE_URL = "https://portal.example.gov"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]


def on_site(link: str) -> bool:
    return link == "https://portal.example.gov" or link.startswith("https://portal.example.gov/")


def test_review_mails_link_to_site_url(
    foreign_host, contact_a, wg_admin, django_capture_on_commit_callbacks, mailoutbox
):
    project = factories.ProjectFactory(
        agency=contact_a.agency,
        review_state=ReviewState.SUBMITTED,
        reported_by=contact_a.user,
        submitted_by=contact_a.user,
    )
    admin = Client(HTTP_HOST="evil.example")
    admin.force_login(wg_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/admin/portal/project/",
            {"action": "request_changes", "_selected_action": [project.pk], "comment": "Add the figures."},
        )
    assert response.status_code == 302
    [mail] = mailoutbox
    html = mail.alternatives[0][0]
    links = re.findall(r"https?://[^\s\"<]+", mail.body + html)
    assert links
    assert all(on_site(link) for link in links), links
    assert "evil.example" not in mail.body + html


def test_the_approval_mail_links_to_site_url(foreign_host, wg_admin, django_capture_on_commit_callbacks, mailoutbox):
    contact = factories.ContactFactory(approved_at=None)
    admin = Client(HTTP_HOST="evil.example")
    admin.force_login(wg_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/admin/portal/contact/", {"action": "approve", "_selected_action": [contact.pk]})
    assert response.status_code == 302
    [mail] = mailoutbox
    links = re.findall(r"https?://[^\s\"<]+", mail.body)
    assert links and all(on_site(link) for link in links), links
