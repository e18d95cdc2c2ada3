"""Saved searches of contacts."""

import factory
from django.utils import timezone

from portal.models import Frequency, SavedSearch
from tests.factories.portal import ContactFactory


class SavedSearchFactory(factory.django.DjangoModelFactory):
    """A contact's saved search of projects about irrigation, mailed at once."""

    class Meta:
        model = SavedSearch

    contact = factory.SubFactory(ContactFactory)
    name = factory.Sequence(lambda n: f"Saved search {n}")
    text = "irrigation"
    kind = "project"
    facets = factory.LazyFunction(dict)
    open_only = False
    frequency = Frequency.IMMEDIATE
    created_at = factory.LazyFunction(timezone.now)
