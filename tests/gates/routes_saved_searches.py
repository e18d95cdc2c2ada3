"""Routes of the saved searches for the permission matrix and the accessibility gate (tests/gates/routes.py): the
records they need in the world and what each role gets.

World: contact A has a saved search of projects about irrigation, contact B one of every agency in Azerbaijan."""

from tests.gates.routes import PUBLIC, Route, Write, expect


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    from portal.models import Frequency
    from tests import factories

    return {
        "saved_search_a": factories.SavedSearchFactory(contact=world.contact_a, name="Irrigation projects"),
        "saved_search_b": factories.SavedSearchFactory(
            contact=world.contact_b,
            name="Agencies of Azerbaijan",
            text="",
            kind="agency",
            facets={"country": ["AZ"]},
            frequency=Frequency.WEEKLY,
        ),
    }


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _token(w):
    from portal.saved_searches.services import unsubscribe_token

    return {"token": unsubscribe_token(w.saved_search_a)}


def _api_search(w) -> dict:
    return {"name": "Matrix search", "text": "matrix", "kind": "project", "facets": {"sdg": ["4"]}}


ROUTES: dict[str, Route] = {
    # Each contact saves for itself; an admin without a contact has nothing to save to (404).
    "accounts:saved_search_new": Route(
        expect(302, 200, 200, 404),
        page=True,
        query="?q=irrigation&kind=project&sdg=6",
        writes=(
            Write(
                "post",
                expect(302, 302, 302, 404),
                data=lambda w: {"name": "Matrix", "frequency": "daily", "q": "irrigation", "kind": "project"},
            ),
        ),
    ),
    # Only the owner sees, changes or deletes a saved search: another contact gets a 404.
    "accounts:saved_search_edit": Route(
        expect(302, 200, 404, 404),
        _pk("saved_search_a"),
        page=True,
        writes=(
            Write(
                "post",
                expect(302, 302, 404, 404),
                "saved_search_a",
                data=lambda w: {"name": "Renamed", "frequency": "weekly", "active": "on"},
            ),
            Write(
                "post",
                expect(302, 404, 302, 404),
                "saved_search_b",
                kwargs=_pk("saved_search_b"),
                data=lambda w: {"name": "Renamed", "frequency": "daily"},
            ),
        ),
    ),
    "accounts:saved_search_delete": Route(
        expect(302, 405),
        _pk("saved_search_a"),
        writes=(
            Write("post", expect(302, 302, 404, 404), "saved_search_a"),
            Write("post", expect(302, 404, 302, 404), "saved_search_b", kwargs=_pk("saved_search_b")),
        ),
    ),
    # The address in contact A's saved-search mails: the signed token is the authority, no login needed. Its POST
    # (the one-click unsubscribe, anonymous by design) is tested in tests/portal/test_saved_searches.py.
    "accounts:saved_search_unsubscribe": Route(PUBLIC, _token, page=True),
    # The API: the signed-in contact's own searches; anonymous requests are refused (403) as everywhere in the
    # API; an admin without a contact reads an empty list and may not save.
    "api:saved-search-list": Route(
        expect(403, 200),
        writes=(Write("post", expect(403, 201, 201, 403), data=_api_search, json=True),),
    ),
    "api:saved-search-detail": Route(
        expect(403, 200, 404, 404),
        _pk("saved_search_a"),
        writes=(
            Write(
                "patch",
                expect(403, 200, 404, 404),
                "saved_search_a",
                data=lambda w: {"frequency": "weekly"},
                json=True,
            ),
            Write("put", expect(403, 200, 404, 404), "saved_search_a", data=_api_search, json=True),
            Write("delete", expect(403, 204, 404, 404), "saved_search_a"),
            Write("delete", expect(403, 404, 204, 404), "saved_search_b", kwargs=_pk("saved_search_b")),
        ),
    ),
}


def fingerprint() -> dict[tuple, tuple]:
    """The permission matrix's view of this part's writes: each saved search, as its contact's agency's record."""
    from portal.models import SavedSearch

    fields = [f.attname for f in SavedSearch._meta.concrete_fields]
    return {
        ("savedsearch", row.pk): (row.contact.agency_id, tuple(str(getattr(row, f)) for f in fields))
        for row in SavedSearch.objects.select_related("contact").order_by("pk")
    }
