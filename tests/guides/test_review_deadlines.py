"""A guide's review-by date in the deadline registry (`guide.review`): 23:59 that day in the guide's zone, addressed
to the working group's editors (GUIDES_EDITOR_AGENCIES) and the guide's author agency; the real planner alerts
their contacts at their lead times and no one else; a moved date re-plans, a cleared one (or an unpublished guide)
cancels."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from guides.library.models import Guide
from portal import alerts
from portal.alerts.planning import window_opens
from portal.models import AlertDelivery, Audience, Deadline, DeadlineKind, DeliveryState, ReviewState, Subscription
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.clock]  # the review-by dates are days from today in the zone

BISHKEK = "Asia/Bishkek"


def row(guide) -> Deadline:
    return Deadline.objects.get(
        content_type=ContentType.objects.get_for_model(Guide), object_id=guide.pk, kind=DeadlineKind.GUIDE_REVIEW
    )


@pytest.fixture
def editors(settings):
    """The working group's editors (agency "btk"), a contact of theirs, the author agency's contact and an outsider."""
    editor_agency = factories.AgencyFactory(slug="btk")
    settings.GUIDES_EDITOR_AGENCIES = ["btk", "no-such-agency"]
    author = factories.AgencyFactory(slug="author")
    return {
        "editor": factories.ContactFactory(agency=editor_agency, email="editor@btk.example"),
        "author": factories.ContactFactory(agency=author, email="writer@author.example"),
        "other": factories.ContactFactory(email="other@elsewhere.example"),
        "author_agency": author,
        "editor_agency": editor_agency,
    }


def test_a_published_guide_with_a_review_date_is_a_deadline_of_its_editors(editors):
    review_by = factories.in_days(20, BISHKEK)
    guide = factories.GuideFactory(agency=editors["author_agency"], review_by=review_by, review_tz=BISHKEK)
    deadline = row(guide)
    assert deadline.due_at == dt.datetime.combine(review_by, dt.time(23, 59), tzinfo=ZoneInfo(BISHKEK))
    assert deadline.tz == BISHKEK and deadline.date_only
    assert deadline.topic == "guides"
    assert deadline.audience == Audience.AGENCIES
    assert set(deadline.agencies.values_list("slug", flat=True)) == {"btk", "author"}
    assert deadline.url == f"/guides/{guide.slug}/"
    assert all(deadline.__dict__[f"title_{code}"] for code in ("tr", "en", "ru", "ky", "fa", "az"))


def test_no_deadline_without_a_date_nor_for_a_draft(editors):
    undated = factories.GuideFactory(agency=editors["author_agency"])
    draft = factories.GuideFactory(review_by=factories.in_days(20, BISHKEK), review_state=ReviewState.DRAFT, version=0)
    assert not Deadline.objects.filter(object_id__in=[undated.pk, draft.pk], kind=DeadlineKind.GUIDE_REVIEW).exists()


def test_the_editors_contacts_are_alerted_at_their_lead_times_and_no_one_else(editors):
    review_by = factories.in_days(20, BISHKEK)
    guide = factories.GuideFactory(agency=editors["author_agency"], review_by=review_by, review_tz=BISHKEK)
    deadline = row(guide)
    # The planner as it runs 20 days before: the 30-day window is open (default lead times 30, 7, 1).
    alerts.plan(window_opens(deadline.due_at, BISHKEK, 20) + dt.timedelta(hours=1))
    planned = dict(AlertDelivery.objects.filter(deadline=deadline).values_list("contact__email", "lead_days"))
    assert planned == {"editor@btk.example": 30, "writer@author.example": 30}
    # Six days before (the 7-day window is open): the 7-day alerts, still not the outsider's.
    alerts.plan(window_opens(deadline.due_at, BISHKEK, 6) + dt.timedelta(hours=1))
    week = set(AlertDelivery.objects.filter(deadline=deadline, lead_days=7).values_list("contact__email", flat=True))
    assert week == {"editor@btk.example", "writer@author.example"}
    assert not AlertDelivery.objects.filter(contact=editors["other"]).exists()


def test_a_paused_editor_is_not_alerted(editors):
    Subscription.objects.filter(contact=editors["editor"]).update(paused_at=dt.datetime.now(dt.UTC))
    guide = factories.GuideFactory(
        agency=editors["author_agency"], review_by=factories.in_days(3, BISHKEK), review_tz=BISHKEK
    )
    deadline = row(guide)
    alerts.plan(window_opens(deadline.due_at, BISHKEK, 3) + dt.timedelta(hours=1))
    assert list(AlertDelivery.objects.filter(deadline=deadline).values_list("contact__email", flat=True)) == [
        "writer@author.example"
    ]


def test_a_moved_date_replans_and_a_cleared_one_cancels(editors):
    guide = factories.GuideFactory(
        agency=editors["author_agency"], review_by=factories.in_days(20, BISHKEK), review_tz=BISHKEK
    )
    old = row(guide)
    plan_at = window_opens(old.due_at, BISHKEK, 20) + dt.timedelta(hours=1)
    alerts.plan(plan_at)
    first = set(AlertDelivery.objects.filter(deadline=old).values_list("pk", flat=True))
    assert len(first) == 2
    # Moved 10 days later: the old instant's alerts are cancelled, the new instant's planned.
    new_day = factories.in_days(30, BISHKEK)
    guide.review_by = new_day
    guide.save()
    moved = row(guide)
    assert moved.pk == old.pk and moved.sequence > old.sequence
    assert moved.due_at == dt.datetime.combine(new_day, dt.time(23, 59), tzinfo=ZoneInfo(BISHKEK))
    alerts.plan(plan_at)
    assert set(AlertDelivery.objects.filter(pk__in=first).values_list("state", flat=True)) == {DeliveryState.CANCELLED}
    replanned = AlertDelivery.objects.filter(deadline=moved, due_at=moved.due_at, state=DeliveryState.PENDING)
    assert replanned.count() == 2
    # Cleared: withdrawn, and its pending alerts cancelled.
    guide.review_by = None
    guide.save()
    assert row(guide).withdrawn_at is not None
    alerts.plan(plan_at)
    assert not AlertDelivery.objects.filter(deadline=moved, state=DeliveryState.PENDING).exists()


def test_unpublishing_or_deleting_the_guide_withdraws_it(editors):
    guide = factories.GuideFactory(agency=editors["author_agency"], review_by=factories.in_days(20, BISHKEK))
    guide.review_state = ReviewState.CHANGES_REQUESTED
    guide.save()
    assert row(guide).withdrawn_at is not None
    guide.review_state = ReviewState.PUBLISHED
    guide.save()
    assert row(guide).withdrawn_at is None
    other = factories.GuideFactory(agency=editors["author_agency"], review_by=factories.in_days(20, BISHKEK))
    pk = other.pk
    other.delete()
    assert Deadline.objects.get(object_id=pk, kind=DeadlineKind.GUIDE_REVIEW).withdrawn_at is not None
