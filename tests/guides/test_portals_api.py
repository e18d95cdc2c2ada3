"""The portals' API under /api/v1/guides/: the portals (read-only, public counts), and the listings — public ones for
everyone, a contact's own agency's in every state; a contact adds and corrects only its own agency's (for review,
202 for a change to a published one), never another agency's."""

import pytest
from rest_framework.test import APIClient

from guides.portals.models import PortalListing
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL

pytestmark = pytest.mark.django_db

API = "/api/v1/guides"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def portal():
    return factories.InternationalPortalFactory(slug="joinup", name="Joinup")


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_portals_are_read_only_with_public_counts(api, portal, agency_a):
    closed = factories.InternationalPortalFactory(slug="epractice", status="closed", closed_year=2012)
    factories.PortalListingFactory(portal=portal, project=factories.ProjectFactory(published=True), published=True)
    factories.PortalListingFactory(portal=portal, project=factories.ProjectFactory(), published=True)
    factories.PortalListingFactory(portal=portal)
    rows = {row["slug"]: row for row in api.get(f"{API}/portals/").json()["results"]}
    assert (rows["joinup"]["project_count"], rows["joinup"]["status"], rows["joinup"]["guide"]) == (1, "active", None)
    assert (rows["epractice"]["status"], rows["epractice"]["closed_year"]) == ("closed", 2012)
    assert [r["slug"] for r in api.get(f"{API}/portals/?status=closed").json()["results"]] == [closed.slug]
    assert api.get(f"{API}/portals/?status=maybe").status_code == 400
    assert api.post(f"{API}/portals/", {"slug": "x"}, format="json").status_code in (401, 403)
    admin = _api(factories.admin_user())
    assert admin.post(f"{API}/portals/", {"slug": "x"}, format="json").status_code == 405
    assert "<script" not in api.get(f"{API}/portals/joinup/").json()["how_to_list_html"]


def test_public_listings_only_for_visitors(api, portal, agency_a, contact_a):
    published_project = factories.ProjectFactory(agency=agency_a, published=True)
    public = factories.PortalListingFactory(portal=portal, project=published_project, published=True)
    draft = factories.PortalListingFactory(portal=factories.InternationalPortalFactory(), project=published_project)
    of_draft = factories.PortalListingFactory(portal=portal, project=factories.ProjectFactory(agency=agency_a))
    of_draft.review_state = ReviewState.PUBLISHED
    of_draft.save()
    assert ids(api.get(f"{API}/listings/")) == [public.pk]
    for hidden in (draft, of_draft):
        assert api.get(f"{API}/listings/{hidden.pk}/").status_code == 404
    assert set(ids(_api(contact_a.user).get(f"{API}/listings/"))) == {public.pk, draft.pk, of_draft.pk}
    row = api.get(f"{API}/listings/{public.pk}/").json()
    assert (row["portal"], row["project"], row["agency"], row["state"]) == (
        "joinup",
        published_project.slug,
        "agency-a",
        "published",
    )
    assert ids(api.get(f"{API}/listings/?portal=joinup&agency=agency-a")) == [public.pk]
    assert api.get(f"{API}/listings/?portal=nowhere").status_code == 400


def test_a_contact_adds_its_own_agencys_listing_for_review(portal, agency_a, contact_a):
    project = factories.ProjectFactory(agency=agency_a, slug="own", published=True)
    response = _api(contact_a.user).post(
        f"{API}/listings/",
        {"portal": "joinup", "project": "own", "url": "https://joinup.example/own", "note_en": "Since 2025"},
        format="json",
    )
    assert response.status_code == 201, response.content
    listing = PortalListing.objects.get()
    assert (listing.agency, listing.project, listing.review_state) == (agency_a, project, ReviewState.SUBMITTED)
    assert response.json()["state"] == "submitted"


def test_a_contact_of_another_agency_is_refused(portal, agency_a, contact_b):
    project = factories.ProjectFactory(agency=agency_a, slug="a-pub", published=True)
    factories.ProjectFactory(agency=agency_a, slug="a-draft")
    client = _api(contact_b.user)
    response = client.post(f"{API}/listings/", {"portal": "joinup", "project": "a-pub"}, format="json")
    assert response.status_code == 403
    response = client.post(f"{API}/listings/", {"portal": "joinup", "project": "a-draft"}, format="json")
    assert response.status_code == 400 and "project" in response.json()
    listing = factories.PortalListingFactory(portal=portal, project=project, published=True, url="https://a/1")
    assert client.patch(f"{API}/listings/{listing.pk}/", {"url": "https://b/"}, format="json").status_code == 403
    draft = factories.PortalListingFactory(portal=factories.InternationalPortalFactory(), project=project)
    assert client.patch(f"{API}/listings/{draft.pk}/", {"url": "https://b/"}, format="json").status_code == 404
    listing.refresh_from_db()
    assert listing.url == "https://a/1"
    assert PortalListing.objects.count() == 2


def test_a_change_to_a_published_listing_answers_202_and_waits(portal, agency_a, contact_a):
    project = factories.ProjectFactory(agency=agency_a, published=True)
    listing = factories.PortalListingFactory(portal=portal, project=project, published=True, url="https://a/1")
    response = _api(contact_a.user).patch(
        f"{API}/listings/{listing.pk}/", {"url": "https://joinup.example/new"}, format="json"
    )
    assert response.status_code == 202, response.content
    assert response.json()["url"] == "https://a/1"
    listing.refresh_from_db()
    assert (listing.url, listing.review_state) == ("https://a/1", ReviewState.PUBLISHED)


def test_no_put_no_delete(portal, agency_a, contact_a):
    listing = factories.PortalListingFactory(portal=portal, project=factories.ProjectFactory(agency=agency_a))
    client = _api(contact_a.user)
    assert client.delete(f"{API}/listings/{listing.pk}/").status_code == 405
    assert client.put(f"{API}/listings/{listing.pk}/", {}, format="json").status_code == 405
    assert PortalListing.objects.filter(pk=listing.pk).exists()


@pytest.mark.parametrize("path", ["portals/", "listings/"])
def test_api_lists_run_a_fixed_number_of_queries(api, path, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    portals = [factories.InternationalPortalFactory() for _ in range(2)]

    def grow(n):
        for i in range(n):
            factories.PortalListingFactory(portal=portals[i % 2], published=True)
            factories.InternationalPortalFactory()

    grow(SMALL)
    api.get(f"{API}/{path}")
    with CaptureQueriesContext(connection) as small:
        assert api.get(f"{API}/{path}").status_code == 200
    grow(LARGE - SMALL)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = api.get(f"{API}/{path}")
    assert response.status_code == 200
