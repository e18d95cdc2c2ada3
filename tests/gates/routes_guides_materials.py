"""Routes of the guides area's materials part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets.

World: agency A's published poster (a real PNG, with its thumbnail and published details) on its published project,
A's poster on its draft project (with a thumbnail: only A and the admins fetch it), a published guide of agency B
with a brochure attachment (thumbnail made) and a draft guide's poster."""

from tests.gates.routes import PUBLIC, Example, Route, Write, _stored_file, expect

POSTER_FILE = "promo/route-matrix/materials-poster.png"


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    from guides.library.models import GuideAttachment
    from guides.materials import thumbnails
    from portal.models import PromoMaterial
    from tests import factories

    png = factories.png_bytes(60, 80)
    published = PromoMaterial.objects.create(
        project=world.project_a_published,
        agency=world.agency_a,
        kind="poster",
        title="Matrix poster",
        file=_stored_file(POSTER_FILE, png),
        review_state="published",
        published_at=world.project_a_published.published_at,
    )
    factories.MaterialDetailsFactory(material=published, language="en", year=2024, lessons_en="Matrix lesson.")
    draft = PromoMaterial.objects.create(
        project=world.project_a_draft,
        agency=world.agency_a,
        kind="poster",
        title="Matrix draft poster",
        file=_stored_file(POSTER_FILE, png),
    )
    guide = factories.GuideFactory(agency=world.agency_b, slug="materials-matrix-guide")
    brochure = GuideAttachment.objects.create(
        guide=guide, kind="brochure", title="Matrix brochure", file=_stored_file(POSTER_FILE, png)
    )
    draft_guide = factories.GuideFactory(
        agency=world.agency_b, slug="materials-matrix-draft", review_state="draft", version=0, published_at=None
    )
    hidden = GuideAttachment.objects.create(
        guide=draft_guide, kind="poster", title="Matrix hidden poster", file=_stored_file(POSTER_FILE, png)
    )
    for source, record in (("material", published), ("material", draft), ("attachment", brochure)):
        thumbnails.make(source, record.pk)
    return {
        "mat_published": published,
        "mat_draft": draft,
        "mat_brochure": brochure,
        "mat_hidden": hidden,
    }


def _item(attr, source="material"):
    return lambda w: {"source": source, "pk": getattr(w, attr).pk}


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _key(attr, source="material"):
    return lambda w: {"key": f"{source}-{getattr(w, attr).pk}"}


def _details(w) -> dict:
    return {"language": "ru", "year": "2023", "lessons_en": "A matrix lesson."}


HIDDEN = expect(404, 404, 404, 404)

ROUTES: dict[str, Route] = {
    "guides:materials": Route(PUBLIC, page=True, query="?kind=poster"),
    # Admins have no agency, and see every agency's materials.
    "guides:material_mine": Route(expect(302, 200, 200, 200), page=True),
    "guides:material_details": Route(
        expect(302, 200, 403, 200),
        _pk("mat_published"),
        page=True,
        writes=(
            Write("post", expect(302, 302, 403, 302), "mat_published", data=_details),
            Write("post", expect(302, 302, 404, 302), "mat_draft", kwargs=_pk("mat_draft"), data=_details),
        ),
        examples=(Example("mat_draft", expect(302, 200, 404, 200), _pk("mat_draft")),),
    ),
    "guides:material_item": Route(
        PUBLIC,
        _item("mat_published"),
        page=True,
        examples=(
            Example("mat_brochure", PUBLIC, _item("mat_brochure", "attachment")),
            Example("mat_draft", HIDDEN, _item("mat_draft")),
            Example("mat_hidden", HIDDEN, _item("mat_hidden", "attachment")),
        ),
    ),
    # A draft's thumbnail: its agency's contacts and the admins only.
    "guides:material_thumbnail": Route(
        PUBLIC,
        _item("mat_published"),
        examples=(
            Example("mat_brochure", PUBLIC, _item("mat_brochure", "attachment")),
            Example("mat_draft", expect(404, 200, 404, 200), _item("mat_draft")),
            Example("mat_hidden", HIDDEN, _item("mat_hidden", "attachment")),
        ),
    ),
    "guides:material_file": Route(
        PUBLIC,
        _item("mat_published"),
        examples=(
            Example("mat_draft", HIDDEN, _item("mat_draft")),
            Example("mat_hidden", HIDDEN, _item("mat_hidden", "attachment")),
        ),
    ),
    "api:guides-material-list": Route(PUBLIC, query="?kind=poster"),
    "api:guides-material-detail": Route(
        PUBLIC,
        _key("mat_published"),
        examples=(
            Example("mat_brochure", PUBLIC, _key("mat_brochure", "attachment")),
            Example("mat_draft", HIDDEN, _key("mat_draft")),
            Example("mat_hidden", HIDDEN, _key("mat_hidden", "attachment")),
        ),
    ),
}


def fingerprint() -> dict[tuple, tuple]:
    """The permission matrix's view of this part's writes: the details of every material and their pending
    revisions, as the material's agency's records."""
    from django.contrib.contenttypes.models import ContentType

    from guides.materials.models import MaterialDetails
    from portal.models import Revision

    names = [f.attname for f in MaterialDetails._meta.concrete_fields if f.attname != "updated_at"]
    rows = {
        ("materialdetails", d.pk): (d.agency_id, tuple(getattr(d, f) for f in names))
        for d in MaterialDetails.objects.order_by("pk")
    }
    content_type = ContentType.objects.get_for_model(MaterialDetails)
    for revision in Revision.objects.filter(content_type=content_type).order_by("pk"):
        rows[("materialdetails revision", revision.pk)] = (revision.agency_id, (revision.state, revision.data))
    return rows
