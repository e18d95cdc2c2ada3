"""Factories of the guides area's portals part: international portals and the projects' listings on them."""

import factory
from django.utils import timezone

from guides.portals.models import InternationalPortal, PortalListing
from portal.models import ReviewState
from tests.factories.portal import ProjectFactory


class InternationalPortalFactory(factory.django.DjangoModelFactory):
    """An active portal; `status="closed"` (with `closed_year`) makes a historical one."""

    class Meta:
        model = InternationalPortal

    slug = factory.Sequence(lambda n: f"portal-{n}")
    name = factory.Sequence(lambda n: f"Portal {n}")
    name_en = factory.Sequence(lambda n: f"Portal {n}")
    acronym = factory.Sequence(lambda n: f"P{n}")
    owner = "ITU"
    url = factory.Sequence(lambda n: f"https://portal-{n}.example/")
    accepts_en = "ICT projects of public agencies."
    how_to_list_en = "1. Open an account.\n2. Enter the project."


class PortalListingFactory(factory.django.DjangoModelFactory):
    """A draft listing of a new published project on a new portal; the agency is the project's.
    `published=True` makes the listing public (when its project is published too)."""

    class Meta:
        model = PortalListing

    class Params:
        published = factory.Trait(review_state=ReviewState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    portal = factory.SubFactory(InternationalPortalFactory)
    project = factory.SubFactory(ProjectFactory, published=True)
    agency = factory.LazyAttribute(lambda listing: listing.project.agency)
    url = factory.Sequence(lambda n: f"https://portal.example/entry/{n}")
    review_state = ReviewState.DRAFT
