"""The portals' demo data: the five portals (ePractice closed, historical), the demo projects' listings marked demo
(public only when published, of a published project); loading it twice changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from guides.portals import demo
from guides.portals.models import InternationalPortal, PortalListing
from portal.demo import area_loaders
from portal.models import ReviewState

pytestmark = pytest.mark.django_db


def test_the_demo_loader_is_registered():
    assert demo.load in area_loaders()


def test_demo_loads_portals_and_marked_listings():
    call_command("load_demo", stdout=io.StringIO())
    portals = {p.slug: p for p in InternationalPortal.objects.all()}
    assert set(portals) == {"wsis-stocktaking", "joinup", "oecd-opsi", "un-egov-kb", "epractice"}
    assert [slug for slug, p in portals.items() if p.is_closed] == ["epractice"]
    assert portals["wsis-stocktaking"].url == "https://www.itu.int/net4/wsis/stocktaking"
    listings = PortalListing.objects.all()
    assert listings.exists() and all(listing.demo for listing in listings)
    assert all(listing.agency_id == listing.project.agency_id for listing in listings)
    assert listings.filter(review_state=ReviewState.PUBLISHED, project__review_state=ReviewState.PUBLISHED).exists()
    updated = sorted(PortalListing.objects.values_list("updated_at", flat=True))
    call_command("load_demo", stdout=io.StringIO())
    assert sorted(PortalListing.objects.values_list("updated_at", flat=True)) == updated
    assert InternationalPortal.objects.count() == 5
    html = Client().get("/en/guides/portals/").content.decode()
    assert 'data-portal="epractice"' in html and 'data-status="closed"' in html
