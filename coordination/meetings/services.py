"""Writes of the meetings part: bodies, meetings and resolutions are the working group's records (the back-office);
progress notes are reported by the contacts of a resolution's responsible agencies and published by the working
group, through the review workflow every reported record follows (portal/reviews/)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.meetings import selectors
from coordination.meetings.models import NOT_RESPONSIBLE, ProgressNote
from portal import reviews
from portal import selectors as portal_selectors
from portal.reviews import Refusals, ReviewedKind

NOTES = Refusals(
    may_not_report=_("Only the contacts of a resolution's responsible agencies report progress on it."),
    not_yours=_("You may change only your own agency's progress notes."),
    only_own_agency=_("You may report progress only for your own agency."),
    choose_agency=_("Choose the responsible agency that reports the progress."),
    only_admins_publish=_("Only working-group admins publish progress notes."),
)
NOTE_REVIEW = ReviewedKind(
    ProgressNote,
    NOTES,
    edit_url=lambda note: reverse("coordination:progress_note_edit", args=[note.pk]),
    related=("resolution__meeting__body",),
)


def save_note(user, note: ProgressNote, data: dict) -> ProgressNote:
    """Create or update a progress note (`portal.reviews.save_reported`). A contact reports only on a resolution
    its agency is responsible for: another is refused before anything is written."""
    resolution = data.get("resolution") or (note.resolution if note.resolution_id else None)
    contact = portal_selectors.active_contact(user)
    if resolution is not None and contact is not None and not selectors.may_report_on(user, resolution):
        raise PermissionDenied(NOT_RESPONSIBLE)
    return reviews.save_reported(user, note, data)


def submit_note(user, note: ProgressNote) -> ProgressNote:
    return reviews.submit_reported(user, note)


def publish_note(user, note: ProgressNote) -> bool:
    """Publish a progress note (working-group admins). False when it was already published."""
    return reviews.publish_reported(user, note)
