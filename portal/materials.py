"""Writes of promotional materials (posters, brochures, films): a kind of the review workflow (`portal.reviews`).
A working-group admin's material is published at once; a contact's material on a published project waits for the
working group's review (the review queue lists it); on a project not yet published it is a draft, published with
the project. What is shown to whom is `portal.selectors.materials_visible_to`."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal import reviews, selectors
from portal.models import Project, PromoMaterial, ReviewState
from portal.reviews import Refusals, ReviewedKind

MATERIALS = Refusals(
    may_not_report=gettext_lazy("Only agency contacts and working-group admins may add promotional materials."),
    not_yours=gettext_lazy("You may change only your own agency's promotional materials."),
    only_own_agency=gettext_lazy("You may change only your own agency's promotional materials."),
    choose_agency=gettext_lazy("Choose the agency the project belongs to."),
    only_admins_publish=gettext_lazy("Only working-group admins moderate promotional materials."),
)
# The mails about a material link to its project's page, where the contact sees it and its state.
MATERIAL_REVIEW = ReviewedKind(
    PromoMaterial, MATERIALS, edit_url=lambda material: material.project.get_absolute_url(), related=("project",)
)


@transaction.atomic
def add_material(user, project: Project, material: PromoMaterial) -> PromoMaterial:
    """Add `material` to `project` as `user`, who may change the project: published at once by a working-group
    admin, submitted for review by a contact when the project is published, else a draft published with it."""
    if not selectors.can_change(user, project):
        raise PermissionDenied(MATERIALS.not_yours)
    material.project = project
    material.agency_id = project.agency_id
    by_admin = reviews.may_decide(user, PromoMaterial)
    data = {"review_state": ReviewState.PUBLISHED} if by_admin else {}
    material = reviews.save_reported(user, material, data)
    if not by_admin and project.is_published:
        material = reviews.submit_reported(user, material)
    return material


@transaction.atomic
def change_material(user, material: PromoMaterial) -> PromoMaterial:
    """Save a change to `material` as `user`: a contact's change of a published file or link is reviewed again
    (submitted when its project is published, else a draft published with it); an admin's stays as it is."""
    by_admin = reviews.may_decide(user, PromoMaterial)
    material = reviews.save_reported(user, material)
    if not by_admin and material.project.is_published and material.may_be_submitted:
        material = reviews.submit_reported(user, material)
    return material


def publish_with_project(project: Project) -> int:
    """The project is published: so are its materials that were waiting (drafts and submitted ones; those sent
    back with a comment wait for a new submission)."""
    now = timezone.now()
    return PromoMaterial.objects.filter(
        project=project, review_state__in=(ReviewState.DRAFT, ReviewState.SUBMITTED)
    ).update(review_state=ReviewState.PUBLISHED, published_at=now, reviewed_at=now, updated_at=now)
