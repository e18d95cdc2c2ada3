"""Factories of the events area: events in their own zone, agencies' participations."""

import datetime as dt

import factory
from django.utils import timezone

from events.models import Event, EventParticipation
from portal.models import ReviewState
from tests.factories.portal import AgencyFactory


class EventFactory(factory.django.DjangoModelFactory):
    """A confirmed conference in Geneva (Europe/Zurich), four days from `starts_on`."""

    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    name = factory.Sequence(lambda n: f"Etkinlik {n}")
    name_en = factory.Sequence(lambda n: f"Event {n}")
    kind = "conference"
    organiser = "ITU"
    city = "Cenevre"
    city_en = "Geneva"
    country = "CH"
    tz = "Europe/Zurich"
    starts_on = factory.LazyFunction(lambda: dt.date(2030, 7, 6))
    ends_on = factory.LazyAttribute(lambda event: event.starts_on + dt.timedelta(days=4))
    website = "https://event.example"


class ParticipationFactory(factory.django.DjangoModelFactory):
    """A draft report of a new agency's attendance at a new event; `published=True` makes it public."""

    class Meta:
        model = EventParticipation

    class Params:
        published = factory.Trait(review_state=ReviewState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    event = factory.SubFactory(EventFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "attendee"
    review_state = ReviewState.DRAFT
