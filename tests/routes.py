"""Every route of the portal with an example and what each kind of user may get from it.

The permission matrix and the accessibility gate walk the URL conf and look each route up here:
a route missing from this table fails them, so a new page or endpoint is checked from day one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal import services
from tests import factories

ROLES = ("anonymous", "contact_a", "contact_b", "admin")
LANGUAGES = ("tr", "en", "ru", "ky", "fa", "az")


@dataclasses.dataclass
class World:
    """Two agencies with a contact each, their projects in every moderation state that matters, an admin."""

    agency_a: object
    agency_b: object
    contact_a: object
    contact_b: object
    admin: object
    unconfirmed: object
    project_a_draft: object
    project_a_published: object
    project_b_published: object
    material_a: object


def build_world() -> World:
    agency_a = factories.AgencyFactory(slug="agency-a", name="Ajans A", name_en="Agency A")
    agency_b = factories.AgencyFactory(slug="agency-b", name="Ajans B", name_en="Agency B", country="AZ")
    contact_a = factories.ContactFactory(agency=agency_a, email="alice@a.example")
    contact_b = factories.ContactFactory(agency=agency_b, email="bora@b.example")
    unconfirmed = factories.ContactFactory(agency=agency_a, email="new@a.example", confirmed_at=None, approved_at=None)
    project_a_draft = factories.ProjectFactory(agency=agency_a, slug="a-draft", action_lines=["C7.1"], sdgs=[16])
    project_a_published = factories.ProjectFactory(
        agency=agency_a, slug="a-published", published=True, action_lines=["C4"], sdgs=[4]
    )
    project_b_published = factories.ProjectFactory(agency=agency_b, slug="b-published", published=True)
    from portal.models import PromoMaterial

    material_a = PromoMaterial.objects.create(
        project=project_a_published, kind="film", title="Film", url="https://video.example/a"
    )
    return World(
        agency_a=agency_a,
        agency_b=agency_b,
        contact_a=contact_a,
        contact_b=contact_b,
        admin=factories.admin_user(email="wg.admin@portal.example"),
        unconfirmed=unconfirmed,
        project_a_draft=project_a_draft,
        project_a_published=project_a_published,
        project_b_published=project_b_published,
        material_a=material_a,
    )


def user_for(world: World, role: str):
    return {
        "anonymous": None,
        "contact_a": world.contact_a.user,
        "contact_b": world.contact_b.user,
        "admin": world.admin,
    }[role]


def expect(anonymous, contact_a, contact_b=None, admin=None) -> dict[str, int]:
    """Expected GET status per role; contact B and the admin default to contact A's."""
    return {
        "anonymous": anonymous,
        "contact_a": contact_a,
        "contact_b": contact_a if contact_b is None else contact_b,
        "admin": contact_a if admin is None else admin,
    }


PUBLIC = expect(200, 200)
LOGIN_REQUIRED = expect(302, 200)
# Routes that only answer POST: a GET is refused with 405 by everyone allowed to reach it.
POST_ONLY_LOGIN = expect(302, 405)


@dataclasses.dataclass
class Route:
    expect: dict[str, int]
    kwargs: Callable[[World], dict] = lambda w: {}
    page: bool = False  # an HTML page: checked for accessibility in every language
    query: str = ""


def _slug(attr):
    return lambda w: {"slug": getattr(w, attr).slug}


ROUTES: dict[str, Route] = {
    # --- Pages --------------------------------------------------------------------------------
    "home": Route(PUBLIC, page=True),
    "awards": Route(PUBLIC, page=True),
    "funds": Route(PUBLIC, page=True),
    "events": Route(PUBLIC, page=True),
    "guides": Route(PUBLIC, page=True),
    "coordination": Route(PUBLIC, page=True),
    "project_list": Route(PUBLIC, page=True, query="?action_line=C4"),
    "project_create": Route(expect(302, 200, 200, 200), page=True),
    # A's draft: only A's contacts and the admins may see it.
    "project_detail": Route(expect(404, 200, 404, 200), _slug("project_a_draft"), page=True),
    # A's published project: everyone sees it, only A and the admins may change it.
    "project_edit": Route(expect(302, 200, 403, 200), _slug("project_a_published"), page=True),
    "project_submit": Route(expect(302, 405, 405, 405), _slug("project_a_draft")),
    "material_add": Route(expect(302, 200, 403, 200), _slug("project_a_published"), page=True),
    "material_download": Route(
        expect(404, 404), lambda w: {"slug": w.project_a_published.slug, "pk": w.material_a.pk}
    ),  # a link, not a file: nothing to download
    "agency_list": Route(PUBLIC, page=True),
    "agency_detail": Route(PUBLIC, _slug("agency_a"), page=True),
    "accounts:register": Route(PUBLIC, page=True),
    "accounts:register_done": Route(PUBLIC, page=True),
    "accounts:resend": Route(PUBLIC, page=True),
    "accounts:confirm": Route(
        PUBLIC, lambda w: {"token": services.confirmation_token(w.unconfirmed)}, page=True
    ),  # first GET confirms; the page then says so
    "accounts:login": Route(expect(200, 302), page=True),
    "accounts:logout": Route(expect(405, 405)),
    "accounts:password_reset": Route(PUBLIC, page=True),
    "accounts:password_reset_done": Route(PUBLIC, page=True),
    "accounts:password_reset_confirm": Route(
        expect(302, 302),
        lambda w: {
            "uidb64": urlsafe_base64_encode(force_bytes(w.contact_a.user.pk)),
            "token": default_token_generator.make_token(w.contact_a.user),
        },
    ),
    "accounts:password_reset_complete": Route(PUBLIC, page=True),
    "accounts:my_agency": Route(LOGIN_REQUIRED, page=True),
    # --- API ----------------------------------------------------------------------------------
    "api:api-root": Route(PUBLIC),
    "api:schema": Route(PUBLIC),
    "api:docs": Route(PUBLIC),
    "api:agency-list": Route(PUBLIC),
    "api:agency-detail": Route(PUBLIC, _slug("agency_b")),
    "api:project-list": Route(PUBLIC),
    "api:project-detail": Route(expect(404, 200, 404, 200), _slug("project_a_draft")),
    "api:actionline-list": Route(PUBLIC),
    "api:actionline-detail": Route(PUBLIC, lambda w: {"code": "C7.1"}),
    "api:sdg-list": Route(PUBLIC),
    "api:sdg-detail": Route(PUBLIC, lambda w: {"number": 16}),
}


def walk(patterns=None, namespace="", prefix=""):
    """Yield (qualified name, pattern string) for every named route in the URL conf."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            qualified = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, qualified, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), prefix + str(entry.pattern)


def route_names() -> set[str]:
    """Every named route outside the admin (the admin has its own generic rule)."""
    return {name for name, _pattern in walk() if not name.startswith("admin:")}


def page_routes() -> list[str]:
    return sorted(name for name, route in ROUTES.items() if route.page)
