"""Meetings and resolutions in search: both are public records (`selectors.meetings`, `selectors.resolutions`, the
rule of their pages), found by the body that met, its place, agenda and minutes, or the resolution's text and the
agencies responsible for it."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coordination.meetings import selectors
from coordination.meetings.models import Body, Meeting, Resolution
from portal.models import Agency, DeadlineKind
from portal.search import Document, Source, register, texts
from portal.search.documents import (
    acronym_and_names,
    agency_facets,
    agency_names,
    in_every_language,
    open_until,
    plain_texts,
)


def meetings():
    return selectors.meetings().select_related("body__convener")


def _meeting(meeting: Meeting) -> Document:
    body = meeting.body
    return Document(
        title=texts(meeting, "title"),
        url=lambda: reverse("coordination:meeting", args=[meeting.pk]),
        names=[*acronym_and_names(body), *texts(meeting, "place").values()],
        summary=texts(meeting, "agenda"),
        body=plain_texts(meeting, "minutes_html"),
        **agency_facets(body.convener),
        years=[meeting.held_on.year],
    )


def resolutions():
    return (
        selectors.resolutions()
        .select_related("meeting__body__convener")
        .annotate(search_open_until=open_until(Resolution, [DeadlineKind.RESOLUTION_DUE]))
    )


def _resolution(resolution: Resolution) -> Document:
    meeting = resolution.meeting

    def title():
        return gettext("Resolution %(number)s of %(meeting)s") % {"number": resolution.number, "meeting": meeting.title}

    return Document(
        title=in_every_language(title),
        url=lambda: reverse("coordination:resolution", args=[resolution.pk]),
        names=[
            *acronym_and_names(meeting.body),
            *(name for agency in resolution.responsible.all() for name in agency_names(agency)),
        ],
        summary=texts(resolution, "text"),
        body=texts(resolution, "state_note"),
        **agency_facets(meeting.body.convener),
        years=sorted({meeting.held_on.year, *([resolution.due_on.year] if resolution.due_on else [])}),
        open_until=resolution.search_open_until,
    )


def register_sources() -> None:
    """Called from the part's `ready()` after its deadlines are connected, so a resolution's due date is read from
    the registry once its own save has moved it."""
    register(
        Source(
            kind="meeting",
            label=_("meetings"),
            model=Meeting,
            queryset=meetings,
            document=_meeting,
            order=71,
            follows={
                Body: lambda body: Meeting.objects.filter(body=body),
                Agency: lambda agency: Meeting.objects.filter(body__convener=agency),
            },
        )
    )
    register(
        Source(
            kind="resolution",
            label=_("resolutions"),
            model=Resolution,
            queryset=resolutions,
            document=_resolution,
            order=72,
            follows={
                Meeting: lambda meeting: Resolution.objects.filter(meeting=meeting),
                Body: lambda body: Resolution.objects.filter(meeting__body=body),
                Agency: lambda agency: Resolution.objects.filter(responsible=agency),
            },
        )
    )
