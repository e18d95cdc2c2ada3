"""The portals' pages: the list with what each portal accepts, its status and its count of listed published projects;
a portal's page with the published projects listed there; the working group's report of published projects listed
nowhere (filters, CSV); the add-listing form, which offers a contact only its own agency's projects; the project
page's section. Drafts and unpublished projects are never shown or counted; the list pages' query counts do not
grow with the data."""

import csv
import io

import pytest
from django.test import Client
from django.utils import translation

from guides.portals.models import PortalListing
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.django_db

PORTALS = "/en/guides/portals/"
UNLISTED = "/en/guides/portals/unlisted/"
REPORTS = "/en/guides/portals/listings/"


@pytest.fixture
def portal():
    return factories.InternationalPortalFactory(slug="wsis-stocktaking", name="WSIS Stocktaking", acronym="WSIS")


@pytest.fixture
def epractice():
    return factories.InternationalPortalFactory(slug="epractice", name="ePractice", status="closed")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _listed(html: str) -> set[str]:
    import re

    return set(re.findall(r'data-listing="(\d+)"', html))


def test_the_list_shows_each_portal_its_status_and_its_public_count(client, agency_a, portal, epractice):
    published = factories.ProjectFactory(agency=agency_a, published=True)
    factories.PortalListingFactory(portal=portal, project=published, published=True)
    factories.PortalListingFactory(portal=portal)  # a draft listing of a published project
    factories.PortalListingFactory(portal=portal, project=factories.ProjectFactory(), published=True)  # draft project
    factories.PortalListingFactory(portal=epractice, project=published)  # draft listing
    html = client.get(PORTALS).content.decode()
    assert 'data-portal="wsis-stocktaking"' in html and 'data-portal="epractice"' in html
    wsis_row = html.split('data-portal="wsis-stocktaking"')[1].split("</tr>")[0]
    epractice_row = html.split('data-portal="epractice"')[1].split("</tr>")[0]
    assert 'data-count="1"' in wsis_row and 'data-status="active"' in wsis_row
    assert 'data-count="0"' in epractice_row and 'data-status="closed"' in epractice_row


def test_the_list_links_only_published_guides(client, portal):
    guide = factories.GuideFactory(slug="international-portals", review_state=ReviewState.DRAFT, version=0)
    portal.guide = guide
    portal.save()
    assert 'data-guide="international-portals"' not in client.get(PORTALS).content.decode()
    guide.review_state = ReviewState.PUBLISHED
    guide.save()
    html = client.get(PORTALS).content.decode()
    assert 'data-guide="international-portals"' in html
    with translation.override("en"):
        assert guide.title in html


def test_a_portals_page_lists_the_published_projects_only(client, contact_a, agency_a, portal):
    shown = factories.PortalListingFactory(
        portal=portal, project=factories.ProjectFactory(agency=agency_a, published=True), published=True
    )
    draft = factories.PortalListingFactory(portal=portal, project=factories.ProjectFactory(agency=agency_a))
    draft_project = factories.PortalListingFactory(
        portal=portal, project=factories.ProjectFactory(agency=agency_a), published=True
    )
    url = f"{PORTALS}{portal.slug}/"
    assert _listed(client.get(url).content.decode()) == {str(shown.pk)}
    # Even its own agency's contact sees only the public listings on the public page.
    assert _listed(_client(contact_a.user).get(url).content.decode()) == {str(shown.pk)}
    assert {draft.pk, draft_project.pk}.isdisjoint({shown.pk})
    assert client.get(f"{PORTALS}no-such-portal/").status_code == 404


def test_a_contact_adds_a_listing_from_the_portals_page(client_a, contact_a, agency_a, agency_b, portal):
    own = factories.ProjectFactory(agency=agency_a, slug="own", published=True)
    other = factories.ProjectFactory(agency=agency_b, slug="other", published=True)
    page = client_a.get(f"{PORTALS}{portal.slug}/").content.decode()
    assert f"/en/guides/portals/listings/new/?portal={portal.slug}" in page
    form = client_a.get(f"{REPORTS}new/?portal={portal.slug}&project=own").context["form"]
    assert (form.initial["portal"], form.initial["project"]) == (portal.pk, own.pk)
    assert [value for value, _label in form.fields["project"].widget.choices if value] == [own.pk]
    # Another agency's project is refused by the rule of the service, as through the API.
    response = client_a.post(
        f"{REPORTS}new/", {"portal": portal.pk, "project": other.pk, "url": "https://itu.example/x"}
    )
    assert response.status_code == 403
    draft_of_other = factories.ProjectFactory(agency=agency_b)
    response = client_a.post(f"{REPORTS}new/", {"portal": portal.pk, "project": draft_of_other.pk})
    assert response.status_code == 200 and "project" in response.context["form"].errors
    assert not PortalListing.objects.exists()
    response = client_a.post(
        f"{REPORTS}new/",
        {"portal": portal.pk, "project": own.pk, "url": "https://itu.example/1", "listed_on": "2026-02-01"},
    )
    assert response.status_code == 302
    listing = PortalListing.objects.get()
    assert (listing.agency, listing.project, listing.review_state) == (agency_a, own, ReviewState.SUBMITTED)
    assert _listed(client_a.get(f"{PORTALS}{portal.slug}/").content.decode()) == set()
    assert f'data-listing="{listing.pk}"' in client_a.get(REPORTS).content.decode()


def test_a_contact_of_another_agency_changes_nothing_through_the_pages(client, contact_b, agency_a, portal):
    listing = factories.PortalListingFactory(
        portal=portal, project=factories.ProjectFactory(agency=agency_a, published=True)
    )
    client.force_login(contact_b.user)
    assert client.get(f"{REPORTS}{listing.pk}/edit/").status_code == 404
    response = client.post(f"{REPORTS}{listing.pk}/edit/", {"portal": portal.pk, "project": listing.project_id})
    assert response.status_code == 404
    assert client.post(f"{REPORTS}{listing.pk}/submit/").status_code == 404
    assert f'data-listing="{listing.pk}"' not in client.get(REPORTS).content.decode()
    listing.refresh_from_db()
    assert listing.review_state == ReviewState.DRAFT


def test_visitors_may_not_add_listings(client, portal):
    response = client.get(f"{REPORTS}new/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert "listings/new/" not in client.get(f"{PORTALS}{portal.slug}/").content.decode()


def test_the_unlisted_report_is_the_working_groups(contact_a, wg_admin):
    assert Client().get(UNLISTED).status_code == 302
    assert _client(contact_a.user).get(UNLISTED).status_code == 403
    assert _client(wg_admin).get(UNLISTED).status_code == 200


def test_the_unlisted_report_names_exactly_the_unlisted_published_projects(admin_client_wg, portal):
    ministry = factories.AgencyFactory(slug="min", kind="ministry", country="TR")
    university = factories.AgencyFactory(slug="uni", kind="university", country="KG")
    listed = factories.ProjectFactory(agency=ministry, slug="listed", published=True)
    factories.PortalListingFactory(portal=portal, project=listed, published=True)
    draft_listing = factories.ProjectFactory(agency=ministry, slug="draft-listing", published=True)
    factories.PortalListingFactory(portal=portal, project=draft_listing)
    never = factories.ProjectFactory(agency=university, slug="never", published=True)
    factories.ProjectFactory(agency=university, slug="a-draft")

    def shown(query=""):
        import re

        return set(re.findall(r'data-project="([^"]+)"', admin_client_wg.get(UNLISTED + query).content.decode()))

    assert shown() == {"draft-listing", "never"}
    assert shown("?kind=university") == {"never"}
    assert shown("?country=TR") == {"draft-listing"}
    assert shown("?kind=ministry&country=KG") == set()
    assert admin_client_wg.get(UNLISTED + "?kind=spaceship").context["page"].paginator.count == 0
    response = admin_client_wg.get(UNLISTED + "?kind=university&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2 and rows[1][0] == never.title and rows[1][3:] == ["university", "KG"]


def test_the_project_page_shows_its_public_listings(client, contact_a, agency_a, portal, epractice):
    project = factories.ProjectFactory(agency=agency_a, slug="p", published=True)
    shown = factories.PortalListingFactory(portal=portal, project=project, published=True)
    hidden = factories.PortalListingFactory(portal=epractice, project=project)
    html = client.get("/en/projects/p/").content.decode()
    assert 'id="project-portals"' in html
    assert _listed(html) == {str(shown.pk)}
    assert "listings/new/?project=p" not in html
    own = _client(contact_a.user).get("/en/projects/p/").content.decode()
    assert "listings/new/?project=p" in own and str(hidden.pk) not in _listed(own)
    other = factories.ProjectFactory(slug="q", published=True)
    assert 'id="project-portals"' not in client.get(f"/en/projects/{other.slug}/").content.decode()


def _grow(n: int, portals: list) -> None:
    for i in range(n):
        listing = factories.PortalListingFactory(portal=portals[i % len(portals)], published=True)
        factories.PortalListingFactory(portal=portals[(i + 1) % len(portals)], project=listing.project, published=True)


@pytest.mark.parametrize("which", ["list", "detail", "unlisted", "reports"])
def test_list_pages_run_a_fixed_number_of_queries(client, wg_admin, which, django_assert_max_num_queries):
    portals = [factories.InternationalPortalFactory(slug=f"p{i}") for i in range(2)]
    client.force_login(wg_admin)
    url = {
        "list": PORTALS,
        "detail": f"{PORTALS}p0/",
        "unlisted": UNLISTED,
        "reports": REPORTS,
    }[which]

    def grow(n):
        _grow(n, portals)
        for _ in range(n):
            factories.ProjectFactory(published=True)  # unlisted

    grow(SMALL)
    client.get(url)  # the process's first page warms its caches
    small, _response = count_queries(client, url)
    grow(LARGE - SMALL)
    for _ in range(LARGE - SMALL):
        factories.InternationalPortalFactory()
    large, _response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} listings, {large} with {LARGE}"
    with django_assert_max_num_queries(small):
        client.get(url)
