"""API of following the guides (/api/v1/guides/follows/): the signed-in contact's own follows only; bad input a
400 with nothing changed; another's follow a 404; a constant number of queries for the list."""

import pytest

from guides.library.follow_models import FollowScope, GuideFollow
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/api/v1/guides/follows/"


def test_a_contact_lists_only_its_own_follows(client_a, contact_a, contact_b):
    guide = factories.GuideFactory(slug="api-guide")
    mine = factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.GUIDE, guide=guide)
    factories.GuideFollowFactory(contact=contact_b)
    body = client_a.get(LIST).json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert body["results"][0]["guide"] == "api-guide" and body["results"][0]["scope"] == "guide"
    assert client_a.get(LIST, {"scope": "topic"}).json()["count"] == 0


def test_the_public_is_refused(client, contact_a):
    factories.GuideFollowFactory(contact=contact_a)
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"scope": "topic"}, content_type="application/json").status_code == 403
    assert GuideFollow.objects.count() == 1


def test_an_admin_without_a_contact_sees_none_and_may_not_follow(admin_client_wg, contact_a):
    factories.GuideFollowFactory(contact=contact_a)
    assert admin_client_wg.get(LIST).json()["count"] == 0
    assert admin_client_wg.post(LIST, {"scope": "topic"}, content_type="application/json").status_code == 403
    assert GuideFollow.objects.count() == 1


def test_create_and_delete(client_a, contact_a, contact_b):
    factories.GuideFactory(slug="api-guide")
    response = client_a.post(LIST, {"scope": "guide", "guide": "api-guide"}, content_type="application/json")
    assert response.status_code == 201
    row = GuideFollow.objects.get(pk=response.json()["id"])
    assert (row.contact, row.scope, row.guide.slug) == (contact_a, FollowScope.GUIDE, "api-guide")
    theirs = factories.GuideFollowFactory(contact=contact_b)
    assert client_a.delete(f"{LIST}{theirs.pk}/").status_code == 404
    assert client_a.get(f"{LIST}{theirs.pk}/").status_code == 404
    assert client_a.delete(f"{LIST}{row.pk}/").status_code == 204
    assert list(GuideFollow.objects.values_list("pk", flat=True)) == [theirs.pk]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"scope": "subtopic", "subtopic": "nonsense"}, "subtopic"),
        ({"scope": "subtopic"}, "subtopic"),
        ({"scope": "guide", "guide": "draft-guide"}, "guide"),
        ({"scope": "guide", "guide": "no-such-guide"}, "guide"),
        ({"scope": "everything"}, "scope"),
        ({"scope": "guide", "guide": "bad\x00slug"}, "guide"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_changes(client_a, data, field):
    factories.GuideFactory(slug="draft-guide", review_state=ReviewState.DRAFT, version=0)
    response = client_a.post(LIST, data, content_type="application/json")
    assert response.status_code == 400 and field in response.json()
    assert not GuideFollow.objects.exists()


def test_the_list_runs_a_constant_number_of_queries(client_a, contact_a, django_assert_max_num_queries):
    for _n in range(3):
        factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.GUIDE, guide=factories.GuideFactory())
    with django_assert_max_num_queries(10) as small:
        client_a.get(LIST)
    for _n in range(12):
        factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.GUIDE, guide=factories.GuideFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client_a.get(LIST).json()["count"] == 15
