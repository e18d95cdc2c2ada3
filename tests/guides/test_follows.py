"""Following the guides: one mail per following contact on a new version (whatever the number of their follows),
in their language, through the outbox in the publishing transaction; none for paused, unconfirmed or inactive
contacts; never twice for a version; daily-digest readers get it at their digest hour, one per guide a day; one
mail through a real SMTP server."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from guides.library import follows
from guides.library.follow_models import FollowScope, GuideFollow, GuideVersionNotice
from portal.alerts import outbox
from portal.models import Delivery, DeliveryState, MailKind, OutboxMail, ReviewState, Subscription
from tests import factories

pytestmark = pytest.mark.django_db


def guide_mails():
    return OutboxMail.objects.filter(kind=MailKind.GUIDE_VERSION)


@pytest.fixture
def guide():
    return factories.GuideFactory(slug="wsis-guide", subtopics=["awards", "portals"])


def test_each_follower_gets_one_mail_whatever_the_number_of_their_follows(guide):
    everything = factories.GuideFollowFactory(contact__email="all@x.example")
    factories.GuideFollowFactory(contact=everything.contact, scope=FollowScope.SUBTOPIC, subtopic="awards")
    factories.GuideFollowFactory(contact=everything.contact, scope=FollowScope.GUIDE, guide=guide)
    factories.GuideFollowFactory(contact__email="sub@x.example", scope=FollowScope.SUBTOPIC, subtopic="portals")
    factories.GuideFollowFactory(contact__email="one@x.example", scope=FollowScope.GUIDE, guide=guide)
    # Following something else: no mail.
    factories.GuideFollowFactory(contact__email="funds@x.example", scope=FollowScope.SUBTOPIC, subtopic="funds")
    factories.GuideFollowFactory(
        contact__email="other@x.example", scope=FollowScope.GUIDE, guide=factories.GuideFactory()
    )
    factories.ContactFactory(email="nobody@x.example")
    version = factories.publish_guide_version(guide, "Categories of 2027")
    assert sorted(guide_mails().values_list("recipient", flat=True)) == [
        "all@x.example",
        "one@x.example",
        "sub@x.example",
    ]
    assert GuideVersionNotice.objects.filter(version=version).count() == 3


def test_paused_unconfirmed_and_inactive_contacts_get_none(guide):
    paused = factories.GuideFollowFactory(contact__email="paused@x.example").contact
    Subscription.objects.filter(contact=paused).update(paused_at=timezone.now())
    factories.GuideFollowFactory(contact__email="unconfirmed@x.example", contact__confirmed_at=None)
    factories.GuideFollowFactory(contact__email="gone@x.example", contact__is_active=False)
    factories.GuideFollowFactory(contact__email="reader@x.example")
    factories.publish_guide_version(guide, "Note")
    assert list(guide_mails().values_list("recipient", flat=True)) == ["reader@x.example"]


def test_the_mail_is_in_the_contacts_language_with_the_change_note_number_and_links(guide):
    reader = factories.GuideFollowFactory(contact__email="ru@x.example", contact__language="ru").contact
    guide.title_ru = "Руководство WSIS"
    guide.save()
    factories.publish_guide_version(guide, "Categories of 2027")
    mail = guide_mails().get()
    assert mail.language == "ru" and mail.recipient == reader.email
    assert "Руководство WSIS" in mail.subject and "2" in mail.subject
    for text in (mail.text, mail.html):
        assert "Categories of 2027" in text
        assert f"{settings.SITE_URL}/ru/guides/wsis-guide/v2/" in text
        assert f"{settings.SITE_URL}/ru/guides/wsis-guide/compare/?from=1" in text
        assert f"{settings.SITE_URL}/ru/guides/following/" in text
    assert mail.headers["List-Unsubscribe"].startswith("<") and "List-Unsubscribe-Post" in mail.headers


def test_never_twice_for_the_same_version(guide):
    reader = factories.GuideFollowFactory().contact
    version = factories.publish_guide_version(guide, "Note")
    follows.new_version_published(version)
    assert guide_mails().count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        GuideVersionNotice.objects.create(contact=reader, version=version, guide=guide, day=version.published_at)
    # The next version is told again.
    factories.publish_guide_version(guide, "Another")
    assert guide_mails().count() == 2


def test_a_draft_guide_mails_no_one(guide):
    factories.GuideFollowFactory()
    draft = factories.GuideFactory(review_state=ReviewState.DRAFT, version=0)
    version = factories.publish_guide_version(draft, "Not yet")
    assert GuideVersionNotice.objects.filter(version=version).count() == 0 and not guide_mails().exists()


def test_a_digest_reader_gets_it_at_the_digest_hour_and_one_per_guide_a_day(guide):
    reader = factories.GuideFollowFactory(contact__time_zone="Asia/Tehran").contact
    Subscription.objects.filter(contact=reader).update(delivery=Delivery.DIGEST, digest_hour=8)
    immediate = factories.GuideFollowFactory(contact__email="now@x.example").contact
    factories.publish_guide_version(guide, "First change")
    mail = guide_mails().get(recipient=reader.email)
    zone = ZoneInfo("Asia/Tehran")
    local = mail.not_before.astimezone(zone)
    assert (local.hour, local.minute) == (8, 0) and mail.not_before > timezone.now()
    assert mail.not_before - timezone.now() <= dt.timedelta(days=1)
    assert guide_mails().get(recipient=immediate.email).not_before is None
    # A second version before that mail leaves: folded into it, which now names both change notes.
    factories.publish_guide_version(guide, "Second change")
    assert guide_mails().filter(recipient=reader.email).count() == 1
    assert guide_mails().filter(recipient=immediate.email).count() == 2
    mail.refresh_from_db()
    assert "First change" in mail.text and "Second change" in mail.text and "/v3/" in mail.text
    assert GuideVersionNotice.objects.filter(contact=reader).count() == 2
    # Once it has left, the next version waits for the next day's digest hour.
    OutboxMail.objects.filter(pk=mail.pk).update(state=DeliveryState.SENT)
    factories.publish_guide_version(guide, "Third change")
    later = guide_mails().filter(recipient=reader.email).exclude(pk=mail.pk).get()
    assert later.not_before.astimezone(zone).date() == local.date() + dt.timedelta(days=1)


def test_the_mail_goes_out_through_a_real_smtp_server(guide, smtp_server, django_capture_on_commit_callbacks):
    reader = factories.GuideFollowFactory(contact__email="reader@x.example", contact__language="en").contact
    factories.GuideFollowFactory(contact__email="kg@x.example", contact__language="ky")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.publish_guide_version(guide, "Categories of 2027")
    assert len(callbacks) == 1  # one start for both mails
    assert outbox.send_outbox().sent == 2
    received = {m.rcpt_tos[0]: m.message for m in smtp_server.messages}
    assert set(received) == {"reader@x.example", "kg@x.example"}
    assert received["kg@x.example"]["Content-Language"] == "ky"
    message = received[reader.email]
    assert message["Content-Language"] == "en" and message["List-Unsubscribe"]
    body = message.get_body(("plain",)).get_content()
    assert "Categories of 2027" in body and "/en/guides/wsis-guide/v2/" in body
    assert set(guide_mails().values_list("state", flat=True)) == {DeliveryState.SENT}


# --- Following and unfollowing (the service) -------------------------------------------------------------------


def test_only_an_active_contact_follows_and_following_again_is_harmless(guide, contact_a, wg_admin):
    first = follows.follow(contact_a.user, FollowScope.GUIDE, guide=guide)
    assert follows.follow(contact_a.user, FollowScope.GUIDE, guide=guide) == first
    assert GuideFollow.objects.count() == 1
    with pytest.raises(PermissionDenied):
        follows.follow(wg_admin, FollowScope.TOPIC)
    assert GuideFollow.objects.count() == 1


def test_a_draft_or_an_unknown_subtopic_cannot_be_followed(contact_a):
    draft = factories.GuideFactory(review_state=ReviewState.DRAFT, version=0)
    with pytest.raises(ValidationError) as error:
        follows.follow(contact_a.user, FollowScope.GUIDE, guide=draft)
    assert "guide" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        follows.follow(contact_a.user, FollowScope.SUBTOPIC, subtopic="nonsense")
    assert "subtopic" in error.value.error_dict
    assert not GuideFollow.objects.exists()


def test_a_contact_unfollows_only_its_own(contact_a, contact_b):
    mine = factories.GuideFollowFactory(contact=contact_a)
    theirs = factories.GuideFollowFactory(contact=contact_b)
    assert follows.unfollow(contact_a.user, theirs.pk) is False
    assert follows.unfollow(contact_a.user, mine.pk) is True
    assert list(GuideFollow.objects.values_list("pk", flat=True)) == [theirs.pk]


def test_one_scope_is_followed_once():
    row = factories.GuideFollowFactory(scope=FollowScope.SUBTOPIC, subtopic="funds")
    with pytest.raises(IntegrityError), transaction.atomic():
        GuideFollow.objects.create(contact=row.contact, scope=FollowScope.SUBTOPIC, subtopic="funds")
    with pytest.raises(IntegrityError), transaction.atomic():
        GuideFollow.objects.create(contact=row.contact, scope=FollowScope.GUIDE)  # a guide scope needs its guide
