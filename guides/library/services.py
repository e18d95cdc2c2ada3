"""Writes of the library: an agency's contact proposes a guide (a draft of its own agency, submitted for review
through the shared workflow, `portal.reviews`) or a change to a published one (a pending revision); working-group
admins publish — every publication is a new numbered `GuideVersion`, a copy of the guide's title, summary, body and
change note in every language — and mark guides reviewed. Every write is one transaction; the followers of a guide
are told of each new version in it (`follows.new_version_published`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from guides.library import follows
from guides.library.models import Guide, GuideAttachment, GuideVersion
from portal import reviews
from portal import selectors as portal_selectors
from portal.models import ReviewState
from portal.reviews import Refusals, ReviewedKind

CODES = tuple(code for code, _name in settings.LANGUAGES)
# What a version copies from the guide, in every language.
VERSIONED = ("title", "summary", "body", "body_html", "change_note")
# What a change must touch for an admin's edit of a published guide to be a new version.
CONTENT = ("title", "summary", "body")

# The first segments of the guides area's other addresses, pages and API (/api/v1/guides/versions/…): never a
# guide's slug.
RESERVED_SLUGS = frozenset(
    {
        "propose",
        "english-websites",
        "portals",
        "materials",
        "listings",
        "versions",
        "attachments",
        "follow",
        "follows",
        "following",
        "feed",
    }
)

GUIDES = Refusals(
    may_not_report=_("Only agency contacts and working-group admins propose guides."),
    not_yours=_("You may change only your own agency's guides."),
    only_own_agency=_("You may propose guides only for your own agency."),
    choose_agency=_("Choose the author agency of the guide."),
    only_admins_publish=_("Only working-group admins publish guides."),
)


def versioned_values(source) -> dict:
    """The translated values a version copies (`title_tr`, `title_en`, … `change_note_az`)."""
    return {f"{name}_{code}": getattr(source, f"{name}_{code}", "") or "" for name in VERSIONED for code in CODES}


def _content_of(source) -> dict:
    return {f"{name}_{code}": (getattr(source, f"{name}_{code}", "") or "") for name in CONTENT for code in CODES}


def differs_from_current(guide: Guide) -> bool:
    """The guide's title, summary or body (any language) differs from its latest version (or it has none)."""
    latest = guide.versions.order_by("-number").first()
    return latest is None or _content_of(latest) != _content_of(guide)


def make_version(guide: Guide, by=None) -> GuideVersion:
    """Copy the guide as it is now into version `guide.version + 1`, make it the current one, clear the change note
    (the next change writes its own), release the attachments waiting for review, and tell the followers."""
    row = Guide.objects.select_for_update().get(pk=guide.pk)
    number = max(row.version, guide.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = GuideVersion.objects.create(
        guide=guide,
        number=number,
        published_at=timezone.now(),
        published_by=by if getattr(by, "is_authenticated", False) else None,
        **versioned_values(guide),
    )
    cleared = {f"change_note_{code}": "" for code in CODES}
    Guide.objects.filter(pk=guide.pk).update(version=number, change_note="", **cleared)
    guide.version = number
    guide.change_note = ""
    for field, value in cleared.items():
        setattr(guide, field, value)
    GuideAttachment.objects.filter(guide=guide, pending=True).update(pending=False)
    follows.new_version_published(version)
    return version


def _on_publish(guide: Guide) -> None:
    """The workflow published the guide (the review queue, the admin, `publish_guide`): its next version."""
    make_version(guide)


def _apply_revision(user, guide: Guide, fields: dict, m2m: dict, *, author=None) -> Guide:
    """An accepted revision: applied as the admin's edit, so it is published as a new version."""
    return save_guide(user, guide, fields)


GUIDE_REVIEW = ReviewedKind(
    Guide,
    GUIDES,
    edit_url=lambda guide: reverse("guides:guide_edit", args=[guide.slug]),
    on_publish=_on_publish,
    related=("agency",),
    save=_apply_revision,
)


def _unique_slug(guide: Guide) -> str:
    base = slugify(guide.title_en or guide.title_tr or guide.title or "")[:100] or "guide"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Guide.objects.filter(slug=slug).exclude(pk=guide.pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _attachment(guide: Guide, item, *, pending: bool) -> GuideAttachment:
    """An attachment from an uploaded file or a (title, file) pair; its content is checked like every upload."""
    title, file = item if isinstance(item, tuple) else ("", item)
    attachment = GuideAttachment(guide=guide, title=(title or Path(file.name).name)[:200], file=file, pending=pending)
    try:
        attachment.full_clean(exclude=["guide"])
    except ValidationError as exc:
        errors = exc.message_dict
        raise ValidationError({"attachments": errors.get("file") or [m for ms in errors.values() for m in ms]}) from exc
    return attachment


@transaction.atomic
def save_guide(user, guide: Guide, data: dict | None = None, *, attachments=()) -> Guide:
    """Create or change a guide as `user` (`portal.reviews.save_reported`): a contact's new guide is a draft of its
    own agency; a contact's change to a published guide waits as a pending revision (its attachments wait with it);
    a working-group admin's change to a published guide's title, summary or body is published at once as a new
    version. `attachments` (files or (title, file) pairs) are checked by content before anything is written."""
    data = dict(data or {})
    admin = portal_selectors.is_working_group_admin(user)
    was_published = (
        guide.pk is not None and Guide.objects.filter(pk=guide.pk, review_state=ReviewState.PUBLISHED).exists()
    )
    if not guide.slug and not data.get("slug"):
        for name, value in data.items():
            if name.startswith("title"):
                setattr(guide, name, value)
        data["slug"] = _unique_slug(guide)
    if data.get("slug") in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is taken by another page of the guides.")}, code="reserved")
    checked = [_attachment(guide, item, pending=was_published and not admin) for item in attachments]
    saved = reviews.save_reported(user, guide, data)
    for attachment in checked:
        attachment.guide = saved
        attachment.save()
    if admin and was_published and saved.is_published and differs_from_current(saved):
        make_version(saved, by=user)
    return saved


def submit_guide(user, guide: Guide) -> Guide:
    """A draft (or a guide sent back) goes to the working group for review."""
    return reviews.submit_reported(user, guide)


@transaction.atomic
def publish_guide(user, guide: Guide) -> GuideVersion | None:
    """Publish a guide as a new version ("publish as new version"): a draft or submitted guide is published through
    the workflow (its first or next version); a published guide whose title, summary or body differs from its
    current version gets a new one. None when nothing was left to publish."""
    if not reviews.may_decide(user, Guide):
        raise PermissionDenied(GUIDES.only_admins_publish)
    guide = Guide.objects.select_for_update().get(pk=guide.pk)
    if not guide.is_published:
        reviews.publish_reported(user, guide)
        version = guide.versions.order_by("-number").first()
        if version is not None and version.published_by_id is None:
            version.published_by = user
            version.save(update_fields=["published_by"])
        return version
    if not differs_from_current(guide) and not guide.attachments.filter(pending=True).exists():
        return None
    return make_version(guide, by=user)


@transaction.atomic
def mark_reviewed(user, guide: Guide, next_review_by: dt.date | None) -> Guide:
    """The working group checked the guide is still right: note when, and the next review-by date (a later day
    than today in the guide's zone, or none)."""
    if not reviews.may_decide(user, Guide):
        raise PermissionDenied(_("Only working-group admins mark guides reviewed."))
    row = Guide.objects.select_for_update().get(pk=guide.pk)
    now = timezone.now()
    today = now.astimezone(ZoneInfo(row.review_tz)).date()
    if next_review_by is not None and next_review_by <= today:
        raise ValidationError({"review_by": _("The next review-by date must be after today.")}, code="review_by_past")
    row.last_reviewed_at = now
    row.review_by = next_review_by
    row.save(update_fields=["last_reviewed_at", "review_by", "updated_at"])
    guide.last_reviewed_at, guide.review_by = row.last_reviewed_at, row.review_by
    return guide
