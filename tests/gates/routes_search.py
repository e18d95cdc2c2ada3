"""Routes of site search for the permission matrix, the accessibility gate and the API fuzzing
(tests/gates/routes.py): the search page and the search API are public and show the same to everyone (only what
the public may see is ever indexed: agency A's draft never appears, which the matrix checks in every answer).

The world's agencies and published projects are what the queries find; the page is checked with its results
grouped by kind and its facets sidebar."""

from tests.gates.routes import PUBLIC, Route


def build(world) -> dict:
    """Nothing of its own: the world's records are indexed when they are saved."""
    return {}


ROUTES: dict[str, Route] = {
    "search": Route(PUBLIC, page=True, query="?q=agency"),
    "api:search": Route(PUBLIC, query="?q=agency&kind=project&lang=en"),
}
