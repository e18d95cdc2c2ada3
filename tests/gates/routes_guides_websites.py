"""Routes of the guides area's websites part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets."""

from tests.gates.routes import Route


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    return {}


ROUTES: dict[str, Route] = {}
