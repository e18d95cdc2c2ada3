"""Portal listings through their services and selectors: a contact lists only its own agency's projects and its
listing goes to the working group for review; an admin's is published at once; the public sees only published
listings of published projects, in lists and counts; the unlisted report names exactly the published projects
with no published listing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guides.portals import selectors, services
from guides.portals.models import InternationalPortal, PortalListing
from portal import reviews
from portal.models import ReviewState
from portal.reviews.selectors import waiting
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    return factories.InternationalPortalFactory(slug="wsis-stocktaking")


def test_a_contact_lists_its_own_project_and_it_goes_for_review(contact_a, agency_a, portal):
    project = factories.ProjectFactory(agency=agency_a, published=True)
    listing = services.save_listing(
        contact_a.user, PortalListing(), {"portal": portal, "project": project, "url": "https://itu.example/1"}
    )
    listing.refresh_from_db()
    assert (listing.agency, listing.review_state, listing.submitted_by) == (
        agency_a,
        ReviewState.SUBMITTED,
        contact_a.user,
    )
    assert list(selectors.public_listings()) == []
    assert list(waiting(reviews.kind_of(PortalListing))) == [listing]


def test_a_contact_of_another_agency_may_not_list_it(contact_b, agency_a, portal):
    project = factories.ProjectFactory(agency=agency_a, published=True)
    with pytest.raises(PermissionDenied):
        services.save_listing(contact_b.user, PortalListing(), {"portal": portal, "project": project})
    listing = factories.PortalListingFactory(portal=portal, project=project, published=True)
    with pytest.raises(PermissionDenied):
        services.save_listing(contact_b.user, listing, {"url": "https://evil.example/"})
    listing.refresh_from_db()
    assert listing.url.startswith("https://portal.example/")
    assert PortalListing.objects.count() == 1


def test_nobody_without_an_agency_lists(portal):
    user = factories.UserFactory()
    project = factories.ProjectFactory(published=True)
    with pytest.raises(PermissionDenied):
        services.save_listing(user, PortalListing(), {"portal": portal, "project": project})
    with pytest.raises(PermissionDenied):
        services.save_listing(None, PortalListing(), {"portal": portal, "project": project})


def test_an_admins_listing_is_published_at_once_with_the_projects_agency(wg_admin, agency_b, portal):
    project = factories.ProjectFactory(agency=agency_b, published=True)
    listing = services.save_listing(wg_admin, PortalListing(), {"portal": portal, "project": project})
    assert (listing.agency, listing.review_state) == (agency_b, ReviewState.PUBLISHED)
    assert listing.published_at is not None
    assert list(selectors.public_listings()) == [listing]


def test_a_project_is_listed_once_per_portal(contact_a, agency_a, portal):
    project = factories.ProjectFactory(agency=agency_a, published=True)
    factories.PortalListingFactory(portal=portal, project=project)
    with pytest.raises(ValidationError) as error:
        services.save_listing(contact_a.user, PortalListing(), {"portal": portal, "project": project})
    assert error.value.error_dict["__all__"][0].code == "already_listed"
    assert PortalListing.objects.count() == 1


def test_the_agency_must_be_the_projects():
    listing = factories.PortalListingFactory()
    listing.agency = factories.AgencyFactory()
    with pytest.raises(ValidationError) as error:
        listing.full_clean()
    assert error.value.error_dict["project"][0].code == "not_own_project"


def test_a_contacts_change_to_a_published_listing_waits_for_review(contact_a, agency_a, portal, wg_admin):
    project = factories.ProjectFactory(agency=agency_a, published=True)
    listing = factories.PortalListingFactory(portal=portal, project=project, published=True, url="https://a/1")
    saved = services.save_listing(contact_a.user, listing, {"url": "https://itu.example/new"})
    assert reviews.waiting_change(saved) is not None
    listing.refresh_from_db()
    assert (listing.url, listing.review_state) == ("https://a/1", ReviewState.PUBLISHED)


def test_a_sent_back_listing_changed_by_its_contact_goes_for_review_again(contact_a, agency_a, portal, wg_admin):
    project = factories.ProjectFactory(agency=agency_a, published=True)
    listing = factories.PortalListingFactory(portal=portal, project=project, review_state=ReviewState.SUBMITTED)
    reviews.request_changes(wg_admin, listing, "Give the address of the entry.")
    saved = services.save_listing(contact_a.user, PortalListing.objects.get(), {"url": "https://itu.example/2"})
    assert (saved.review_state, saved.url) == (ReviewState.SUBMITTED, "https://itu.example/2")


def test_public_listings_and_counts_leave_out_drafts_and_unpublished_projects(agency_a, portal):
    other = factories.InternationalPortalFactory()
    published_project = factories.ProjectFactory(agency=agency_a, published=True)
    shown = factories.PortalListingFactory(portal=portal, project=published_project, published=True)
    factories.PortalListingFactory(portal=other, project=published_project)  # a draft listing
    factories.PortalListingFactory(portal=other, project=factories.ProjectFactory(agency=agency_a))  # a draft project
    factories.PortalListingFactory(
        portal=portal, project=factories.ProjectFactory(review_state=ReviewState.SUBMITTED), published=True
    )
    assert list(selectors.public_listings()) == [shown]
    counts = {p.slug: p.project_count for p in selectors.portals_with_counts()}
    assert counts == {portal.slug: 1, other.slug: 0}
    assert list(selectors.project_listings(published_project)) == [shown]


def test_listings_visible_to_a_contact_add_its_own_agencys_in_every_state(contact_a, contact_b, agency_a, portal):
    mine = factories.PortalListingFactory(portal=portal, project=factories.ProjectFactory(agency=agency_a))
    public = factories.PortalListingFactory(portal=portal, published=True)
    assert set(selectors.listings_visible_to(contact_a.user)) == {mine, public}
    assert set(selectors.listings_visible_to(contact_b.user)) == {public}
    assert set(selectors.listings_visible_to(None)) == {public}


def test_unlisted_projects_are_the_published_ones_with_no_published_listing(agency_a, agency_b, portal):
    listed = factories.ProjectFactory(agency=agency_a, published=True, title="Listed")
    factories.PortalListingFactory(portal=portal, project=listed, published=True)
    only_draft_listing = factories.ProjectFactory(agency=agency_a, published=True, title="Draft listing only")
    factories.PortalListingFactory(portal=portal, project=only_draft_listing)
    never = factories.ProjectFactory(agency=agency_b, published=True, title="Never")
    factories.ProjectFactory(agency=agency_b, title="A draft project")
    assert set(selectors.unlisted_projects()) == {only_draft_listing, never}


def test_the_portals_guide_is_linked_only_when_published(portal):
    assert selectors.portals_guide() is None
    draft = factories.GuideFactory(slug="international-portals", review_state=ReviewState.DRAFT, version=0)
    assert selectors.portals_guide() is None
    portal.guide = draft
    portal.save()
    assert selectors.published_guide(InternationalPortal.objects.get().guide) is None
    draft.review_state = ReviewState.PUBLISHED
    draft.save()
    assert selectors.portals_guide() == draft
    assert selectors.published_guide(InternationalPortal.objects.get().guide) == draft


def test_a_closed_portal_only_has_a_closed_year():
    portal = factories.InternationalPortalFactory.build(slug="x", closed_year=2012)
    with pytest.raises(ValidationError) as error:
        portal.full_clean()
    assert "closed_year" in error.value.error_dict
    portal.status = "closed"
    portal.full_clean()


def test_an_accepted_change_to_a_published_listing_is_applied(contact_a, agency_a, portal, wg_admin):
    from portal.reviews.decisions import accept_revision

    project = factories.ProjectFactory(agency=agency_a, published=True)
    listing = factories.PortalListingFactory(portal=portal, project=project, published=True, url="https://a/1")
    revision = reviews.waiting_change(services.save_listing(contact_a.user, listing, {"url": "https://a.example/2"}))
    accept_revision(wg_admin, revision)
    listing.refresh_from_db()
    assert (listing.url, listing.review_state, listing.agency) == (
        "https://a.example/2",
        ReviewState.PUBLISHED,
        agency_a,
    )
