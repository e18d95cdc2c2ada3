"""Readers who follow the guides (the topic, a sub-topic or one guide) and the mail each gets on a new version.

Who follows what is `GuideFollow`; who hears of a new version is `followers_of` (confirmed, approved, active
contacts whose alerts are not paused, following the topic, one of the guide's sub-topics or the guide); what each
was told is `GuideVersionNotice` (unique per contact and version: never twice for the same version).

Digest setting: the daily digest carries deadlines only (AlertDelivery rows), so a notice cannot ride in it. A
contact who reads "each alert at once" gets the notice now; one who chose the daily digest gets it as its own mail
at their digest hour (the outbox row waits until then, `not_before`), at most one per guide per day: a second
version of the same guide before that mail leaves is folded into it (the waiting mail is rendered again and names
every version it covers, with their change notes)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from guides.library.deadlines import guide_url
from guides.library.follow_models import FollowScope, GuideFollow, GuideVersionNotice
from guides.library.models import Guide, GuideVersion, Subtopic
from portal import dispatch
from portal.alerts import outbox
from portal.alerts.subscriptions import unsubscribe_token
from portal.links import page_url
from portal.mail import IN_PROCESS_SMTP_TIMEOUT, SEND_OUTBOX_TASK, render_mail
from portal.models import Contact, Delivery, DeliveryState, MailKind, OutboxMail, ReviewState, Subscription
from portal.selectors import active_contact

# --- Addresses (one place: the mails and the follow box link to the guide's pages) ---------------------------


def version_url(version: GuideVersion) -> str:
    """A version's own page, without a language prefix."""
    return f"{guide_url(version.guide)}v{version.number}/"


def difference_url(version: GuideVersion, since: int | None = None) -> str:
    """The difference between `version` and version `since` (the one before it unless told), without a language
    prefix."""
    since = version.number - 1 if since is None else since
    return f"{guide_url(version.guide)}compare/?from={max(since, 1)}&to={version.number}"


# --- Reads ---------------------------------------------------------------------------------------------------


def followable_guides() -> QuerySet:
    """The guides a contact may follow: the published ones (a draft is invisible to readers)."""
    return Guide.objects.filter(review_state=ReviewState.PUBLISHED)


def follows_matching(guide: Guide) -> Q:
    """The follows that cover `guide`: the topic, one of its sub-topics, or the guide itself."""
    return (
        Q(scope=FollowScope.TOPIC)
        | Q(scope=FollowScope.SUBTOPIC, subtopic__in=list(guide.subtopics or ()))
        | Q(scope=FollowScope.GUIDE, guide=guide)
    )


def followers_of(guide: Guide) -> QuerySet:
    """The contacts told of a new version of `guide`: confirmed, approved and active, alerts not paused (one-click
    unsubscribe pauses them), following it in any scope; each once, whatever the number of their follows."""
    following = GuideFollow.objects.filter(follows_matching(guide), contact=OuterRef("pk"))
    paused = Subscription.objects.filter(contact=OuterRef("pk"), paused_at__isnull=False)
    return (
        Contact.objects.filter(Exists(following), is_active=True, confirmed_at__isnull=False, approved_at__isnull=False)
        .exclude(Exists(paused))
        .select_related("subscription")
        .order_by("pk")
    )


def follows_of(contact: Contact) -> QuerySet:
    """The contact's own follows, the topic first, then sub-topics, then guides by title."""
    return (
        GuideFollow.objects.filter(contact=contact)
        .select_related("guide")
        .order_by("scope", "subtopic", "guide__title", "pk")
    )


def follow_state(user, guide: Guide) -> dict | None:
    """What the follow box shows `user` on `guide`'s page: its follow of the guide and of each of its sub-topics
    (None when not followed), and whether it follows the whole topic. None for anyone but an active contact."""
    contact = active_contact(user)
    if contact is None:
        return None
    rows = list(GuideFollow.objects.filter(follows_matching(guide), contact=contact))
    by_subtopic = {row.subtopic: row for row in rows if row.scope == FollowScope.SUBTOPIC}
    return {
        "contact": contact,
        "guide": next((row for row in rows if row.scope == FollowScope.GUIDE), None),
        "topic": next((row for row in rows if row.scope == FollowScope.TOPIC), None),
        "subtopics": [(code, Subtopic(code).label, by_subtopic.get(code)) for code in guide.subtopics or ()],
    }


# --- Writes --------------------------------------------------------------------------------------------------


def _follower(user) -> Contact:
    contact = active_contact(user)
    if contact is None:
        raise PermissionDenied(_("Only a confirmed contact of an agency may follow guides."))
    return contact


@transaction.atomic
def follow(user, scope: str, *, subtopic: str = "", guide: Guide | None = None) -> GuideFollow:
    """`user`'s contact follows the guides topic, a sub-topic or a published guide; following again is harmless."""
    contact = _follower(user)
    if scope == FollowScope.TOPIC:
        lookup = {}
    elif scope == FollowScope.SUBTOPIC:
        if subtopic not in Subtopic.values:
            raise ValidationError({"subtopic": _("Choose one of the sub-topics.")}, code="subtopic")
        lookup = {"subtopic": subtopic}
    elif scope == FollowScope.GUIDE:
        if guide is None or not followable_guides().filter(pk=guide.pk).exists():
            raise ValidationError({"guide": _("Choose a published guide.")}, code="guide")
        lookup = {"guide": guide}
    else:
        raise ValidationError({"scope": _("Choose what to follow.")}, code="scope")
    row, _created = GuideFollow.objects.get_or_create(contact=contact, scope=scope, **lookup)
    return row


@transaction.atomic
def unfollow(user, follow_id: int) -> bool:
    """`user`'s contact stops one of its own follows; another's follow is not found (False)."""
    contact = _follower(user)
    deleted, _rows = GuideFollow.objects.filter(pk=follow_id, contact=contact).delete()
    return bool(deleted)


# --- The mail of a new version -------------------------------------------------------------------------------


def _digest_slot(subscription: Subscription | None, now: dt.datetime, zone: ZoneInfo) -> dt.datetime | None:
    """When a daily-digest reader's notice leaves: their next digest hour (today's if it is still ahead and today's
    digest has not gone), in their zone; None for a reader of each alert at once."""
    if subscription is None or subscription.delivery != Delivery.DIGEST:
        return None
    local = now.astimezone(zone)
    today = dt.datetime.combine(local.date(), dt.time(subscription.digest_hour), tzinfo=zone)
    if local < today and subscription.last_digest_on != local.date():
        return today
    day = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(subscription.digest_hour), tzinfo=zone)


def _mail(contact: Contact, versions: list[GuideVersion]) -> tuple[str, str, str, dict]:
    """The notice to `contact` of `versions` (of one guide, newest first), in the contact's language."""
    newest = versions[0]
    language = contact.language
    with translation.override(language):
        context = {
            "contact": contact,
            "guide": newest.guide,
            "version": newest,
            "versions": versions,
            "guide_url": page_url(guide_url(newest.guide), language),
            "version_url": page_url(version_url(newest), language),
            "difference_url": page_url(difference_url(newest, versions[-1].number - 1), language),
            "following_url": settings.SITE_URL + reverse("guides:following"),
        }
    headers = {}
    subscription = getattr(contact, "subscription", None)
    if subscription is not None:
        unsubscribe = settings.SITE_URL + reverse(
            "alerts_unsubscribe", kwargs={"token": unsubscribe_token(subscription)}
        )
        headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        context["unsubscribe_url"] = unsubscribe
    subject, text, html = render_mail(MailKind.GUIDE_VERSION, context, language)
    return subject, text, html, headers


def _send_after_commit(ids: list[int]) -> None:
    dispatch.after_commit(
        SEND_OUTBOX_TASK, in_process=lambda: outbox.send_outbox(ids=ids, timeout=IN_PROCESS_SMTP_TIMEOUT)
    )


@transaction.atomic
def new_version_published(version) -> None:
    """`version` was just published: queue one mail to each contact who follows its guide (in the same transaction).
    Each contact once per version, in their language; daily-digest readers at their digest hour, one per guide a
    day (see the module's docstring)."""
    guide = version.guide
    if guide.review_state != ReviewState.PUBLISHED:
        return
    now = timezone.now()
    told = set(GuideVersionNotice.objects.filter(version=version).values_list("contact_id", flat=True))
    notices: list[GuideVersionNotice] = []
    ids: list[int] = []
    for contact in followers_of(guide).exclude(pk__in=told):
        subscription = getattr(contact, "subscription", None)
        zone = ZoneInfo(contact.time_zone)
        slot = _digest_slot(subscription, now, zone)
        day = (slot or now).astimezone(zone).date()
        if slot is not None:
            waiting = (
                GuideVersionNotice.objects.select_for_update(of=("self",))
                .filter(contact=contact, guide=guide, day=day, mail__isnull=False)
                .select_related("mail")
                .first()
            )
            if waiting is not None and waiting.mail.state == DeliveryState.PENDING:
                covered = list(
                    GuideVersion.objects.filter(notices__contact=contact, notices__day=day, guide=guide).exclude(
                        pk=version.pk
                    )
                )
                subject, text, html, _headers = _mail(contact, [version, *sorted(covered, key=lambda v: -v.number)])
                OutboxMail.objects.filter(pk=waiting.mail_id, state=DeliveryState.PENDING).update(
                    subject=subject, text=text, html=html
                )
                notices.append(GuideVersionNotice(contact=contact, version=version, guide=guide, day=day))
                continue
            if waiting is not None:  # that day's mail has left: the next slot
                slot += dt.timedelta(days=1)
                day = slot.astimezone(zone).date()
        subject, text, html, headers = _mail(contact, [version])
        [mail_id] = outbox.queue_mail(
            MailKind.GUIDE_VERSION, [contact.email], contact.language, subject, text, html, headers
        )
        if slot is not None:
            OutboxMail.objects.filter(pk=mail_id).update(not_before=slot)
        else:
            ids.append(mail_id)
        notices.append(GuideVersionNotice(contact=contact, version=version, guide=guide, day=day, mail_id=mail_id))
    GuideVersionNotice.objects.bulk_create(notices)
    if ids:
        _send_after_commit(ids)
