"""The deadline registry: one row per dated obligation of any record, in its own time zone."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.contacts import validate_time_zone


class Topic(models.TextChoices):
    AWARDS = "awards", _("awards")
    FUNDS = "funds", _("funds")
    EVENTS = "events", _("events")
    GUIDES = "guides", _("guides")
    COORDINATION = "coordination", _("coordination")


class DeadlineKind(models.TextChoices):
    AWARD_NOMINATION_OPENS = "award.nomination_opens", _("nominations open")
    AWARD_NOMINATION = "award.nomination", _("nomination deadline")
    AWARD_VOTING = "award.voting", _("voting")
    AWARD_CEREMONY = "award.ceremony", _("award ceremony")
    AWARD_SUGGESTION = "award.suggestion", _("award your project could apply to")
    FUND_CALL_OPENS = "fund.call_opens", _("call opens")
    FUND_CALL = "fund.call", _("call deadline")
    FUND_SUGGESTION = "fund.suggestion", _("call your agency could apply to")
    EVENT_REGISTRATION = "event.registration", _("registration deadline")
    EVENT_PROPOSAL = "event.proposal", _("proposal deadline")
    EVENT_EXHIBITION = "event.exhibition", _("exhibition application deadline")
    EVENT_START = "event.start", _("event starts")
    GUIDE_REVIEW = "guide.review", _("guide review")
    CIRCULAR_REPLY = "circular.reply", _("reply to a circular letter")
    RESOLUTION_DUE = "resolution.due", _("resolution due")

    @property
    def topic(self) -> str:
        """The topic a kind belongs to, from its prefix."""
        return KIND_TOPICS[self.value.split(".", 1)[0]]

    @property
    def is_notice(self) -> bool:
        """A notice (a suggestion addressed to named agencies) is sent once, as soon as it exists, rather than
        on the contacts' lead-time ladder."""
        return self.value in NOTICE_KINDS


NOTICE_KINDS = frozenset({"award.suggestion", "fund.suggestion"})


KIND_TOPICS = {
    "award": Topic.AWARDS,
    "fund": Topic.FUNDS,
    "event": Topic.EVENTS,
    "guide": Topic.GUIDES,
    "circular": Topic.COORDINATION,
    "resolution": Topic.COORDINATION,
}


class Audience(models.TextChoices):
    SUBSCRIBERS = "subscribers", _("everyone subscribed to the topic")
    AGENCIES = "agencies", _("the named agencies")


class Deadline(models.Model):
    """A dated obligation: `due_at` is the instant, `tz` the zone it is announced in (23:59 there when only a
    date is known). Rows are written by the apps' `deadlines.py` through `portal.deadlines`, never by hand."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("source type"))
    object_id = models.PositiveBigIntegerField(_("source id"))
    source = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=40, choices=DeadlineKind.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    title = models.CharField(_("title"), max_length=255)
    due_at = models.DateTimeField(_("due"))
    tz = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    date_only = models.BooleanField(_("date only"), default=False)
    tentative = models.BooleanField(_("tentative"), default=False)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.SUBSCRIBERS)
    agencies = models.ManyToManyField("portal.Agency", verbose_name=_("agencies"), blank=True, related_name="+")
    url = models.CharField(_("page"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # Bumped on every change a calendar must show (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "kind"], name="deadline_one_per_source_kind")
        ]
        indexes = [
            models.Index(fields=["due_at"], name="deadline_open_by_due", condition=models.Q(withdrawn_at__isnull=True))
        ]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    def is_closed(self, now: dt.datetime | None = None) -> bool:
        """Withdrawn, or due by `now`: the registry's rule of "open" (`portal.deadline_selectors.open_deadlines`)
        on one row."""
        return self.withdrawn_at is not None or self.due_at <= (now or timezone.now())

    @property
    def closed(self) -> bool:
        return self.is_closed()

    def language_titles(self) -> dict[str, str]:
        return {code: getattr(self, f"title_{code}") or "" for code, _name in settings.LANGUAGES}
