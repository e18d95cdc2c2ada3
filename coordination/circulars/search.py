"""Circular letters in search: only public ones in force (`selectors.public_circulars`, sent and not withdrawn), so
an addressees-only letter, a draft or a withdrawn one is never found. The contact person is not indexed (the page
shows it to signed-in contacts only)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.circulars import selectors
from coordination.circulars.models import Circular, CircularState
from portal.models import Agency, DeadlineKind
from portal.search import Document, Source, register, texts
from portal.search.documents import agency_facets, agency_names, open_until, plain_texts


def circulars():
    return (
        selectors.public_circulars()
        .filter(state=CircularState.SENT)
        .annotate(search_open_until=open_until(Circular, [DeadlineKind.CIRCULAR_REPLY]))
    )


def _circular(circular: Circular) -> Document:
    return Document(
        title=texts(circular, "subject"),
        url=lambda: reverse("coordination:circular", args=[circular.pk]),
        names=[circular.reference, *agency_names(circular.sender), circular.distribution_name],
        summary=texts(circular, "requested_action"),
        body=plain_texts(circular, "body_html"),
        **agency_facets(circular.sender),
        years=[circular.dated_on.year],
        open_until=circular.search_open_until,
    )


def register_sources() -> None:
    """Called from the part's `ready()` after its deadlines are connected, so the reply deadline is read from the
    registry once the circular's own save has moved it."""
    register(
        Source(
            kind="circular",
            label=_("circular letters"),
            model=Circular,
            queryset=circulars,
            document=_circular,
            order=70,
            follows={Agency: lambda agency: Circular.objects.filter(sender=agency)},
        )
    )
