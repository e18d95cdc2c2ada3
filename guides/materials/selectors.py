"""Reads of the materials part: the gallery (the rule of what is public lives here, once) and an agency's own
materials.

The gallery lists the published promotional materials of published projects and the attachments of kinds
poster, brochure, presentation and image of published guides. Of a material's details (language, year, lessons),
only published ones are shown or filtered on; a material without published details has no language and the year
it was published in the portal. An attachment's year is the year it was uploaded. Drafts — materials, their
projects, guides, details — are never listed, counted or served."""

from __future__ import annotations

import dataclasses
from collections import Counter

from django.core.paginator import Paginator
from django.db import models
from django.db.models import BigIntegerField, Case, CharField, Count, DateTimeField, F, IntegerField, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from guides.library.models import GuideAttachment
from guides.materials.models import MaterialDetails
from portal import selectors as portal_selectors
from portal.models import Agency, PromoMaterial, ReviewState

PUBLISHED = ReviewState.PUBLISHED
SOURCES = ("material", "attachment")
ATTACHMENT_KINDS = (
    GuideAttachment.Kind.POSTER,
    GuideAttachment.Kind.BROCHURE,
    GuideAttachment.Kind.PRESENTATION,
    GuideAttachment.Kind.IMAGE,
)
PAGE_SIZE = 24


class GalleryKind(models.TextChoices):
    """The gallery's kinds: the materials' and the attachments' together."""

    POSTER = "poster", _("poster")
    BROCHURE = "brochure", _("brochure")
    FILM = "film", _("film")
    PRESENTATION = "presentation", _("presentation")
    IMAGE = "image", _("image")
    OTHER = "other", _("other")


# The columns of a gallery row, the same for both sources (their order matters in the union).
# In this order in both parts of the union (modeltranslation's rewriting of `values_list`, which loses the order, is
# turned off for the translated attachments).
COLUMNS = ("pk", "g_source", "g_kind", "g_agency", "g_language", "g_year", "g_date")
FACETS = ("kind", "agency", "language", "year")


def published_materials() -> models.QuerySet:
    """Published promotional materials of published projects."""
    return PromoMaterial.objects.filter(review_state=PUBLISHED, project__review_state=PUBLISHED)


def published_attachments() -> models.QuerySet:
    """Attachments of the gallery's kinds of published guides."""
    return GuideAttachment.objects.filter(guide__review_state=PUBLISHED, kind__in=ATTACHMENT_KINDS)


def _material_rows() -> models.QuerySet:
    details_published = models.Q(details__review_state=PUBLISHED)
    return published_materials().annotate(
        g_source=Value("material", output_field=CharField()),
        g_kind=Cast("kind", CharField()),
        g_agency=Cast("agency_id", BigIntegerField()),
        g_language=Case(
            When(details_published, then=F("details__language")), default=Value(""), output_field=CharField()
        ),
        g_year=Coalesce(
            Case(When(details_published, then=F("details__year")), default=None, output_field=IntegerField()),
            ExtractYear("published_at"),
            output_field=IntegerField(),
        ),
        g_date=Coalesce(F("published_at"), F("created_at"), output_field=DateTimeField()),
    )


def _attachment_rows() -> models.QuerySet:
    return (
        published_attachments()
        .rewrite(False)
        .annotate(
            g_source=Value("attachment", output_field=CharField()),
            g_kind=Cast("kind", CharField()),
            g_agency=Cast("guide__agency_id", BigIntegerField()),
            g_language=Cast("language", CharField()),
            g_year=ExtractYear("uploaded_at", output_field=IntegerField()),
            g_date=Cast("uploaded_at", DateTimeField()),
        )
    )


@dataclasses.dataclass(frozen=True)
class Filters:
    """The gallery's filters, already valid (`forms.GalleryFilterForm`). Empty: not filtered on."""

    kind: str = ""
    agency: Agency | None = None
    language: str = ""
    year: int | None = None

    def value(self, facet: str):
        value = getattr(self, facet)
        return value.pk if facet == "agency" and value is not None else value

    def active(self, skip: str = "") -> dict:
        return {f"g_{facet}": self.value(facet) for facet in FACETS if facet != skip and self.value(facet)}


def _filtered(qs: models.QuerySet, filters: Filters) -> models.QuerySet:
    active = filters.active()
    if "g_kind" in active and qs.model is GuideAttachment and active["g_kind"] not in ATTACHMENT_KINDS:
        return qs.none()
    return qs.filter(**active)


def gallery_rows(filters: Filters) -> models.QuerySet:
    """The gallery's rows (COLUMNS) of both sources, the newest first: a union the paginator slices."""
    materials = _filtered(_material_rows(), filters).order_by().values_list(*COLUMNS)
    attachments = _filtered(_attachment_rows(), filters).order_by().values_list(*COLUMNS)
    return materials.union(attachments, all=True).order_by("-g_date", "g_source", "-pk")


# --- The items ----------------------------------------------------------------------------------------------


def guide_url(guide) -> str:
    """The guide's page (the library's), or the library when it has none yet."""
    if hasattr(guide, "get_absolute_url"):
        return guide.get_absolute_url()
    try:
        return reverse("guides:guide", kwargs={"slug": guide.slug})
    except NoReverseMatch:
        return reverse("guides:index")


@dataclasses.dataclass
class GalleryItem:
    """One item of the gallery as the page and the API show it."""

    source: str
    record: object  # a PromoMaterial or a GuideAttachment
    kind: str
    title: str
    agency: Agency
    language: str
    year: int | None
    lessons: str  # published lessons only
    thumbnail: object | None  # a ready thumbnail row
    link_url: str  # the project's or the guide's page
    link_title: str
    film_url: str

    @property
    def pk(self) -> int:
        return self.record.pk

    @property
    def key(self) -> str:
        return f"{self.source}-{self.record.pk}"

    @property
    def detail_url(self) -> str:
        return reverse("guides:material_item", kwargs={"source": self.source, "pk": self.record.pk})

    @property
    def thumbnail_url(self) -> str:
        if self.thumbnail is None:
            return ""
        return reverse("guides:material_thumbnail", kwargs={"source": self.source, "pk": self.record.pk})

    @property
    def file_url(self) -> str:
        if not self.record.file:
            return ""
        return reverse("guides:material_file", kwargs={"source": self.source, "pk": self.record.pk})

    @property
    def kind_label(self) -> str:
        return GalleryKind(self.kind).label if self.kind in GalleryKind.values else self.kind

    @property
    def language_label(self) -> str:
        from django.conf import settings

        return dict(settings.LANGUAGES).get(self.language, "")


def _ready(record):
    thumb = getattr(record, "thumbnail", None)
    return thumb if thumb is not None and thumb.is_ready else None


def published_details(material: PromoMaterial) -> MaterialDetails | None:
    details = getattr(material, "details", None)
    return details if details is not None and details.review_state == PUBLISHED else None


def material_item(material: PromoMaterial) -> GalleryItem:
    details = published_details(material)
    year = details.year if details and details.year else (material.published_at.year if material.published_at else None)
    return GalleryItem(
        source="material",
        record=material,
        kind=material.kind,
        title=material.title,
        agency=material.agency,
        language=details.language if details else "",
        year=year,
        lessons=details.lessons if details else "",
        thumbnail=_ready(material),
        link_url=material.project.get_absolute_url(),
        link_title=material.project.title,
        film_url=material.url if material.kind == PromoMaterial.Kind.FILM and material.url else "",
    )


def attachment_item(attachment: GuideAttachment) -> GalleryItem:
    return GalleryItem(
        source="attachment",
        record=attachment,
        kind=attachment.kind,
        title=attachment.title,
        agency=attachment.guide.agency,
        language=attachment.language,
        year=attachment.uploaded_at.year if attachment.uploaded_at else None,
        lessons="",
        thumbnail=_ready(attachment),
        link_url=guide_url(attachment.guide),
        link_title=attachment.guide.title,
        film_url="",
    )


def _materials() -> models.QuerySet:
    return published_materials().select_related("project", "agency", "details", "thumbnail")


def _attachments() -> models.QuerySet:
    return published_attachments().select_related("guide", "guide__agency", "thumbnail")


def load_items(rows) -> list[GalleryItem]:
    """The gallery items of `rows` (COLUMNS tuples: primary key, source…), in their order: one query a source."""
    rows = list(rows)
    ids = {source: [row[0] for row in rows if row[1] == source] for source in SOURCES}
    found = {}
    if ids["material"]:
        found.update({("material", m.pk): material_item(m) for m in _materials().filter(pk__in=ids["material"])})
    if ids["attachment"]:
        found.update(
            {("attachment", a.pk): attachment_item(a) for a in _attachments().filter(pk__in=ids["attachment"])}
        )
    return [found[row[1], row[0]] for row in rows if (row[1], row[0]) in found]


def gallery_item(source: str, pk: int) -> GalleryItem | None:
    """One item of the public gallery, or None (a draft, another kind of attachment, or nothing)."""
    if source == "material":
        record = _materials().filter(pk=pk).first()
        return material_item(record) if record else None
    if source == "attachment":
        record = _attachments().filter(pk=pk).first()
        return attachment_item(record) if record else None
    return None


def gallery_page(filters: Filters, number, per_page: int = PAGE_SIZE):
    """One page of the gallery: the paginator's page with its items loaded as `page.items`."""
    page = Paginator(gallery_rows(filters), per_page).get_page(number)
    page.items = load_items(page.object_list)
    return page


# --- The filters' counts --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    chosen: bool


def facet_counts(filters: Filters) -> dict[str, list[Option]]:
    """For each filter, its values with how many published items each would show given the other filters (one
    grouped query a source, and one for the agencies' names). Drafts are never counted."""
    grouped = ("g_kind", "g_agency", "g_language", "g_year")
    rows = []
    for qs in (_material_rows(), _attachment_rows()):
        rows += list(qs.values(*grouped).annotate(n=Count("pk")).values_list(*grouped, "n"))
    counts = {facet: Counter() for facet in FACETS}
    for kind, agency, language, year, n in rows:
        values = {"kind": kind, "agency": agency, "language": language, "year": year}
        for facet in FACETS:
            others = {other: filters.value(other) for other in FACETS if other != facet and filters.value(other)}
            if all(values[other] == wanted for other, wanted in others.items()):
                counts[facet][values[facet]] += n
    from django.conf import settings

    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=[pk for pk in counts["agency"] if pk])}
    languages = dict(settings.LANGUAGES)
    chosen = {facet: filters.value(facet) for facet in FACETS}
    return {
        "kind": [
            Option(value, label, counts["kind"][value], chosen["kind"] == value)
            for value, label in GalleryKind.choices
            if counts["kind"][value]
        ],
        "agency": sorted(
            (
                Option(agencies[pk].slug, agencies[pk].name, n, chosen["agency"] == pk)
                for pk, n in counts["agency"].items()
                if pk in agencies and n
            ),
            key=lambda option: str(option.label).casefold(),
        ),
        "language": [
            Option(code, languages[code], counts["language"][code], chosen["language"] == code)
            for code in languages
            if counts["language"][code]
        ],
        "year": [
            Option(str(year), str(year), n, chosen["year"] == year)
            for year, n in sorted(counts["year"].items(), key=lambda pair: -(pair[0] or 0))
            if year and n
        ],
    }


# --- An agency's own materials ----------------------------------------------------------------------------------


def own_materials(user) -> models.QuerySet:
    """The promotional materials the user may write details about, in every state: its agency's for a contact,
    every one for a working-group admin, none for anyone else."""
    qs = PromoMaterial.objects.select_related("project", "agency", "details", "thumbnail").order_by(
        "project__slug", "kind", "title", "pk"
    )
    if portal_selectors.is_working_group_admin(user):
        return qs
    contact = portal_selectors.active_contact(user)
    if contact is None:
        return qs.none()
    return qs.filter(agency_id=contact.agency_id)


def material_for_details(user, pk: int) -> PromoMaterial | None:
    """The material whose details `user` may see the form of: one it sees (published on a published project, or
    its own agency's); None when it does not see it (a 404)."""
    material = PromoMaterial.objects.select_related("project", "agency", "details", "thumbnail").filter(pk=pk).first()
    if material is None:
        return None
    if portal_selectors.can_change(user, material):
        return material
    if material.is_published and material.project.is_published:
        return material
    return None


def thumbnail_for(user, source: str, pk: int):
    """The thumbnail row the user may fetch: of a gallery item, or of the user's own agency's material."""
    item = gallery_item(source, pk)
    if item is not None:
        return item.thumbnail
    if source == "material":
        material = PromoMaterial.objects.select_related("thumbnail").filter(pk=pk).first()
        if material is not None and portal_selectors.can_change(user, material):
            return _ready(material)
    return None
