"""Circular letters: reusable distribution lists of agencies, the numbered letters an agency sends to them (seed
002: BTK to 22 ministries and presidencies about the WSIS Prizes), and one recipient row per addressed agency that
follows its acknowledgement and answer. The reply deadline is a local date (and optional local time) in the
circular's own IANA zone and feeds the deadline registry (`circular.reply`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.markdown import RenderedMarkdown
from portal.models.contacts import validate_time_zone
from portal.models.fields import LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT
from portal.uploads import validate_upload

__all__ = [
    "Circular",
    "CircularAttachment",
    "CircularRecipient",
    "CircularState",
    "CircularVisibility",
    "DistributionList",
    "RecipientState",
    "ReplyAttachment",
]


class DistributionList(models.Model):
    """A named, reusable group of agencies (“Ministries and presidencies”, cluster 14, a country's agencies). A
    circular copies its members when it is sent, so a later edit of the list does not rewrite history."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=SHORT_TEXT, blank=True)
    agencies = models.ManyToManyField(
        "portal.Agency", verbose_name=_("agencies"), blank=True, related_name="distribution_lists"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("distribution list")
        verbose_name_plural = _("distribution lists")

    def __str__(self):
        return self.name


class CircularVisibility(models.TextChoices):
    PUBLIC = "public", _("public: its text is on the site")
    ADDRESSEES = "addressees", _("addressees only")


class CircularState(models.TextChoices):
    """draft (being written, seen only in the back-office) → sent (recipient rows exist, mails queued) → withdrawn
    (its reply deadline and pending alerts cancelled; the letter stays in the record)."""

    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Circular(RenderedMarkdown, models.Model):
    """A numbered letter from one agency to the agencies of a distribution list, asking them to do something and
    to report back by a reply deadline."""

    reference = models.CharField(
        _("reference number"), max_length=80, help_text=_("The letter's number as the sender wrote it.")
    )
    dated_on = models.DateField(_("date of the letter"))
    sender = models.ForeignKey(
        "portal.Agency", verbose_name=_("sender agency"), on_delete=models.PROTECT, related_name="circulars_sent"
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact person's role"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("contact person's e-mail"), blank=True, help_text=_("Shown only to signed-in agency contacts.")
    )
    contact_phone = models.CharField(
        _("contact person's telephone"),
        max_length=40,
        blank=True,
        help_text=_("Shown only to signed-in agency contacts."),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), max_length=LONG_TEXT, blank=True, help_text=_("Markdown."))
    body_html = models.TextField(_("text (HTML)"), blank=True, default="", editable=False)
    requested_action = models.TextField(
        _("requested action"),
        max_length=MEDIUM_TEXT,
        blank=True,
        help_text=_("What each addressed agency is asked to do and report back."),
    )
    reply_due_on = models.DateField(
        _("reply deadline"), null=True, blank=True, help_text=_("23:59 that day in the circular's time zone.")
    )
    reply_due_time = models.TimeField(
        _("reply deadline time"), null=True, blank=True, help_text=_("Local time in the circular's time zone.")
    )
    tz = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Istanbul",
        validators=[validate_time_zone],
        help_text=_("The zone of the reply deadline (an IANA name such as Europe/Istanbul)."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=CircularVisibility.choices, default=CircularVisibility.ADDRESSEES
    )
    state = models.CharField(_("state"), max_length=20, choices=CircularState.choices, default=CircularState.DRAFT)
    distribution_list = models.ForeignKey(
        DistributionList,
        verbose_name=_("distribution list"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="circulars",
        help_text=_("Its agencies are copied onto the circular when it is sent."),
    )
    distribution_name = models.CharField(
        _("distribution"), max_length=200, blank=True, help_text=_("The list's name when the circular was sent.")
    )
    award_edition = models.ForeignKey(
        "awards.AwardEdition",
        verbose_name=_("award edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="circulars",
    )
    funding_call = models.ForeignKey(
        "funds.FundingCall",
        verbose_name=_("funding call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="circulars",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="circulars",
    )
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    markdown_fields = ("body",)

    class Meta:
        ordering = ["-dated_on", "-pk"]
        verbose_name = _("circular letter")
        verbose_name_plural = _("circular letters")
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "reference"],
                name="circular_reference_unique_per_sender",
                violation_error_message=_("This agency already has a circular with this reference number."),
            ),
            models.CheckConstraint(
                condition=models.Q(reply_due_time__isnull=True) | models.Q(reply_due_on__isnull=False),
                name="circular_reply_time_needs_a_date",
                violation_error_message=_("Give the reply deadline's date with its time."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.subject}"

    @property
    def is_public(self) -> bool:
        return self.visibility == CircularVisibility.PUBLIC

    @property
    def is_sent(self) -> bool:
        return self.state == CircularState.SENT

    @property
    def reply_due_at(self):
        """The reply deadline as an aware instant (a date alone: 23:59 that day in the circular's zone), or None."""
        from portal.deadlines import local_due_at

        return local_due_at(self.reply_due_on, self.reply_due_time, self.tz)


class CircularAttachment(models.Model):
    """A file sent with the circular (seed 002: the ITU letter)."""

    circular = models.ForeignKey(
        Circular, verbose_name=_("circular letter"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="circulars/%Y/", validators=[validate_upload])
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class RecipientState(models.TextChoices):
    """pending → acknowledged → answered (or nothing to report). Answering without acknowledging first is fine."""

    PENDING = "pending", _("pending")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    ANSWERED = "answered", _("answered")
    NOTHING_TO_REPORT = "nothing_to_report", _("nothing to report")


# States in which the agency has answered: no reminder is due any more.
ANSWERED_STATES = (RecipientState.ANSWERED, RecipientState.NOTHING_TO_REPORT)


class CircularRecipient(models.Model):
    """One addressed agency of a sent circular, and its acknowledgement and answer (who and when). An answer after
    the reply deadline is marked late. The answer goes to the sender and the working group; it is never public."""

    circular = models.ForeignKey(
        Circular, verbose_name=_("circular letter"), on_delete=models.CASCADE, related_name="recipients"
    )
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="circulars_received"
    )
    state = models.CharField(_("state"), max_length=20, choices=RecipientState.choices, default=RecipientState.PENDING)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(_("answer"), max_length=LONG_TEXT, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    late = models.BooleanField(_("late"), default=False, help_text=_("Answered after the reply deadline."))
    applications = models.ManyToManyField(
        "awards.AwardApplication",
        verbose_name=_("award applications"),
        blank=True,
        related_name="circular_answers",
        help_text=_("The applications the agency made, when the circular is about an award edition."),
    )
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["circular", "agency__slug"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(fields=["circular", "agency"], name="circular_recipient_once_per_agency"),
            models.CheckConstraint(
                condition=~models.Q(state__in=list(ANSWERED_STATES)) | models.Q(answered_at__isnull=False),
                name="circular_recipient_answered_has_a_time",
            ),
        ]

    def __str__(self):
        return f"{self.circular.reference} → {self.agency}"

    @property
    def has_answered(self) -> bool:
        return self.state in ANSWERED_STATES


class ReplyAttachment(models.Model):
    """A file an addressed agency sends with its answer."""

    recipient = models.ForeignKey(
        CircularRecipient, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="circular-replies/%Y/", validators=[validate_upload])
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer attachment")
        verbose_name_plural = _("answer attachments")

    def __str__(self):
        return self.title
