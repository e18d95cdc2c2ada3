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


def participation_report_data(participation=None, /, **changes) -> dict:
    """The participation report form (`events.report_forms.ParticipationReportForm`) as `participation` stands
    (empty without one), with `changes`."""
    data = {}
    if participation is not None:
        data = {
            "event": participation.event_id,
            "project": participation.project_id or "",
            "role": participation.role,
            "people": str(participation.people),
            "outcome_tr": participation.outcome_tr or "",
            "outcome_en": participation.outcome_en or "",
            "lessons_tr": participation.lessons_tr or "",
            "lessons_en": participation.lessons_en or "",
            "material_links": participation.material_links,
        }
    return {**data, **changes}
