"""International events where agencies can show their projects (fairs, conferences, forums, workshops…), their
deadlines in the event's own zone, and the agencies' participations with what they learned."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from portal.models.contacts import validate_time_zone
from portal.models.fields import LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT, ChoiceListField
from portal.models.projects import NOT_THE_AGENCYS_PROJECT
from portal.models.reviews import ReportedRecord


class EventKind(models.TextChoices):
    FAIR = "fair", _("fair")
    CONFERENCE = "conference", _("conference")
    FORUM = "forum", _("forum")
    WORKSHOP = "workshop", _("workshop")
    BARCAMP = "barcamp", _("barcamp")
    HACKATHON = "hackathon", _("hackathon")
    CAMP = "camp", _("camp")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("planned (dates not confirmed)")
    CONFIRMED = "confirmed", _("confirmed")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    HYBRID = "hybrid", _("in person and online")
    ONLINE = "online", _("online")


# The languages an event is held in: the UN's six, the portal's and the region's. No code is part of another, so
# `languages__contains="en"` finds one (ChoiceListField). Names come from Django's own translated catalogue.
EVENT_LANGUAGES = [
    ("ar", _("Arabic")),
    ("az", _("Azerbaijani")),
    ("de", _("German")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fa", _("Persian")),
    ("fr", _("French")),
    ("it", _("Italian")),
    ("ja", _("Japanese")),
    ("kk", _("Kazakh")),
    ("ko", _("Korean")),
    ("ky", _("Kyrgyz")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("uz", _("Uzbek")),
    ("zh-hans", _("Simplified Chinese")),
]


class Support(models.TextChoices):
    TRAVEL_GRANT = "travel_grant", _("travel grants")
    FREE_BOOTH = "free_booth", _("free exhibition space")
    FEE_WAIVER = "fee_waiver", _("no registration fee")
    ACCOMMODATION = "accommodation", _("accommodation")
    VISA = "visa", _("visa support")
    INTERPRETATION = "interpretation", _("interpretation")


# Addresses of the events area that an event's slug would hide (/events/<slug>/).
RESERVED_SLUGS = frozenset({"calendar", "past", "participations"})

# The event's deadlines, in the order they usually fall.
DEADLINE_FIELDS = ("proposal_deadline", "exhibition_deadline", "registration_deadline")


class Event(models.Model):
    """An event: its dates are local dates (and optional local times) in its own IANA zone, so Geneva's 6 July is
    6 July on every page whoever reads it; its deadlines feed the deadline registry (events/deadlines.py)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    organiser = models.CharField(_("organiser"), max_length=255)
    description = models.TextField(_("description"), max_length=LONG_TEXT, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True, help_text=_("Empty for an event held only online."))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    starts_on = models.DateField(_("starts"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Local time in the event's time zone, when known.")
    )
    ends_on = models.DateField(_("ends"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    tz = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Zurich",
        validators=[validate_time_zone],
        help_text=_("The zone of the event's place (an IANA name such as Europe/Zurich for Geneva)."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    languages = ChoiceListField(_("languages"), codes=EVENT_LANGUAGES, blank=True)
    themes = models.ManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    action_lines = models.ManyToManyField(
        "portal.ActionLine", verbose_name=_("WSIS action lines"), blank=True, related_name="+"
    )
    registration_deadline = models.DateField(
        _("registration deadline"), null=True, blank=True, help_text=_("23:59 that day in the event's time zone.")
    )
    proposal_deadline = models.DateField(
        _("proposal deadline"),
        null=True,
        blank=True,
        help_text=_("For talks, sessions or projects to present; 23:59 that day in the event's time zone."),
    )
    exhibition_deadline = models.DateField(
        _("exhibition space deadline"),
        null=True,
        blank=True,
        help_text=_("To apply for a booth or exhibition space; 23:59 that day in the event's time zone."),
    )
    support = ChoiceListField(_("support offered"), codes=Support.choices, blank=True)
    support_details = models.TextField(
        _("support details"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=_("Who may get the support, how much, how to ask for it."),
    )
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.CONFIRMED)
    source_url = models.URLField(_("source"), max_length=500, blank=True, help_text=_("Where the facts come from."))
    # Bumped on every change, so calendar clients that imported the event's file take the newer one (SEQUENCE).
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_on", "start_time", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["starts_on"], name="event_starts_on"),
            models.Index(fields=["ends_on"], name="event_ends_on"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = [_("This address is taken by a page of the events area; choose another.")]
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = [_("The event cannot end before it starts.")]
            elif (
                self.ends_on == self.starts_on
                and self.start_time
                and self.end_time
                and self.end_time <= self.start_time
            ):
                errors["end_time"] = [_("On a one-day event the end time must come after the start time.")]
        if self.starts_on:
            for name in DEADLINE_FIELDS:
                day = getattr(self, name)
                if day and day > self.starts_on:
                    errors[name] = [
                        _("The %(deadline)s cannot come after the event starts (%(start)s).")
                        % {"deadline": self._meta.get_field(name).verbose_name, "start": self.starts_on.isoformat()}
                    ]
        if self.attendance != Attendance.ONLINE and not self.city:
            errors["city"] = [_("Give the city of an event held in person.")]
        if self.attendance != Attendance.ONLINE and not self.country:
            errors["country"] = [_("Give the country of an event held in person.")]
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        return self.attendance != Attendance.IN_PERSON

    @property
    def is_withdrawn(self) -> bool:
        """Cancelled or postponed: its dates do not hold, its deadlines are withdrawn."""
        return self.status in (EventStatus.CANCELLED, EventStatus.POSTPONED)

    @property
    def tentative(self) -> bool:
        return self.status == EventStatus.PLANNED

    def starts_at(self) -> dt.datetime:
        """The first instant of the event (its start time, else the start of its first day) in its zone."""
        return dt.datetime.combine(self.starts_on, self.start_time or dt.time(0, 0), tzinfo=ZoneInfo(self.tz))

    def ends_at(self) -> dt.datetime:
        """The last instant of the event (its end time, else the end of its last day) in its zone."""
        if self.end_time:
            return dt.datetime.combine(self.ends_on, self.end_time, tzinfo=ZoneInfo(self.tz))
        return dt.datetime.combine(self.ends_on + dt.timedelta(days=1), dt.time(0, 0), tzinfo=ZoneInfo(self.tz))

    def days(self) -> list[dt.date]:
        return [self.starts_on + dt.timedelta(days=n) for n in range((self.ends_on - self.starts_on).days + 1)]

    def deadline_days(self) -> list[tuple[str, dt.date]]:
        """(field name, local date) of the deadlines it has, in the order they usually fall."""
        return [(name, getattr(self, name)) for name in DEADLINE_FIELDS if getattr(self, name)]


class ParticipationRole(models.TextChoices):
    EXHIBITOR = "exhibitor", _("exhibitor")
    SPEAKER = "speaker", _("speaker")
    PANELLIST = "panellist", _("panellist")
    ATTENDEE = "attendee", _("attendee")
    ORGANISER = "organiser", pgettext_lazy("event role", "organiser")


def validate_material_links(value: str) -> None:
    """One web address per line."""
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        link = line.strip()
        if not link:
            continue
        try:
            check(link)
        except ValidationError:
            raise ValidationError(
                _("Line %(line)s is not a web address (http:// or https://): %(value)s"),
                code="invalid_link",
                params={"line": number, "value": link[:100]},
            ) from None


class EventParticipation(ReportedRecord):
    """An agency took part in an event (with one of its projects or a partner's), in a role, and what came of it.
    Contacts report their agency's; working-group admins publish them (`portal.reviews`)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="participations")
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="event_participations"
    )
    project = models.ForeignKey(
        "portal.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=ParticipationRole.choices)
    people = models.PositiveSmallIntegerField(
        _("people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("How many people of the agency took part."),
    )
    outcome = models.TextField(
        _("outcome"), max_length=SHORT_TEXT, blank=True, help_text=_("Contacts made, agreements, awards, press…")
    )
    lessons = models.TextField(
        _("lessons learned"), max_length=MEDIUM_TEXT, blank=True, help_text=_("What others should know next time.")
    )
    material_links = models.TextField(
        _("material links"),
        max_length=SHORT_TEXT,
        blank=True,
        validators=[validate_material_links],
        help_text=_("Slides, videos, photos, press: one web address per line."),
    )
    imported = models.BooleanField(_("imported"), default=False)

    class Meta:
        ordering = ["-event__starts_on", "event_id", "agency_id", "pk"]
        verbose_name = _("event participation")
        verbose_name_plural = _("event participations")
        indexes = [
            models.Index(fields=["review_state", "event"], name="participation_state_event"),
            models.Index(fields=["agency", "review_state"], name="participation_agency"),
        ]

    def __str__(self):
        return f"{self.agency} · {self.event} ({self.get_role_display()})"

    def links(self) -> list[str]:
        return [line.strip() for line in self.material_links.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        errors = {}
        if self.project_id and self.agency_id and not self.project.involves(self.agency_id):
            errors["project"] = NOT_THE_AGENCYS_PROJECT
        if self.event_id and self.event.status == EventStatus.CANCELLED and self._state.adding:
            errors["event"] = _("This event was cancelled.")
        if errors:
            raise ValidationError(errors)
