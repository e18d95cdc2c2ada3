"""Writes of the websites part: checking an agency's English website and publishing what the check decides on the
agency; the working group's on-demand checks; the address an agency's contact proposes, published to the agency
through the review workflow every reported record follows (portal/reviews/)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guides.websites import checker
from guides.websites.models import CheckOutcome, WebsiteCheck, WebsiteCheckRequest, WebsiteProposal
from portal import dispatch, reviews
from portal import selectors as portal_selectors
from portal.models import Agency, EnglishWebsiteState
from portal.reviews import Refusals, ReviewedKind

logger = logging.getLogger(__name__)

CHECK_REQUESTED_TASK = "guides.websites.tasks.check_requested_websites"


# --- Deciding the state ---------------------------------------------------------------------------------


def outdated_after() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "GUIDES_WEBSITE_OUTDATED_DAYS", 365)))


def is_english(tag: str) -> bool:
    return tag.strip().lower().replace("_", "-").split("-", 1)[0] == "en"


def page_language(fetched: checker.Fetched) -> str:
    """The page's language as it declares it: its `<html lang>` when it has one (the page's own word, which a
    server-wide `Content-Language` does not override), else the header's first English tag, else its first tag;
    "" when it declares none."""
    if fetched.html_lang:
        return fetched.html_lang
    tags = [tag.strip() for tag in fetched.content_language.split(",") if tag.strip()]
    return next((tag for tag in tags if is_english(tag)), tags[0] if tags else "")


def decide(fetched: checker.Fetched, now: dt.datetime) -> tuple[str, str]:
    """(outcome, state) of a fetch: current when it answers 200 in English (or declares no language) and was
    modified within `GUIDES_WEBSITE_OUTDATED_DAYS`; outdated when its Last-Modified is older; no English website
    (state none) when it is broken, not in English or refused."""
    if fetched.refused:
        return CheckOutcome.REFUSED, EnglishWebsiteState.NONE
    if fetched.error or fetched.status is None or not 200 <= fetched.status < 300:
        return CheckOutcome.BROKEN, EnglishWebsiteState.NONE
    language = page_language(fetched)
    if language and not is_english(language):
        return CheckOutcome.NOT_ENGLISH, EnglishWebsiteState.NONE
    if fetched.last_modified is not None and now - fetched.last_modified > outdated_after():
        return CheckOutcome.OK, EnglishWebsiteState.OUTDATED
    return CheckOutcome.OK, EnglishWebsiteState.CURRENT


def local_date(moment: dt.datetime) -> dt.date:
    """The day of `moment` in the portal's zone (an agency has no zone of its own)."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


# --- Checking ---------------------------------------------------------------------------------------------


def check_agency(agency: Agency, *, by=None, fetch=checker.fetch) -> WebsiteCheck | None:
    """Fetch the agency's English-website address (no transaction is held while the network answers), record
    the check and publish its state and date on the agency — unless the address changed meanwhile. None when the
    agency has no address."""
    url = agency.english_website_url
    if not url:
        return None
    fetched = fetch(url)
    now = timezone.now()
    outcome, state = decide(fetched, now)
    with transaction.atomic():
        check = WebsiteCheck.objects.create(
            agency=agency,
            url=url,
            checked_at=now,
            status=fetched.status,
            final_url=fetched.final_url[: WebsiteCheck._meta.get_field("final_url").max_length],
            html_lang=fetched.html_lang,
            content_language=fetched.content_language,
            last_modified=fetched.last_modified,
            outcome=outcome,
            state=state,
            error=fetched.error[:255],
            requested_by=by,
        )
        Agency.objects.filter(pk=agency.pk, english_website_url=url).update(
            english_website_state=state, english_website_checked_on=local_date(now)
        )
    return check


@dataclasses.dataclass
class Tally:
    checked: int = 0
    flagged: int = 0

    def add(self, check: WebsiteCheck | None) -> None:
        if check is not None:
            self.checked += 1
            self.flagged += check.flagged

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def check_all(*, fetch=checker.fetch) -> dict:
    """The weekly run: every agency with an English-website address, one after the other (each fetch ends by its
    own timeout). Requests for a check now are served by the same run."""
    tally = Tally()
    for agency in Agency.objects.exclude(english_website_url="").order_by("pk").iterator(chunk_size=200):
        tally.add(check_agency(agency, fetch=fetch))
    WebsiteCheckRequest.objects.all().delete()
    return tally.as_dict()


def check_requested(*, fetch=checker.fetch) -> dict:
    """The agencies a working-group admin asked to check now, each request removed once served."""
    tally = Tally()
    while True:
        request = WebsiteCheckRequest.objects.select_related("agency", "requested_by").order_by("pk").first()
        if request is None:
            break
        WebsiteCheckRequest.objects.filter(pk=request.pk).delete()  # served once, even if the fetch fails
        tally.add(check_agency(request.agency, by=request.requested_by, fetch=fetch))
    return tally.as_dict()


def request_checks(user, agencies) -> int:
    """Ask the worker to check these agencies' websites now (working-group admins): the requests are stored, the
    task is started once the transaction commits — a broker that is down leaves them for the next run, never an
    error. The number of agencies with an address to check."""
    if not portal_selectors.is_working_group_admin(user):
        raise PermissionDenied(_("Only working-group admins ask for a check."))
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for agency in agencies.exclude(english_website_url=""):
            WebsiteCheckRequest.objects.update_or_create(
                agency=agency, defaults={"requested_by": user, "requested_at": now}
            )
            count += 1
        if count:
            dispatch.after_commit(CHECK_REQUESTED_TASK)
    return count


# --- The address an agency's contact proposes ----------------------------------------------------------------

PROPOSALS = Refusals(
    may_not_report=_("Only an agency's contacts propose its English website."),
    not_yours=_("You may change only your own agency's English-website proposals."),
    only_own_agency=_("You may propose the English website of your own agency only."),
    choose_agency=_("Choose the agency whose English website this is."),
    only_admins_publish=_("Only working-group admins publish English-website addresses."),
)


def publish_to_agency(proposal: WebsiteProposal) -> None:
    """The published proposal becomes the agency's English-website address. A new address is not checked yet:
    its state waits for the next check (none until then)."""
    agency = Agency.objects.select_for_update().get(pk=proposal.agency_id)
    if agency.english_website_url == proposal.url:
        return
    agency.english_website_url = proposal.url
    agency.english_website_state = EnglishWebsiteState.NONE
    agency.english_website_checked_on = None
    agency.save(update_fields=["english_website_url", "english_website_state", "english_website_checked_on"])


@transaction.atomic
def save_proposal(user, proposal: WebsiteProposal, data: dict, m2m: dict | None = None) -> WebsiteProposal:
    """Create or change a proposal (`portal.reviews.save_reported`): a contact's own agency's only; a contact's
    change to a published one waits for review as its revision. A published proposal a working-group admin
    changes (or whose change it accepts) is published to the agency at once."""
    saved = reviews.save_reported(user, proposal, data, m2m=m2m)
    if saved.is_published and not reviews.kept_published(saved):
        publish_to_agency(saved)
    return saved


def _apply_accepted(user, proposal, fields, m2m, *, author=None):
    """An accepted change to a published proposal: saved as the admin, and the agency follows."""
    return save_proposal(user, proposal, fields, m2m)


def submit_proposal(user, proposal: WebsiteProposal) -> WebsiteProposal:
    return reviews.submit_reported(user, proposal)


def publish_proposal(user, proposal: WebsiteProposal) -> bool:
    """Publish a proposal (working-group admins): the agency's address becomes the proposed one."""
    return reviews.publish_reported(user, proposal)


PROPOSAL_REVIEW = ReviewedKind(
    WebsiteProposal,
    PROPOSALS,
    edit_url=lambda proposal: reverse("guides:website_proposal_edit", args=[proposal.pk]),
    on_publish=publish_to_agency,
    save=_apply_accepted,
)
