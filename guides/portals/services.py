"""Writes of the portals part: an agency's listings of its projects on the international portals, through the
review workflow every reported record follows (`portal.reviews`). A listing's agency is always its project's; a
contact lists only its own agency's projects and its listing goes to the working group for review at once; a
working-group admin's new listing is published at once."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guides.portals import selectors
from guides.portals.models import PortalListing
from portal import reviews
from portal import selectors as portal_selectors
from portal.models import ReviewState
from portal.reviews import Refusals, ReviewedKind

LISTINGS = Refusals(
    may_not_report=_("Only agency contacts and working-group admins may add portal listings."),
    not_yours=_("You may change only your own agency's portal listings."),
    only_own_agency=_("You may list only your own agency's projects."),
    choose_agency=_("Choose the project that is listed."),
    only_admins_publish=_("Only working-group admins publish portal listings."),
)

LISTING_REVIEW = ReviewedKind(
    PortalListing,
    LISTINGS,
    edit_url=lambda listing: reverse("guides:listing_edit", args=[listing.pk]),
    related=("portal", "project"),
)


def save_listing(user, listing: PortalListing, data: dict) -> PortalListing:
    """Create or update a listing (`portal.reviews.save_reported`). Its agency is its project's, so a contact of
    another agency is refused. A contact's new or changed listing goes to the working group for review (a change
    to a published one waits as its pending revision); a working-group admin's new listing is published at
    once."""
    if not selectors.may_list(user):
        raise PermissionDenied(LISTINGS.may_not_report)
    data = dict(data)
    data.pop("agency", None)
    admin = portal_selectors.is_working_group_admin(user)
    if not admin:
        data.pop("review_state", None)
        data.pop("demo", None)
    project = data.get("project", listing.project if listing.project_id else None)
    if project is not None:
        data["agency"] = project.agency
    elif listing.pk is None and not admin and (contact := portal_selectors.active_contact(user)):
        data["agency"] = contact.agency
    new = listing.pk is None
    if new and admin:
        data.setdefault("review_state", ReviewState.PUBLISHED)
    saved = reviews.save_reported(user, listing, data)
    if not admin and not reviews.kept_published(saved) and saved.may_be_submitted:
        saved = reviews.submit_reported(user, saved)
    return saved


def submit_listing(user, listing: PortalListing) -> PortalListing:
    return reviews.submit_reported(user, listing)


def publish_listing(user, listing: PortalListing) -> bool:
    return reviews.publish_reported(user, listing)
