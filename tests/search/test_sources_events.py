"""The events area in search (PostgreSQL): an event found by its name and its city in any language, open until its
last open deadline, no longer once cancelled."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.models import EventStatus
from tests.factories import EventFactory
from tests.search.sources import entry, found

pytestmark = pytest.mark.django_db


def test_an_event_is_found_by_its_name_and_its_city_in_any_language():
    EventFactory(
        name="Bilgi Toplumu Forumu",
        name_tr="Bilgi Toplumu Forumu",
        name_en="Information Society Forum",
        city_ru="Женева",
    )
    for text, language in [("Bilgi Toplumu", "tr"), ("Information Society", "en"), ("Cenevre", "en"),
                           ("Geneva", "en"), ("Женева", "en"), ("İsviçre", "en"), ("Switzerland", "tr")]:  # fmt: skip
        assert found(text, language, kind="event") == [
            "Bilgi Toplumu Forumu" if language == "tr" else "Information Society Forum"
        ], text
    assert found("", "en", kind="event", facets={"country": ["CH"], "year": ["2030"]}) == ["Information Society Forum"]


def test_an_event_is_open_until_its_last_open_deadline_and_not_once_cancelled():
    year = timezone.now().year + 2
    event = EventFactory(
        name_en="Open Expo",
        starts_on=dt.date(year, 7, 6),
        proposal_deadline=dt.date(year, 2, 15),
        registration_deadline=dt.date(year, 6, 15),
    )
    # The registration deadline, the last of its open ones: 23:59 that day in Geneva.
    assert entry(event).open_until == dt.datetime(year, 6, 15, 23, 59, tzinfo=ZoneInfo("Europe/Zurich"))
    assert found("", "en", kind="event", open_only=True) == ["Open Expo"]
    event.status = EventStatus.CANCELLED
    event.save()
    assert entry(event).open_until is None
    assert found("", "en", kind="event", open_only=True) == []
    assert found("Open Expo", "en", kind="event") == ["Open Expo"]
