"""The events area in search: every event (all are public, as their pages are: planned, cancelled and past ones say
so there), found by its name, organiser, city and country in any language. Participations have no page of their own
(they show on the event's, the agency's and the project's pages) and are not indexed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.models import Event
from portal.search import Document, Source, register, texts
from portal.search.documents import country_code, in_every_language, open_until


def events():
    return selectors.events().annotate(search_open_until=open_until(Event, selectors.ACTION_KINDS))


def _event(event: Event) -> Document:
    country = in_every_language(lambda: event.country.name).values() if event.country else []
    return Document(
        title=texts(event, "name"),
        url=lambda: reverse("events:detail", args=[event.slug]),
        names=[
            event.organiser,
            *texts(event, "city").values(),
            *texts(event, "venue").values(),
            *country,
            event.slug.replace("-", " "),
        ],
        summary=texts(event, "description"),
        body=texts(event, "support_details"),
        country=country_code(event),
        action_lines=[line.code for line in event.action_lines.all()],
        years=sorted({event.starts_on.year, event.ends_on.year}),
        open_until=event.search_open_until,
    )


def register_sources() -> None:
    """Called from the app's `ready()` after its deadlines are connected, so an event's "open until" is read from
    the registry once its own save has moved its deadlines."""
    register(
        Source(
            kind="event",
            label=_("events"),
            model=Event,
            queryset=events,
            document=_event,
            order=50,
        )
    )
