"""Alerts: what each contact wants to hear of, and one row per alert planned, sent or given up."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.deadlines import Topic
from portal.models.fields import ChoiceListField

DEFAULT_LEAD_DAYS = (30, 7, 1)
MAX_LEAD_DAYS = 90


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


def validate_topics(value) -> None:
    unknown = sorted(set(value) - set(Topic.values))
    if unknown:
        raise ValidationError(_("Unknown topic: %(topics)s."), code="topic", params={"topics": ", ".join(unknown)})


class TopicsField(ChoiceListField):
    """A set of topics, stored as their codes separated by commas (“awards,funds”) so that a plain
    `topics__contains="funds"` finds the subscribers of a topic on every database (no code contains another)."""

    def __init__(self, *args, **kwargs):
        kwargs["codes"] = Topic.choices
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["codes"]
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        validate_topics(value)


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("each alert at once")
    DIGEST = "digest", _("one daily digest")
    WEEKLY = "weekly", _("one weekly digest, on Mondays")


class Subscription(models.Model):
    """A confirmed contact's alert settings. Language and time zone are the contact's own."""

    contact = models.OneToOneField(
        "portal.Contact", verbose_name=_("contact"), on_delete=models.CASCADE, related_name="subscription"
    )
    topics = TopicsField(_("topics"), blank=True, default=list)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=8,
        validators=[MaxValueValidator(23)],
        help_text=_("Local hour (0–23) at which the daily or weekly digest is sent."),
    )
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)
    # The day (in the contact's zone) of the last digest sent: at most one digest a day (a week for the weekly one).
    last_digest_on = models.DateField(_("last digest"), null=True, blank=True)
    calendar_token = models.CharField(
        _("calendar token"), max_length=64, unique=True, null=True, blank=True, default=new_calendar_token
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["contact__agency__slug", "contact__name"]

    def __str__(self):
        return str(self.contact)

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def lead_days(self) -> list[int]:
        """Lead times, most distant first (uses the prefetched rows when there are some)."""
        return sorted((lead.days for lead in self.leads.all()), reverse=True)


class SubscriptionLead(models.Model):
    """One lead time of a subscription: an alert opens this many calendar days before a deadline."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="leads")
    days = models.PositiveSmallIntegerField(_("days before"), validators=[MaxValueValidator(MAX_LEAD_DAYS)])

    class Meta:
        verbose_name = _("lead time")
        verbose_name_plural = _("lead times")
        ordering = ["-days"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "days"], name="subscription_lead_unique"),
            models.CheckConstraint(condition=models.Q(days__lte=MAX_LEAD_DAYS), name="subscription_lead_range"),
        ]

    def __str__(self):
        return str(self.days)


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    CANCELLED = "cancelled", _("cancelled")


class AlertDelivery(models.Model):
    """One alert: `contact` hears of `deadline` `lead_days` before it, for the deadline as it stood
    (`due_at`). Rows are inserted by the planner only; the unique key makes planning twice harmless."""

    contact = models.ForeignKey(
        "portal.Contact", verbose_name=_("contact"), on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    deadline = models.ForeignKey(
        "portal.Deadline", verbose_name=_("deadline"), on_delete=models.CASCADE, related_name="deliveries"
    )
    lead_days = models.PositiveSmallIntegerField(_("lead time (days)"))
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("error"), blank=True, default="")
    planned_at = models.DateTimeField(_("planned"))
    # Not sent before this instant: the next daily digest, or the end of a retry's backoff.
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, default="")
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        ordering = ["-planned_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "deadline", "lead_days", "due_at"], name="alert_delivery_once_per_window"
            ),
            models.CheckConstraint(condition=models.Q(lead_days__lte=MAX_LEAD_DAYS), name="alert_delivery_lead_range"),
        ]
        indexes = [
            models.Index(
                fields=["state", "claimed_at"],
                name="alert_delivery_open",
                condition=models.Q(state__in=["pending", "sending"]),
            ),
            models.Index(fields=["deadline", "state"], name="alert_delivery_by_deadline"),
        ]

    def __str__(self):
        return f"{self.contact} – {self.deadline} ({self.lead_days})"


class PlanningRun(models.Model):
    """The last planning run (one row): its age is reported by /healthz."""

    finished_at = models.DateTimeField()
    planned = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    reaped = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("planning run")
        verbose_name_plural = _("planning runs")

    def __str__(self):
        return self.finished_at.isoformat()


__all__ = [
    "DEFAULT_LEAD_DAYS",
    "MAX_LEAD_DAYS",
    "AlertDelivery",
    "Delivery",
    "DeliveryState",
    "PlanningRun",
    "Subscription",
    "SubscriptionLead",
]
