"""Readers who follow the library: a contact follows the whole guides topic, one sub-topic or one guide, and is
told once of each new version of a guide they follow (`GuideVersionNotice`, unique per contact and version)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guides.library.models import Guide, GuideVersion, Subtopic

__all__ = ["FollowScope", "GuideFollow", "GuideVersionNotice"]


class FollowScope(models.TextChoices):
    TOPIC = "topic", _("every guide")
    SUBTOPIC = "subtopic", _("a sub-topic")
    GUIDE = "guide", _("one guide")


class GuideFollow(models.Model):
    """A contact follows the guides topic, one sub-topic (`subtopic`) or one guide (`guide`): once per scope."""

    contact = models.ForeignKey(
        "portal.Contact", verbose_name=_("contact"), on_delete=models.CASCADE, related_name="guide_follows"
    )
    scope = models.CharField(_("follows"), max_length=10, choices=FollowScope.choices)
    subtopic = models.CharField(_("sub-topic"), max_length=20, choices=Subtopic.choices, blank=True, default="")
    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["contact", "scope", "subtopic", "guide", "pk"]
        verbose_name = _("guide follow")
        verbose_name_plural = _("guide follows")
        constraints = [
            models.CheckConstraint(
                name="guide_follow_scope_fields",
                condition=(
                    Q(scope=FollowScope.TOPIC, subtopic="", guide__isnull=True)
                    | (Q(scope=FollowScope.SUBTOPIC, guide__isnull=True) & ~Q(subtopic=""))
                    | Q(scope=FollowScope.GUIDE, subtopic="", guide__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                fields=["contact"], condition=Q(scope=FollowScope.TOPIC), name="guide_follow_topic_once"
            ),
            models.UniqueConstraint(
                fields=["contact", "subtopic"],
                condition=Q(scope=FollowScope.SUBTOPIC),
                name="guide_follow_subtopic_once",
            ),
            models.UniqueConstraint(
                fields=["contact", "guide"], condition=Q(scope=FollowScope.GUIDE), name="guide_follow_guide_once"
            ),
        ]

    def __str__(self):
        if self.scope == FollowScope.GUIDE:
            return str(self.guide)
        if self.scope == FollowScope.SUBTOPIC:
            return str(Subtopic(self.subtopic).label)
        return str(FollowScope.TOPIC.label)


class GuideVersionNotice(models.Model):
    """`contact` was told of `version` (or, for a daily-digest reader, the notice was folded into the one already
    queued that day for the same guide: `mail` is then empty). Unique: never twice for the same version."""

    contact = models.ForeignKey(
        "portal.Contact", verbose_name=_("contact"), on_delete=models.CASCADE, related_name="guide_notices"
    )
    version = models.ForeignKey(
        GuideVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="notices"
    )
    guide = models.ForeignKey(Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="+")
    # The contact's local day it goes out on (their digest day): at most one mail per guide per day for digests.
    day = models.DateField(_("day"))
    mail = models.ForeignKey(
        "portal.OutboxMail",
        verbose_name=_("mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("new-version notice")
        verbose_name_plural = _("new-version notices")
        constraints = [models.UniqueConstraint(fields=["contact", "version"], name="guide_notice_once_per_version")]
        indexes = [models.Index(fields=["contact", "guide", "day"], name="guide_notice_day")]

    def __str__(self):
        return f"{self.version} → {self.contact}"
