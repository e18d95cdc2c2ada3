"""Routes of the guides area's portals part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets.

A listing is its project's agency's: contact A lists A's projects and changes A's listings; contact B is refused
(403 when naming A's published project, 404 for A's listings it does not see); the working group lists and changes
any agency's. The report of published projects listed nowhere is the working group's alone."""

from tests import factories
from tests.gates.routes import LOGIN_REQUIRED, PUBLIC, Example, Route, Write, expect

# A's draft listing: seen and changed by A and the working group only.
A_DRAFT_PAGE = expect(302, 200, 404, 200)
A_DRAFT_POST = expect(302, 302, 404, 302)
SUBMIT_GET = expect(302, 405)
API_NO_DELETE = expect(403, 405)


def build(world) -> dict:
    """Two portals (one closed, historical), A's published project listed on the first (published), A's draft
    listing of it on the second, and a published listing of A's draft project (never public)."""
    from portal.models import ReviewState

    portal = factories.InternationalPortalFactory(
        slug="world-stocktaking", name="Dünya Stocktaking", name_en="World Stocktaking", acronym="WS", position=1
    )
    closed = factories.InternationalPortalFactory(
        slug="world-epractice", name="ePractice", name_en="ePractice", status="closed", closed_year=2012, position=2
    )
    published = factories.PortalListingFactory(
        portal=portal, project=world.project_a_published, published=True, url="https://ws.example/a"
    )
    draft = factories.PortalListingFactory(portal=closed, project=world.project_a_published, url="https://ep.example/a")
    of_draft_project = factories.PortalListingFactory(
        portal=portal, project=world.project_a_draft, review_state=ReviewState.PUBLISHED
    )
    return {
        "portal": portal,
        "portal_closed": closed,
        "listing_a_published": published,
        "listing_a_draft": draft,
        "listing_of_draft_project": of_draft_project,
    }


def fingerprint() -> dict:
    """The part's records a write could touch, each with its agency first (tests/gates/test_route_matrix.py)."""
    from guides.portals.models import InternationalPortal, PortalListing

    rows = {}
    names = [f.attname for f in PortalListing._meta.concrete_fields]
    for record in PortalListing.objects.order_by("pk"):
        rows[("portallisting", record.pk)] = (record.agency_id, tuple(getattr(record, f) for f in names))
    names = [f.attname for f in InternationalPortal._meta.concrete_fields]
    for record in InternationalPortal.objects.order_by("pk"):
        rows[("internationalportal", record.pk)] = (None, tuple(getattr(record, f) for f in names))
    return rows


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _listing_form(w) -> dict:
    """A's shared project (B is its partner) on the active portal, where it is not listed yet."""
    return {"portal": w.portal.pk, "project": w.project_shared.pk, "url": "https://ws.example/shared"}


def _listing_edit_form(w) -> dict:
    draft = w.listing_a_draft
    return {"portal": draft.portal_id, "project": draft.project_id, "url": "https://ep.example/edited"}


def _api_listing(w) -> dict:
    return {"portal": w.portal.slug, "project": w.project_shared.slug, "url": "https://ws.example/api"}


ROUTES: dict[str, Route] = {
    "guides:portals": Route(PUBLIC, page=True),
    "guides:portal": Route(
        PUBLIC,
        lambda w: {"slug": w.portal.slug},
        page=True,
        examples=(Example("portal_closed", PUBLIC, lambda w: {"slug": w.portal_closed.slug}),),
    ),
    "guides:portals_unlisted": Route(expect(302, 403, 403, 200), page=True, query="?kind=ministry&country=TR"),
    "guides:listing_reports": Route(LOGIN_REQUIRED, page=True, query="?state=draft&portal=world-epractice"),
    "guides:listing_create": Route(
        LOGIN_REQUIRED,
        page=True,
        query="?portal=world-stocktaking&project=a-shared-with-b",
        # B sees A's shared project (B is its partner) but lists only its own agency's projects.
        writes=(Write("post", expect(302, 302, 403, 302), data=_listing_form),),
    ),
    "guides:listing_edit": Route(
        A_DRAFT_PAGE,
        _pk("listing_a_draft"),
        page=True,
        writes=(Write("post", A_DRAFT_POST, "listing_a_draft", data=_listing_edit_form),),
        examples=(Example("listing_a_published", A_DRAFT_PAGE, _pk("listing_a_published")),),
    ),
    "guides:listing_submit": Route(
        SUBMIT_GET, _pk("listing_a_draft"), writes=(Write("post", A_DRAFT_POST, "listing_a_draft"),)
    ),
    # API: portals are read-only; listings are public when published and of a published project.
    "api:guides-portal-list": Route(
        PUBLIC,
        query="?status=closed",
        writes=(Write("post", expect(403, 405), data=lambda w: {"slug": "matrix"}, json=True),),
    ),
    "api:guides-portal-detail": Route(
        PUBLIC,
        lambda w: {"slug": w.portal.slug},
        writes=(
            Write("delete", expect(403, 405), "portal", json=True),
            Write("patch", expect(403, 405), "portal", data=lambda w: {"owner": "x"}, json=True),
        ),
    ),
    "api:guides-listing-list": Route(
        PUBLIC,
        query="?portal=world-stocktaking&agency=agency-a",
        writes=(Write("post", expect(403, 201, 403, 201), data=_api_listing, json=True),),
    ),
    "api:guides-listing-detail": Route(
        PUBLIC,
        _pk("listing_a_published"),
        examples=(
            Example("listing_a_draft", expect(404, 200, 404, 200), _pk("listing_a_draft")),
            Example("listing_of_draft_project", expect(404, 200, 404, 200), _pk("listing_of_draft_project")),
        ),
        writes=(
            Write(
                "patch",
                expect(403, 202, 403, 200),
                "listing_a_published",
                data=lambda w: {"url": "https://ws.example/changed"},
                json=True,
            ),
            Write(
                "patch",
                expect(403, 200, 404, 200),
                "listing_a_draft",
                _pk("listing_a_draft"),
                data=lambda w: {"url": "https://ep.example/api"},
                json=True,
            ),
            Write("put", expect(403, 405), "listing_a_published", data=_api_listing, json=True),
            Write("delete", API_NO_DELETE, "listing_a_published", json=True),
        ),
    ),
}
