"""Writes of the materials part: the details an agency writes about its promotional materials (language, year,
lessons), through the shared review workflow, and the thumbnails' requests.

Why the review workflow of the details themselves, rather than resubmitting the material: the details are a
reviewed record of their own (`MaterialDetails`, its agency the material's, registered as a reviewed kind). A
contact's new details are submitted for review at once and shown in the gallery only once the working group
publishes them; a contact's change to published details waits as a pending revision in the review queue while the
published lessons stay as they were. Resubmitting the material instead (`portal.materials.change_material`) would
either take a published poster off the public pages while its lessons are read, or — a contact's change of a
published material being a pending revision of the material's own fields — leave the new lessons public before
anyone read them. Working-group admins' details are published at once."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy

from guides.materials import tasks
from guides.materials.models import MaterialDetails
from portal import reviews, selectors
from portal.languages import translated_fields
from portal.models import PromoMaterial, ReviewState
from portal.reviews import Refusals, ReviewedKind

DETAILS = Refusals(
    may_not_report=gettext_lazy("Only agency contacts and working-group admins write about promotional materials."),
    not_yours=gettext_lazy("You may write only about your own agency's promotional materials."),
    only_own_agency=gettext_lazy("You may write only about your own agency's promotional materials."),
    choose_agency=gettext_lazy("The details belong to the material's agency."),
    only_admins_publish=gettext_lazy("Only working-group admins publish what agencies write about their materials."),
)
DETAILS_REVIEW = ReviewedKind(
    MaterialDetails,
    DETAILS,
    edit_url=lambda details: reverse("guides:material_details", args=[details.material_id]),
    related=("material",),
)

# What a contact writes: the model fields `save_details` takes.
EDITABLE = ("language", "year", *translated_fields("lessons"))


@transaction.atomic
def save_details(user, material: PromoMaterial, data: dict) -> MaterialDetails:
    """Write the details of `material` as `user`, who may change the material (its agency's contact, or a
    working-group admin): an admin's are published at once; a contact's are submitted for review (new ones, or
    a draft or one sent back), or stored as a pending revision of the published ones. `data`: field → value,
    of `EDITABLE` only."""
    if not selectors.can_change(user, material):
        raise PermissionDenied(DETAILS.not_yours)
    data = {field: value for field, value in data.items() if field in EDITABLE}
    details = MaterialDetails.objects.filter(material=material).first()
    by_admin = reviews.may_decide(user, MaterialDetails)
    if details is None:
        details = MaterialDetails(material=material, agency_id=material.agency_id)
        if by_admin:
            data["review_state"] = ReviewState.PUBLISHED
    elif details.agency_id != material.agency_id:
        details.agency_id = material.agency_id  # the material moved with its project: its details follow
    details = reviews.save_reported(user, details, data)
    if not by_admin and not reviews.kept_published(details) and details.may_be_submitted:
        details = reviews.submit_reported(user, details)
    return details


def file_saved(source: str, owner) -> None:
    """A material's or an attachment's row was saved: its thumbnail is (re)made once the save commits, when
    its file has none made from it."""
    if owner.file or source == "material":
        tasks.enqueue(source, owner.pk)
