"""The library in search: published guides (`selectors.published_guides`, the rule of the library's pages), found by
the current text (the guide's own fields are what its page shows), its author agency and what it serves. The
attachments are found by their titles only: their text is not extracted anywhere yet."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guides.library import selectors
from guides.library.models import Guide, GuideAttachment
from portal.models import Agency
from portal.search import Document, Source, register, texts
from portal.search.documents import agency_facets, agency_names, joined, plain_texts


def guides():
    return (
        selectors.published_guides()
        .select_related("award_programme", "award_edition__programme", "fund_programme", "fund_call", "event")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=GuideAttachment.objects.filter(pending=False).order_by("pk"),
                to_attr="public_attachments",
            )
        )
    )


def _served_names(guide: Guide) -> list[str]:
    """The names of what the guide serves (not a circular: it may not be public)."""
    names = []
    programme = guide.award_programme or (guide.award_edition.programme if guide.award_edition else None)
    if programme is not None:
        names += [programme.acronym, *texts(programme, "name").values()]
    if guide.fund_programme is not None:
        names += texts(guide.fund_programme, "name").values()
    if guide.fund_call is not None:
        names += texts(guide.fund_call, "title").values()
    if guide.event is not None:
        names += texts(guide.event, "name").values()
    return names


def _guide(guide: Guide) -> Document:
    return Document(
        title=texts(guide, "title"),
        url=lambda: reverse("guides:guide", args=[guide.slug]),
        names=[*agency_names(guide.agency), *_served_names(guide)],
        summary=texts(guide, "summary"),
        body=joined(
            plain_texts(guide, "body_html"),
            *(texts(attachment, "title") for attachment in guide.public_attachments),
        ),
        **agency_facets(guide.agency),
    )


def register_sources() -> None:
    register(
        Source(
            kind="guide",
            label=_("guides"),
            model=Guide,
            queryset=guides,
            document=_guide,
            order=60,
            follows={
                Agency: lambda agency: Guide.objects.filter(agency=agency),
                GuideAttachment: lambda attachment: Guide.objects.filter(pk=attachment.guide_id),
            },
        )
    )
