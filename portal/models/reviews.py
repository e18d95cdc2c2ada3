"""Records an agency reports and the working group reviews (projects, award applications, grants received, event
participations…): one review state and one abstract model. The workflow itself is `portal.reviews`."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.contacts import validate_time_zone
from portal.models.fields import SHORT_TEXT


class ReviewState(models.TextChoices):
    """draft → submitted → published, or sent back with a comment (changes requested) and submitted again."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for review")
    PUBLISHED = "published", _("published")
    CHANGES_REQUESTED = "changes_requested", _("changes requested")


class ReviewedRecord(models.Model):
    """A record an agency reports and the working group publishes or sends back with a comment. Who may change it
    is `portal.selectors.can_change` (its `agency`); the steps are `portal.reviews`. A concrete model may redeclare
    `agency` for its own related name and label."""

    agency = models.ForeignKey("portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    review_state = models.CharField(
        _("review state"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    review_comment = models.TextField(
        _("working group's comment"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=_("What should change, when the record was sent back."),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.review_state == ReviewState.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.review_state == ReviewState.DRAFT

    @property
    def may_be_submitted(self) -> bool:
        """A draft, or a record sent back with a comment, goes to the working group."""
        return self.review_state in (ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED)

    @property
    def awaits_review(self) -> bool:
        return self.review_state == ReviewState.SUBMITTED


class ReportedRecord(ReviewedRecord):
    """A reported record about one of the agency's projects (its own or a partner's), when it names one."""

    project = models.ForeignKey(
        "portal.Project", verbose_name=_("project"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class ReviewNotice(models.TextChoices):
    EACH = "each", _("one mail for each submission")
    DIGEST = "digest", _("one daily digest")
    NONE = "none", _("no mail")


class ReviewerSettings(models.Model):
    """How a working-group admin hears of records submitted for review, in which language and time zone (an admin
    has no contact record of its own). Without a row: one mail per submission, in the portal's language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="review_settings"
    )
    notice = models.CharField(
        _("new submissions"), max_length=10, choices=ReviewNotice.choices, default=ReviewNotice.EACH
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=8,
        validators=[MaxValueValidator(23)],
        help_text=_("Local hour (0–23) at which the daily digest is sent."),
    )
    # The last digest sent: the next one lists what was submitted since, at most one a local day.
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewer's settings")
        verbose_name_plural = _("reviewers' settings")

    def __str__(self):
        return str(self.user)
