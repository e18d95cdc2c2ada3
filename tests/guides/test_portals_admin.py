"""The portals' back-office: the working group enters portals and listings (its listings published at once, the
agency always the project's), publishes contacts' listings from the shared review queue or the list; a contact of any
agency changes nothing there."""

import pytest
from django.test import Client

from guides.portals.models import InternationalPortal, PortalListing
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "/admin/guides/"


@pytest.fixture
def portal():
    return factories.InternationalPortalFactory(slug="oecd-opsi", name="OECD OPSI")


@pytest.mark.parametrize("model", ["internationalportal", "portallisting"])
def test_admin_pages_open_for_the_working_group(admin_client_wg, portal, model):
    record = portal if model == "internationalportal" else factories.PortalListingFactory(portal=portal)
    base = f"{BASE}{model}/"
    for path in (base, f"{base}add/", f"{base}{record.pk}/change/"):
        assert admin_client_wg.get(path).status_code == 200, path


def test_admin_enters_a_portal_with_sanitised_markdown(admin_client_wg):
    data = {
        "slug": "joinup",
        "acronym": "Joinup",
        "owner": "European Commission",
        "url": "https://joinup.ec.europa.eu",
        "status": "active",
        "position": "2",
        "name_tr": "Joinup",
        "name_en": "Joinup",
        "how_to_list_en": "## Steps\n\n<script>alert(1)</script>[x](javascript:alert(1))",
    }
    response = admin_client_wg.post(f"{BASE}internationalportal/add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    portal = InternationalPortal.objects.get()
    assert "<h2>Steps</h2>" in portal.how_to_list_html_en
    assert "<script" not in portal.how_to_list_html_en and "javascript:" not in portal.how_to_list_html_en
    response = admin_client_wg.post(f"{BASE}internationalportal/add/", {**data, "slug": "x", "closed_year": "2012"})
    assert response.status_code == 200
    assert "closed_year" in response.context["adminform"].form.errors


def test_admin_enters_a_listing_published_at_once_with_the_projects_agency(admin_client_wg, portal, agency_b):
    project = factories.ProjectFactory(agency=agency_b, published=True)
    response = admin_client_wg.post(
        f"{BASE}portallisting/add/",
        {
            "portal": portal.pk,
            "project": project.pk,
            "url": "https://oecd-opsi.example/1",
            "note_tr": "",
            "note_en": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    listing = PortalListing.objects.get()
    assert (listing.agency, listing.review_state) == (agency_b, ReviewState.PUBLISHED)
    response = admin_client_wg.post(f"{BASE}portallisting/add/", {"portal": portal.pk, "project": project.pk})
    assert response.status_code == 200
    assert PortalListing.objects.count() == 1


def test_contacts_change_nothing_in_the_back_office(contact_a, contact_b, agency_a, portal, admin_client_wg):
    submitted = factories.PortalListingFactory(
        portal=portal,
        project=factories.ProjectFactory(agency=agency_a, published=True),
        review_state=ReviewState.SUBMITTED,
    )
    url = f"{BASE}portallisting/"
    for contact in (contact_a, contact_b):
        client = Client()
        client.force_login(contact.user)
        response = client.post(url, {"action": "publish", "_selected_action": [submitted.pk]})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        response = client.post(f"{url}{submitted.pk}/change/", {"portal": portal.pk, "url": "https://x/"})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        response = client.post(f"{BASE}internationalportal/{portal.pk}/change/", {"owner": "x"})
        assert response["Location"].startswith("/admin/login/")
    submitted.refresh_from_db()
    assert submitted.review_state == ReviewState.SUBMITTED
    admin_client_wg.post(url, {"action": "publish", "_selected_action": [submitted.pk]})
    submitted.refresh_from_db()
    assert submitted.review_state == ReviewState.PUBLISHED


def test_the_review_queue_publishes_a_contacts_listing(contact_a, agency_a, portal, admin_client_wg):
    listing = factories.PortalListingFactory(
        portal=portal,
        project=factories.ProjectFactory(agency=agency_a, published=True),
        review_state=ReviewState.SUBMITTED,
    )
    queue = admin_client_wg.get("/en/reviews/?kind=guides.portallisting").content.decode()
    assert f"/reviews/guides.portallisting/{listing.pk}/publish/" in queue
    response = admin_client_wg.post(f"/en/reviews/guides.portallisting/{listing.pk}/publish/")
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.review_state == ReviewState.PUBLISHED
    assert f'data-listing="{listing.pk}"' in Client().get(f"/en/guides/portals/{portal.slug}/").content.decode()
