"""Routes of the guides area's library part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets.

World: agency A's published guide at version 2 (two versions to compare) with a file, and agency A's guide sent
back by the working group (not public: seen only by agency A and the admins) with a version and a file of its own."""

from tests.gates.routes import POST_ONLY_LOGIN, PUBLIC, Example, Route, Write, _stored_file, expect

FILE = "guides/route-matrix/form.pdf"
PDF = b"%PDF-1.4\n%%EOF\n"
HIDDEN = expect(404, 200, 404, 200)


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    from django.utils import timezone

    from guides.library.models import GuideAttachment, GuideVersion
    from portal.models import ReviewState
    from tests import factories

    published = factories.GuideFactory(
        slug="matrix-guide",
        agency=world.agency_a,
        title="Matris rehberi",
        title_en="Matrix guide",
        body_en="## Steps\n\nRead the call twice.\n\n### Categories\n\nEighteen.",
        version=2,
    )
    GuideVersion.objects.create(
        guide=published,
        number=1,
        title_en="Matrix guide",
        title_tr="Matris rehberi",
        body_en="## Steps\n\nRead the call.",
        body_html_en="<h2>Steps</h2>\n<p>Read the call.</p>",
        published_at=timezone.now(),
    )
    hidden = factories.GuideFactory(
        slug="matrix-sent-back",
        agency=world.agency_a,
        title="Gizli rehber",
        title_en="Sent back guide",
        review_state=ReviewState.CHANGES_REQUESTED,
        review_comment="Add the steps.",
    )
    files = {
        name: GuideAttachment.objects.create(guide=guide, title="Form", file=_stored_file(FILE, PDF))
        for name, guide in (("guide_a_file", published), ("guide_hidden_file", hidden))
    }
    return {
        "guide_a": published,
        "guide_hidden": hidden,
        "guide_a_version": published.versions.get(number=1),
        "guide_hidden_version": hidden.versions.get(),
        **files,
    }


def _slug(attr):
    return lambda w: {"slug": getattr(w, attr).slug}


def _version(attr):
    return lambda w: {"slug": getattr(w, attr).guide.slug, "number": getattr(w, attr).number}


def _file(attr):
    return lambda w: {"slug": getattr(w, attr).guide.slug, "pk": getattr(w, attr).pk}


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _form(w) -> dict:
    """A valid guide form; `agency` is read only from a working-group admin (contacts have no such field)."""
    return {
        "title_en": "Matrix proposal",
        "body_en": "## One\n\nText.",
        "change_note_en": "Matrix change.",
        "kind": "checklist",
        "subtopics": ["websites"],
        "review_tz": "Europe/Istanbul",
        "agency": w.agency_a.pk,
    }


def _api(w) -> dict:
    return {"title_en": "Matrix API guide", "kind": "checklist", "subtopics": ["websites"]}


def _api_patch(w) -> dict:
    return {"body_en": "Changed through the API."}


ROUTES: dict[str, Route] = {
    # guides:index (the library) is declared in tests/gates/routes.py.
    "guides:guide_propose": Route(
        expect(302, 200),
        page=True,
        writes=(Write("post", expect(302, 302, 302, 302), "guide proposal", data=_form),),
    ),
    "guides:guide": Route(
        HIDDEN, _slug("guide_hidden"), page=True, examples=(Example("guide_a", PUBLIC, _slug("guide_a")),)
    ),
    # A contact of another agency: the published guide is seen but not theirs (403), the hidden one not found (404).
    "guides:guide_edit": Route(
        expect(302, 200, 403, 200),
        _slug("guide_a"),
        page=True,
        examples=(Example("guide_hidden", expect(302, 200, 404, 200), _slug("guide_hidden")),),
        writes=(
            Write("post", expect(302, 302, 403, 302), "guide_a", data=_form),
            Write("post", expect(302, 302, 404, 302), "guide_hidden", kwargs=_slug("guide_hidden"), data=_form),
        ),
    ),
    "guides:guide_submit": Route(
        POST_ONLY_LOGIN,
        _slug("guide_hidden"),
        writes=(Write("post", expect(302, 302, 404, 302), "guide_hidden"),),
    ),
    "guides:guide_version": Route(
        PUBLIC,
        _version("guide_a_version"),
        page=True,
        examples=(Example("guide_hidden_version", HIDDEN, _version("guide_hidden_version")),),
    ),
    "guides:guide_compare": Route(
        PUBLIC,
        _slug("guide_a"),
        page=True,
        examples=(Example("guide_hidden", HIDDEN, _slug("guide_hidden")),),
    ),
    "guides:guide_attachment": Route(
        PUBLIC,
        _file("guide_a_file"),
        examples=(Example("guide_hidden_file", HIDDEN, _file("guide_hidden_file")),),
    ),
    # The API: a contact proposes its own agency's guide (an admin must name the agency: 400 without one).
    "api:guides-guide-list": Route(
        expect(200, 200),
        writes=(Write("post", expect(403, 201, 201, 400), "guide proposal", data=_api, json=True),),
    ),
    "api:guides-guide-detail": Route(
        HIDDEN,
        _slug("guide_hidden"),
        examples=(Example("guide_a", PUBLIC, _slug("guide_a")),),
        writes=(
            Write("patch", expect(403, 202, 403, 200), "guide_a", kwargs=_slug("guide_a"), data=_api_patch, json=True),
            Write("patch", expect(403, 200, 404, 200), "guide_hidden", data=_api_patch, json=True),
            Write("put", expect(403, 405, 405, 405), "guide_a", kwargs=_slug("guide_a"), data=_api_patch, json=True),
            Write("delete", expect(403, 405, 405, 405), "guide_a", kwargs=_slug("guide_a")),
        ),
    ),
    "api:guides-version-list": Route(expect(200, 200)),
    "api:guides-version-detail": Route(
        PUBLIC,
        _pk("guide_a_version"),
        examples=(Example("guide_hidden_version", HIDDEN, _pk("guide_hidden_version")),),
    ),
    "api:guides-attachment-list": Route(expect(200, 200)),
    "api:guides-attachment-detail": Route(
        PUBLIC,
        _pk("guide_a_file"),
        examples=(Example("guide_hidden_file", HIDDEN, _pk("guide_hidden_file")),),
    ),
}


def fingerprint() -> dict[tuple, tuple]:
    """The permission matrix's view of this part's writes: each guide with its versions and files, as its agency's
    record."""
    from guides.library.models import Guide

    names = [f.attname for f in Guide._meta.concrete_fields if f.attname != "updated_at"]
    rows = {}
    for guide in Guide.objects.prefetch_related("versions", "attachments").order_by("pk"):
        rows[("guide", guide.pk)] = (
            guide.agency_id,
            tuple(getattr(guide, f) for f in names),
            tuple(sorted((v.number, v.title_en, v.body_en) for v in guide.versions.all())),
            tuple(sorted((a.title, a.file.name, a.pending) for a in guide.attachments.all())),
        )
    return rows
