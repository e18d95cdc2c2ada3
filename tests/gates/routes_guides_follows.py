"""Routes of following the guides for the permission matrix and the accessibility gate (tests/gates/routes.py):
the records they need in the world and what each role gets.

World: two published guides on award applications; contact A follows the whole topic and the first guide, contact B the
sub-topic "funds"."""

from tests.gates.routes import POST_ONLY_LOGIN, Route, Write, expect


def build(world) -> dict:
    """Records this part adds to the world, by attribute name."""
    from guides.library.follow_models import FollowScope
    from tests import factories

    guide = factories.GuideFactory(agency=world.agency_a, slug="matrix-followed-guide", title_en="Followed guide")
    return {
        "follow_guide": guide,
        "follow_guide_unfollowed": factories.GuideFactory(agency=world.agency_b, slug="matrix-unfollowed-guide"),
        "follow_a_topic": factories.GuideFollowFactory(contact=world.contact_a),
        "follow_a_guide": factories.GuideFollowFactory(contact=world.contact_a, scope=FollowScope.GUIDE, guide=guide),
        "follow_b_funds": factories.GuideFollowFactory(
            contact=world.contact_b, scope=FollowScope.SUBTOPIC, subtopic="funds"
        ),
    }


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


ROUTES: dict[str, Route] = {
    # Working-group admins have no contact: the page says only a contact follows.
    "guides:following": Route(expect(302, 200), page=True),
    # Each contact follows for itself; an admin without a contact is refused.
    "guides:follow": Route(
        POST_ONLY_LOGIN,
        writes=(
            Write(
                "post",
                expect(302, 302, 302, 403),
                "subtopic",
                data=lambda w: {"scope": "subtopic", "subtopic": "events"},
            ),
            Write(
                "post",
                expect(302, 302, 302, 403),
                "follow_guide_unfollowed",
                data=lambda w: {"scope": "guide", "guide": w.follow_guide_unfollowed.pk},
            ),
        ),
    ),
    # Only the contact who follows stops it: another's follow is not found.
    "guides:unfollow": Route(
        POST_ONLY_LOGIN,
        _pk("follow_a_guide"),
        writes=(
            Write("post", expect(302, 302, 404, 403), "follow_a_guide"),
            Write("post", expect(302, 404, 302, 403), "follow_b_funds", kwargs=_pk("follow_b_funds")),
        ),
    ),
    # The API: the signed-in contact's own follows; an admin without a contact reads an empty list, may not follow.
    "api:guides-follow-list": Route(
        expect(403, 200),
        query="?scope=guide",
        writes=(
            Write(
                "post",
                expect(403, 201, 201, 403),
                "follow_guide_unfollowed",
                data=lambda w: {"scope": "guide", "guide": w.follow_guide_unfollowed.slug},
                json=True,
            ),
        ),
    ),
    "api:guides-follow-detail": Route(
        expect(403, 200, 404, 404),
        _pk("follow_a_guide"),
        writes=(
            Write("delete", expect(403, 204, 404, 404), "follow_a_guide"),
            Write("delete", expect(403, 404, 204, 404), "follow_b_funds", kwargs=_pk("follow_b_funds")),
        ),
    ),
}


def fingerprint() -> dict[tuple, tuple]:
    """The permission matrix's view of this part's writes (tests/gates/test_route_matrix.py): each follow, as its
    contact's agency's record."""
    from guides.library.follow_models import GuideFollow

    return {
        ("guidefollow", row.pk): (row.contact.agency_id, (row.contact_id, row.scope, row.subtopic, row.guide_id))
        for row in GuideFollow.objects.select_related("contact").order_by("pk")
    }
