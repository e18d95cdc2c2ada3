"""The library's sections on other areas' pages: an award edition's application guide (a published guide of kind
application guide linked to the edition, else to its programme), with a warning when the guide's current version
was published before the edition's call opened (its nominations opened, 00:00 that day in the edition's zone)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.utils import translation

from guides.library.deadlines import guide_url
from guides.library.models import Guide, GuideKind, GuideVersion
from portal.models import ReviewState
from portal.sections import Section, edition_section


def application_guide(edition) -> Guide | None:
    """The edition's application guide: a published one linked to the edition, else one linked to its programme
    (without another edition); the most recently published first. `current_published_at`: when its current version
    was published."""
    current = GuideVersion.objects.filter(guide=OuterRef("pk"), number=OuterRef("version")).values("published_at")
    guides = (
        Guide.objects.filter(review_state=ReviewState.PUBLISHED, kind=GuideKind.APPLICATION_GUIDE)
        .filter(Q(award_edition=edition) | Q(award_edition__isnull=True, award_programme_id=edition.programme_id))
        .annotate(current_published_at=Subquery(current[:1]))
    )
    own_first = Case(When(award_edition=edition, then=Value(0)), default=Value(1))
    return guides.order_by(own_first, F("current_published_at").desc(nulls_last=True), "pk").first()


def call_opened_at(edition) -> dt.datetime | None:
    """When the edition's call opened: 00:00 of its nominations' opening day in the edition's zone."""
    if edition.nomination_opens is None:
        return None
    return dt.datetime.combine(edition.nomination_opens, dt.time(0, 0), tzinfo=ZoneInfo(edition.tz))


def is_older_than_call(guide: Guide, edition) -> bool:
    """The guide's current version was published before the edition's call opened."""
    opened = call_opened_at(edition)
    return opened is not None and guide.current_published_at is not None and guide.current_published_at < opened


@edition_section
def edition_guide(request, edition) -> Section | None:
    guide = application_guide(edition)
    if guide is None:
        return None
    return Section(
        "guides/library/edition_guide.html",
        {
            "guide": guide,
            "url": f"/{translation.get_language()}{guide_url(guide)}",
            "older_than_call": is_older_than_call(guide, edition),
            "call_opened": edition.nomination_opens,
        },
    )
