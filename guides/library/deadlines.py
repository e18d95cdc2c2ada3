"""How guides feed the deadline registry: a published guide with a review-by date keeps a `guide.review` deadline,
23:59 that day in the guide's `review_tz`, addressed to the working group's editors — the agencies named in the
setting `GUIDES_EDITOR_AGENCIES` (slugs) and the guide's author agency. Clearing the date, unpublishing or deleting
the guide withdraws it; moving the date re-plans its alerts (the registry's rule). Its page is the guide's page,
without a language prefix."""

from django.conf import settings
from django.utils.translation import gettext

from guides.library.models import Guide
from portal.deadlines import DeadlineSpec, in_every_language, track
from portal.models import Agency, DeadlineKind, ReviewState


def guide_url(guide: Guide) -> str:
    """The guide's page, without a language prefix (the registry and the mails add one)."""
    return f"/guides/{guide.slug}/"


def _title(guide: Guide) -> str:
    """The title in the active language, e.g. “Review the guide: WSIS Prizes application guide”."""
    return gettext("Review the guide: %(title)s") % {"title": guide.title}


def editor_agency_ids(guide: Guide) -> tuple[int, ...]:
    """The agencies a guide's review is addressed to: the working group's editors (`GUIDES_EDITOR_AGENCIES`) and
    the guide's author agency, by primary key."""
    slugs = list(settings.GUIDES_EDITOR_AGENCIES)
    editors = set(Agency.objects.filter(slug__in=slugs).values_list("pk", flat=True)) if slugs else set()
    return tuple(sorted(editors | {guide.agency_id}))


def specs_for(guide: Guide) -> list[DeadlineSpec]:
    if guide.review_state != ReviewState.PUBLISHED or guide.review_by is None:
        return []
    return [
        DeadlineSpec(
            kind=DeadlineKind.GUIDE_REVIEW,
            due=guide.review_by,
            tz=guide.review_tz,
            titles=in_every_language(lambda: _title(guide)),
            url=guide_url(guide),
            agencies=editor_agency_ids(guide),
        )
    ]


def connect() -> None:
    """Keep the guides' review deadlines in sync with the guides (signals); called when the part is ready."""
    track(Guide, specs_for)
