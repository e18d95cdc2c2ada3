"""The international portals in search (every portal has a public page)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guides.portals.models import InternationalPortal
from portal.search import Document, Source, register, texts
from portal.search.documents import plain_texts


def portals():
    return InternationalPortal.objects.all()


def _portal(portal: InternationalPortal) -> Document:
    return Document(
        title=texts(portal, "name"),
        url=lambda: reverse("guides:portal", args=[portal.slug]),
        names=[portal.acronym, portal.owner, portal.slug.replace("-", " ")],
        summary=texts(portal, "accepts"),
        body=plain_texts(portal, "how_to_list_html"),
    )


def register_sources() -> None:
    register(
        Source(
            kind="international_portal",
            label=_("international portals"),
            model=InternationalPortal,
            queryset=portals,
            document=_portal,
            order=61,
        )
    )
