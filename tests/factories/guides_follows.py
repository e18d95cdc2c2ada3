"""Factories of following the guides, and a stand-in for the library's publish service (a new numbered version
made from the guide, then the followers told, in one transaction)."""

import factory
from django.db import transaction
from django.utils import timezone

from guides.library import follows
from guides.library.follow_models import FollowScope, GuideFollow
from guides.library.models import GuideVersion
from tests.factories.portal import ContactFactory

TRANSLATED = ("title", "summary", "body", "body_html", "change_note")
CODES = ("tr", "en", "ru", "ky", "fa", "az")


class GuideFollowFactory(factory.django.DjangoModelFactory):
    """A contact following the whole guides topic, unless told (`scope`, `subtopic` or `guide`)."""

    class Meta:
        model = GuideFollow

    contact = factory.SubFactory(ContactFactory)
    scope = FollowScope.TOPIC


@transaction.atomic
def publish_guide_version(guide, change_note: str = "", by=None) -> GuideVersion:
    """What the library's publish service does: version number+1 copied from the guide with its change note, the
    guide at that version, its followers told in the same transaction."""
    guide.version += 1
    guide.change_note_en = change_note
    guide.published_at = timezone.now()
    guide.save()
    version = GuideVersion.objects.create(
        guide=guide,
        number=guide.version,
        published_at=guide.published_at,
        published_by=by,
        **{f"{name}_{code}": getattr(guide, f"{name}_{code}") for name in TRANSLATED for code in CODES},
    )
    follows.new_version_published(version)
    return version
