"""Routes of the coordination area's participation part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets."""

from tests import factories
from tests.gates.routes import POST_ONLY_LOGIN, Route, Write, expect

# The working group's coverage report: admins only (a contact is refused with 403, as on the review queue).
ADMINS_ONLY = expect(302, 403, 403, 200)


def build(world) -> dict:
    """Agency C, with a known general address and no confirmed contact, invited ten days ago (the admin's example
    of an invitation; it may be invited again). Its name is as short as the other agencies': it is one more choice
    in the project form's list of partners, which must still fit the page."""
    agency_c = factories.AgencyFactory(slug="agency-c", name="Ajans C", name_en="Agency C", email="info@c.example")
    circular = factories.coverage_circular(sender=world.agency_a, reference="WG-1")
    factories.circular_recipient(circular, world.agency_b)
    return {
        "agency_c": agency_c,
        "invitation_c": factories.agency_invitation(agency_c, days_ago=10),
        "circular_participation": circular,
    }


ROUTES: dict[str, Route] = {
    "coordination:coverage": Route(ADMINS_ONLY, page=True, query="?kind=ministry&country=TR"),
    "coordination:coverage_csv": Route(ADMINS_ONLY, query="?without_contact=on"),
    "coordination:coverage_xlsx": Route(ADMINS_ONLY, query="?kind=ministry"),
    # Inviting the agency without a confirmed contact: a mail and an invitation record, by the admins only.
    "coordination:coverage_invite": Route(
        POST_ONLY_LOGIN,
        lambda w: {"slug": w.agency_c.slug},
        writes=(Write("post", expect(302, 403, 403, 302), "agency_c", data=lambda w: {"back": "kind=ministry"}),),
    ),
}
