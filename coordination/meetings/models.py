"""Coordination bodies (councils, working groups, clusters such as cluster 14 of Iran's e-government roadmap) with
their member agencies; their meetings, each on a local date (and optional local time) in its own IANA zone, with the
attending agencies, the agenda and the minutes; the resolutions taken there, each with its responsible agencies and
an optional due date in its own zone that feeds the deadline registry (`resolution.due`); and the progress notes the
responsible agencies' contacts report on a resolution, reviewed by the working group like every reported record."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.markdown import RenderedMarkdown
from portal.models.contacts import validate_time_zone
from portal.models.fields import LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT
from portal.models.reviews import ReviewedRecord
from portal.uploads import validate_upload

__all__ = [
    "Body",
    "BodyKind",
    "Meeting",
    "MeetingAttachment",
    "ProgressNote",
    "Resolution",
    "ResolutionState",
]


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("council")
    WORKING_GROUP = "working_group", _("working group")
    CLUSTER = "cluster", _("cluster")
    COMMITTEE = "committee", _("committee")


class Body(models.Model):
    """A standing coordination body and the agencies that are its members."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    description = models.TextField(_("description"), max_length=MEDIUM_TEXT, blank=True)
    convener = models.ForeignKey(
        "portal.Agency",
        verbose_name=_("convening agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies_convened",
    )
    members = models.ManyToManyField(
        "portal.Agency", verbose_name=_("member agencies"), blank=True, related_name="bodies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("The body this one belongs to (a cluster of a roadmap's working groups)."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("coordination body")
        verbose_name_plural = _("coordination bodies")

    def __str__(self):
        return self.name


class Meeting(RenderedMarkdown, models.Model):
    """A meeting of a body: a local date (and optional local time) in its own zone, a place or an online link (or
    both), the agencies that attended, the agenda and the minutes (Markdown)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("The meeting's number in the body's series (1 for the first).")
    )
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True, help_text=_("Local time, when known."))
    tz = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Istanbul",
        validators=[validate_time_zone],
        help_text=_("The zone of the meeting's place (an IANA name such as Asia/Tehran)."),
    )
    date_is_approximate = models.BooleanField(
        _("approximate date"), default=False, help_text=_("The sources do not give the exact date.")
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    attendees = models.ManyToManyField(
        "portal.Agency", verbose_name=_("attending agencies"), blank=True, related_name="meetings_attended"
    )
    agenda = models.TextField(_("agenda"), max_length=MEDIUM_TEXT, blank=True, help_text=_("One item a line."))
    minutes = models.TextField(_("minutes"), max_length=LONG_TEXT, blank=True, help_text=_("Markdown."))
    minutes_html = models.TextField(_("minutes (HTML)"), blank=True, default="", editable=False)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    markdown_fields = ("minutes",)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["held_on"], name="meeting_held_on")]

    def __str__(self):
        return f"{self.body} — {self.title}"

    def starts_at(self) -> dt.datetime:
        """The meeting's first instant in its zone (its start time, else the start of its day)."""
        return dt.datetime.combine(self.held_on, self.start_time or dt.time(0, 0), tzinfo=ZoneInfo(self.tz))

    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class MeetingAttachment(models.Model):
    """A file of the meeting's minutes (the signed minutes, a presentation)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="meetings/%Y/", validators=[validate_upload])
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class ResolutionState(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


# States in which a resolution is still to be carried out: its due date stands and it can be overdue.
PENDING_STATES = (ResolutionState.OPEN, ResolutionState.IN_PROGRESS)


class Resolution(models.Model):
    """A decision of a meeting: its number there, its text, the agencies responsible for carrying it out and, when
    one was set, its due date (23:59 that day in the resolution's zone, unless a time is given)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="resolutions"
    )
    number = models.CharField(_("number"), max_length=40, help_text=_("As the minutes number it (1, 2, 14/3…)."))
    text = models.TextField(_("text"), max_length=MEDIUM_TEXT)
    responsible = models.ManyToManyField(
        "portal.Agency", verbose_name=_("responsible agencies"), blank=True, related_name="resolutions"
    )
    due_on = models.DateField(_("due date"), null=True, blank=True, help_text=_("23:59 that day in its time zone."))
    due_time = models.TimeField(_("due time"), null=True, blank=True, help_text=_("Local time in its time zone."))
    tz = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Istanbul",
        validators=[validate_time_zone],
        help_text=_("The zone of the due date (an IANA name such as Asia/Tehran)."),
    )
    state = models.CharField(_("state"), max_length=20, choices=ResolutionState.choices, default=ResolutionState.OPEN)
    state_note = models.TextField(
        _("note on the state"), max_length=SHORT_TEXT, blank=True, help_text=_("Why it was done, dropped or is late.")
    )
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="resolution_number_unique_per_meeting",
                violation_error_message=_("This meeting already has a resolution with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(due_time__isnull=True) | models.Q(due_on__isnull=False),
                name="resolution_due_time_needs_a_date",
                violation_error_message=_("Give the due date with its time."),
            ),
        ]
        indexes = [models.Index(fields=["state", "due_on"], name="resolution_state_due")]

    def __str__(self):
        return _("Resolution %(number)s of %(meeting)s") % {"number": self.number, "meeting": self.meeting.title}

    @property
    def due_at(self) -> dt.datetime | None:
        """The due date as an aware instant (a date alone: 23:59 that day in the resolution's zone), or None."""
        from portal.deadlines import local_due_at

        return local_due_at(self.due_on, self.due_time, self.tz)

    @property
    def is_pending(self) -> bool:
        return self.state in PENDING_STATES

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        """Still open or in progress after its due instant in its own zone."""
        from django.utils import timezone

        due_at = self.due_at
        return self.is_pending and due_at is not None and due_at < (now or timezone.now())


class ProgressNote(ReviewedRecord):
    """What a responsible agency reports of its progress on a resolution, public once the working group
    publishes it."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="resolution_notes"
    )
    resolution = models.ForeignKey(
        Resolution, verbose_name=_("resolution"), on_delete=models.CASCADE, related_name="progress_notes"
    )
    text = models.TextField(
        _("progress"), max_length=MEDIUM_TEXT, blank=True, help_text=_("What was done, what is left.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("resolution progress note")
        verbose_name_plural = _("resolution progress notes")
        indexes = [models.Index(fields=["resolution", "review_state"], name="progress_note_resolution")]

    def __str__(self):
        return _("%(agency)s on resolution %(number)s") % {"agency": self.agency, "number": self.resolution.number}

    def clean(self):
        super().clean()
        from portal.languages import CODES

        errors = {}
        if not any(getattr(self, f"text_{code}", "") for code in CODES):
            # On a field every form and the API have: the bare `text` is none of theirs.
            errors["text_en"] = _("Say what progress was made, in one language at least.")
        if self.resolution_id and self.agency_id and not self.resolution.responsible.filter(pk=self.agency_id).exists():
            errors["resolution"] = NOT_RESPONSIBLE
        if errors:
            raise ValidationError(errors)


NOT_RESPONSIBLE = _("Only the agencies responsible for a resolution report progress on it.")
