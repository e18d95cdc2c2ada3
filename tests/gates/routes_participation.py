"""Routes of the coordination area's participation part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets."""

from tests import factories
from tests.gates.routes import POST_ONLY_LOGIN, Route, Write, expect

# The working group's coverage report: admins only (a contact is refused with 403, as on the review queue).
ADMINS_ONLY = expect(302, 403, 403, 200)


def build(world) -> dict:
    """An agency with a known general address and no confirmed contact (to be invited), and one invited lately
    with no address any more (its invitation is the admin's example of the record)."""
    uninvited = factories.AgencyFactory(
        slug="agency-uninvited", name="Davetsiz ajans", name_en="Uninvited agency", email="info@uninvited.example"
    )
    invited = factories.AgencyFactory(slug="agency-invited", name="Davetli ajans", name_en="Invited agency")
    circular = factories.coverage_circular(sender=world.agency_a, reference="WG-1")
    factories.circular_recipient(circular, world.agency_b)
    return {
        "agency_uninvited": uninvited,
        "agency_invited": invited,
        "invitation_old": factories.agency_invitation(invited, days_ago=2),
        "circular_participation": circular,
    }


ROUTES: dict[str, Route] = {
    "coordination:coverage": Route(ADMINS_ONLY, page=True, query="?kind=ministry&country=TR"),
    "coordination:coverage_csv": Route(ADMINS_ONLY, query="?without_contact=on"),
    "coordination:coverage_xlsx": Route(ADMINS_ONLY, query="?kind=ministry"),
    # Inviting the agency without a confirmed contact: a mail and an invitation record, by the admins only.
    "coordination:coverage_invite": Route(
        POST_ONLY_LOGIN,
        lambda w: {"slug": w.agency_uninvited.slug},
        writes=(
            Write("post", expect(302, 403, 403, 302), "agency_uninvited", data=lambda w: {"back": "kind=ministry"}),
        ),
    ),
}
