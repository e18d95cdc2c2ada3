"""Factories of the coordination area's meetings part: bodies, meetings in their own zone, resolutions with their
responsible agencies and due dates in their own zone, and progress notes."""

import datetime as dt

import factory
from django.utils import timezone

from coordination.meetings.models import Body, Meeting, ProgressNote, Resolution
from portal.models import ReviewState


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    slug = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Kurul {n}")
    name_en = factory.Sequence(lambda n: f"Council {n}")
    kind = "council"


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting in Tehran (Asia/Tehran) on 15 November 2017, unless told."""

    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Toplantı {n}")
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    held_on = dt.date(2017, 11, 15)
    tz = "Asia/Tehran"


class ResolutionFactory(factory.django.DjangoModelFactory):
    """An open resolution in Tehran's zone without a due date; `responsible=[agency, …]` names its agencies (set
    after the save, as the admin does)."""

    class Meta:
        model = Resolution
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Karar {n}")
    text_en = factory.Sequence(lambda n: f"Resolution {n}")
    tz = "Asia/Tehran"
    state = "open"

    @factory.post_generation
    def responsible(self, create, agencies, **kwargs):
        if create and agencies:
            self.responsible.set(agencies)


class ProgressNoteFactory(factory.django.DjangoModelFactory):
    """A draft note; `published=True` makes it public. Its agency should be one of the resolution's responsible."""

    class Meta:
        model = ProgressNote

    class Params:
        published = factory.Trait(review_state=ReviewState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    resolution = factory.SubFactory(ResolutionFactory)
    agency = factory.LazyAttribute(lambda note: note.resolution.responsible.first())
    text = "İlerleme"
    text_en = "Progress"
    review_state = ReviewState.DRAFT
