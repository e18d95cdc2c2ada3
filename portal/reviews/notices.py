"""How working-group admins hear of records submitted for review: one mail per submission, or one daily digest
at their chosen local hour listing what waits, or no mail (their `ReviewerSettings`)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from portal import selectors
from portal.mail import send_templated
from portal.models import ReviewedRecord, ReviewerSettings, ReviewNotice
from portal.reviews.kinds import kind_of
from portal.reviews.selectors import waiting, waiting_counts

DIGEST_LINES = 50  # records listed in a digest; the queue page has the rest


def settings_of(user) -> ReviewerSettings:
    """The admin's settings, or the defaults (unsaved): one mail per submission, in the language of the admin's
    contact record if it has one, else the portal's."""
    try:
        found = user.review_settings
    except ReviewerSettings.DoesNotExist:
        found = None
    if found is not None:
        return found
    contact = getattr(user, "contact", None)
    return ReviewerSettings(
        user=user,
        language=getattr(contact, "language", settings.LANGUAGE_CODE),
        time_zone=getattr(contact, "time_zone", settings.TIME_ZONE),
    )


def reviewers():
    """The working-group admins who may be told: active staff with an address, superusers or in the group."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    users = users.filter(Q(is_superuser=True) | Q(groups__name=selectors.ADMIN_GROUP)).distinct()
    return users.select_related("review_settings", "contact").order_by("pk")


def _queue_url(language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("review_queue")


def tell_each(record: ReviewedRecord) -> int:
    """One mail about `record` to each reviewer who asked for one per submission and may decide on it."""
    kind = kind_of(record)
    opts = kind.model._meta
    sent = 0
    for user in reviewers():
        prefs = settings_of(user)
        if prefs.notice != ReviewNotice.EACH or not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        send_templated(
            "review_submitted",
            {"record": record, "kind": opts.verbose_name, "url": _queue_url(prefs.language)},
            [user.email],
            prefs.language,
        )
        sent += 1
    return sent


def _due(prefs: ReviewerSettings, now: dt.datetime) -> bool:
    """The digest hour has come in the reviewer's zone, and no digest went out that local day."""
    zone = ZoneInfo(prefs.time_zone)
    local = now.astimezone(zone)
    if local.hour < prefs.digest_hour:
        return False
    return prefs.last_digest_at is None or prefs.last_digest_at.astimezone(zone).date() < local.date()


def send_digests(now: dt.datetime | None = None) -> int:
    """The daily digests that are due: to each reviewer who chose one, when something was submitted since the
    last, listing everything that waits (the new submissions first counted). Returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for user in reviewers().filter(review_settings__notice=ReviewNotice.DIGEST):
        if not _due(user.review_settings, now):
            continue
        with transaction.atomic():
            prefs = (
                ReviewerSettings.objects.select_for_update(skip_locked=True)
                .filter(pk=user.review_settings.pk, notice=ReviewNotice.DIGEST)
                .first()
            )
            if prefs is None or not _due(prefs, now):
                continue  # another worker took it, or it changed meanwhile
            new = [count for count in waiting_counts(prefs.last_digest_at) if count.count]
            if not new:
                continue
            records = []
            for count in waiting_counts():
                records += [(count.kind, record) for record in waiting(count.kind)[:DIGEST_LINES]]
            records.sort(key=lambda pair: (pair[1].submitted_at, pair[1].pk))
            send_templated(
                "review_digest",
                {
                    "new": new,
                    "new_total": sum(count.count for count in new),
                    "records": records[:DIGEST_LINES],
                    "url": _queue_url(prefs.language),
                },
                [user.email],
                prefs.language,
            )
            prefs.last_digest_at = now
            prefs.save(update_fields=["last_digest_at"])
            queued += 1
    return queued


@transaction.atomic
def save_settings(user, *, notice: str, language: str, time_zone: str, digest_hour: int) -> ReviewerSettings:
    """Save how a working-group admin hears of new submissions (the model's rules check the values)."""
    if not selectors.is_working_group_admin(user):
        raise PermissionDenied
    prefs, _created = ReviewerSettings.objects.select_for_update().get_or_create(user=user)
    prefs.notice, prefs.language, prefs.time_zone, prefs.digest_hour = notice, language, time_zone, digest_hour
    prefs.full_clean()
    prefs.save()
    return prefs
