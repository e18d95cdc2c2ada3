"""The pages of following: "guides I follow" with its unfollow buttons, the follow and unfollow POST buttons (only
an active contact, only its own follows, bad input a clear error and nothing changed), the follow box."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from guides.library.follow_models import FollowScope, GuideFollow
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

FOLLOWING = "/tr/guides/following/"


def test_the_page_lists_my_follows_only(client_a, contact_a, contact_b):
    guide = factories.GuideFactory(slug="wsis-guide")
    mine = factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.GUIDE, guide=guide)
    sub = factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.SUBTOPIC, subtopic="funds")
    theirs = factories.GuideFollowFactory(contact=contact_b)
    assert reverse("guides:following") == FOLLOWING
    response = client_a.get(FOLLOWING)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-follow="{mine.pk}"' in html and f'data-follow="{sub.pk}"' in html
    assert f'data-follow="{theirs.pk}"' not in html
    assert reverse("guides:unfollow", args=[mine.pk]) in html and "/tr/guides/wsis-guide/" in html


def test_the_page_runs_a_constant_number_of_queries(client_a, contact_a, django_assert_max_num_queries):
    for _n in range(3):
        factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.GUIDE, guide=factories.GuideFactory())
    with django_assert_max_num_queries(12) as small:
        client_a.get(FOLLOWING)
    for _n in range(15):
        factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.GUIDE, guide=factories.GuideFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client_a.get(FOLLOWING).status_code == 200


def test_a_visitor_is_sent_to_log_in_and_cannot_follow(client):
    assert client.get(FOLLOWING).status_code == 302
    response = client.post(reverse("guides:follow"), {"scope": "topic"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not GuideFollow.objects.exists()


def test_an_admin_without_a_contact_may_not_follow(admin_client_wg):
    assert admin_client_wg.get(FOLLOWING).status_code == 200
    assert admin_client_wg.post(reverse("guides:follow"), {"scope": "topic"}).status_code == 403
    assert not GuideFollow.objects.exists()


def test_follow_and_unfollow_buttons(client_a, contact_a):
    guide = factories.GuideFactory()
    response = client_a.post(
        reverse("guides:follow"), {"scope": "guide", "guide": guide.pk, "next": f"/tr/guides/{guide.slug}/"}
    )
    assert response.status_code == 302 and response["Location"] == f"/tr/guides/{guide.slug}/"
    row = GuideFollow.objects.get(contact=contact_a)
    assert (row.scope, row.guide_id) == (FollowScope.GUIDE, guide.pk)
    # Following again changes nothing; an outside "next" is not followed.
    response = client_a.post(
        reverse("guides:follow"), {"scope": "guide", "guide": guide.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == FOLLOWING and GuideFollow.objects.count() == 1
    assert client_a.post(reverse("guides:follow"), {"scope": "subtopic", "subtopic": "funds"}).status_code == 302
    assert client_a.post(reverse("guides:unfollow", args=[row.pk])).status_code == 302
    assert list(GuideFollow.objects.values_list("subtopic", flat=True)) == ["funds"]


def test_bad_input_is_a_clear_error_and_nothing_changes(client_a):
    draft = factories.GuideFactory(review_state=ReviewState.DRAFT, version=0)
    for data, field in (
        ({"scope": "subtopic", "subtopic": "nonsense"}, "subtopic"),
        ({"scope": "subtopic"}, "subtopic"),
        ({"scope": "guide", "guide": draft.pk}, "guide"),
        ({"scope": "everything"}, "scope"),
    ):
        response = client_a.post(reverse("guides:follow"), data)
        assert response.status_code == 200  # the page again with the errors
        assert field in response.context["form"].errors
    assert not GuideFollow.objects.exists()


def test_nobody_unfollows_anothers_follow(client_a, contact_b):
    theirs = factories.GuideFollowFactory(contact=contact_b)
    assert client_a.post(reverse("guides:unfollow", args=[theirs.pk])).status_code == 404
    assert client_a.get(reverse("guides:unfollow", args=[theirs.pk])).status_code == 405
    assert GuideFollow.objects.filter(pk=theirs.pk).exists()


def render_box(user, guide):
    request = RequestFactory().get(f"/tr/guides/{guide.slug}/")
    request.user = user
    template = engines["django"].from_string('{% include "guides/library/follow_box.html" %}')
    return template.render({"guide": guide}, request)


def test_the_follow_box_offers_the_guide_and_its_subtopics(contact_a, client):
    from django.contrib.auth.models import AnonymousUser

    guide = factories.GuideFactory(subtopics=["awards", "portals"])
    html = render_box(contact_a.user, guide)
    assert 'data-follow="guide"' in html and 'data-follow="awards"' in html and 'data-follow="portals"' in html
    factories.GuideFollowFactory(contact=contact_a, scope=FollowScope.SUBTOPIC, subtopic="portals")
    html = render_box(contact_a.user, guide)
    assert 'data-unfollow="portals"' in html and 'data-follow="portals"' not in html
    assert render_box(AnonymousUser(), guide).strip() == ""
