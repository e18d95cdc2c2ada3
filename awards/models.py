"""Award programmes, their categories and yearly editions, the results inventory (which agency won what, with
which project, in which category) and the agencies' applications."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models.contacts import validate_time_zone
from portal.models.fields import LONG_TEXT, SHORT_TEXT
from portal.models.projects import NOT_THE_AGENCYS_PROJECT
from portal.models.reviews import ReportedRecord

FIRST_YEAR, LAST_YEAR = 1990, 2100  # an edition's year, and the filters' bounds
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("every year")
    BIENNIAL = "biennial", _("every two years")
    IRREGULAR = "irregular", _("irregular")


class AwardProgramme(models.Model):
    """An award given by an organiser, usually every year (e.g. the WSIS Prizes of ITU)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Other names the imports recognise, one a line: how organisers, the press or agencies write it "
            "(e.g. “UN Public Service Awards”)."
        ),
    )
    organiser = models.CharField(_("organiser"), max_length=255)
    website = models.URLField(_("website"), max_length=500)
    description = models.TextField(_("description"), max_length=LONG_TEXT, blank=True)
    eligibility = models.TextField(_("eligibility"), max_length=SHORT_TEXT, blank=True)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL)
    themes = models.ManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="+")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("award programme")
        verbose_name_plural = _("award programmes")

    def __str__(self):
        return self.name


class AwardCategory(models.Model):
    """A category of a programme, mapped to the WSIS action lines, SDGs and themes a project can match."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="categories"
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Other names the imports recognise, one a line: how organisers, the press or agencies write it "
            "(e.g. “E-gov” for “E-government”)."
        ),
    )
    action_lines = models.ManyToManyField(
        "portal.ActionLine", verbose_name=_("WSIS action lines"), blank=True, related_name="award_categories"
    )
    sdgs = models.ManyToManyField("portal.SDG", verbose_name=_("SDGs"), blank=True, related_name="award_categories")
    themes = models.ManyToManyField(
        "portal.Theme", verbose_name=_("themes"), blank=True, related_name="award_categories"
    )

    class Meta:
        ordering = ["programme", "position", "code"]
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="award_category_code_unique")]

    def __str__(self):
        return f"{self.code} {self.title}"


class AwardEdition(models.Model):
    """One year's call of a programme. Its dates feed the deadline registry (awards/deadlines.py)."""

    programme = models.ForeignKey(
        AwardProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="editions"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    nomination_opens = models.DateField(_("nominations open"), null=True, blank=True)
    nomination_deadline = models.DateField(_("nomination deadline"), null=True, blank=True)
    nomination_deadline_time = models.TimeField(
        _("nomination deadline time"),
        null=True,
        blank=True,
        help_text=_("Local time in the edition's time zone. Leave empty when only the date is known: 23:59 that day."),
    )
    tz = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Zurich",
        validators=[validate_time_zone],
        help_text=_("The zone the organiser announces its dates in, e.g. Europe/Zurich for Geneva."),
    )
    voting_starts = models.DateField(_("voting starts"), null=True, blank=True)
    voting_ends = models.DateField(_("voting ends"), null=True, blank=True)
    ceremony_on = models.DateField(_("ceremony date"), null=True, blank=True)
    ceremony_place = models.CharField(_("ceremony place"), max_length=255, blank=True)
    url = models.URLField(_("page of the call"), max_length=500, blank=True)
    guide_url = models.URLField(_("application guide"), max_length=500, blank=True)
    tentative = models.BooleanField(
        _("tentative"), default=False, help_text=_("Dates estimated from past editions, not yet announced.")
    )
    texts_to_confirm = models.JSONField(
        _("texts to confirm"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Texts carried over from the previous edition that name a year, for a curator to check: each column "
            "(e.g. ceremony_place_en) with the previous edition's text."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The dated steps in the order they happen: a later step may not come before an earlier one.
    DATE_ORDER = ("nomination_opens", "nomination_deadline", "voting_starts", "voting_ends", "ceremony_on")

    class Meta:
        ordering = ["-year", "programme"]
        verbose_name = _("award edition")
        verbose_name_plural = _("award editions")
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="award_edition_year_unique")]
        indexes = [models.Index(fields=["year"], name="award_edition_year")]

    def __str__(self):
        return f"{self.programme} {self.year}"

    def clean(self):
        super().clean()
        errors = {}
        if self.nomination_deadline_time is not None and self.nomination_deadline is None:
            errors["nomination_deadline"] = _("Give the date of the deadline its time belongs to.")
        previous = None
        for name in self.DATE_ORDER:
            value = getattr(self, name)
            if value is None:
                continue
            if previous is not None and value < getattr(self, previous):
                errors.setdefault(name, []).append(
                    ValidationError(
                        _("This date cannot be before “%(earlier)s” (%(date)s)."),
                        code="date_order",
                        params={
                            "earlier": self._meta.get_field(previous).verbose_name,
                            "date": getattr(self, previous).isoformat(),
                        },
                    )
                )
            previous = name
        if errors:
            raise ValidationError(errors)

    @property
    def unconfirmed_texts(self) -> set[str]:
        """The translated fields (e.g. `ceremony_place`) one of whose languages still waits for a curator's
        confirmation, for the pages to mark as not yet confirmed."""
        return {column.rsplit("_", 1)[0] for column in self.texts_to_confirm or {}}

    @property
    def nomination_due(self) -> dt.date | dt.datetime | None:
        """The deadline as the registry takes it: an aware instant when its time is known, else the date."""
        from portal.deadlines import local_due

        return local_due(self.nomination_deadline, self.nomination_deadline_time, self.tz)

    @property
    def nomination_deadline_at(self) -> dt.datetime | None:
        """The deadline as an instant, by the registry's rule (a date alone: 23:59 there)."""
        from portal.deadlines import local_due_at

        return local_due_at(self.nomination_deadline, self.nomination_deadline_time, self.tz)


class Outcome(models.TextChoices):
    WINNER = "winner", _("winner")
    CHAMPION = "champion", _("champion")
    FINALIST = "finalist", _("finalist")
    NOMINEE = "nominee", _("nominee")
    HONOURABLE_MENTION = "honourable_mention", _("honourable mention")


class AwardResult(models.Model):
    """A line of the inventory: an agency (with a project, when known) reached an outcome in an edition."""

    edition = models.ForeignKey(
        AwardEdition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="results"
    )
    category = models.ForeignKey(
        AwardCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
    )
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="award_results"
    )
    project = models.ForeignKey(
        "portal.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_results",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    evidence_url = models.URLField(_("evidence"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), max_length=SHORT_TEXT, blank=True)
    imported = models.BooleanField(_("imported"), default=False, help_text=_("Created by an import, to be reviewed."))
    # A result an agency reported (its won application) is private until a working-group admin has checked it
    # against its evidence; the working group's own results are verified when they are entered or imported.
    application = models.OneToOneField(
        "AwardApplication",
        verbose_name=_("reported by the application"),
        null=True,
        blank=True,
        # An application no longer won withdraws its result (awards.services.publish_result); deleting one in the
        # back-office leaves the line to the working group.
        on_delete=models.SET_NULL,
        related_name="result",
    )
    verified_at = models.DateTimeField(
        _("verified"),
        null=True,
        blank=True,
        help_text=_("When a working-group admin checked the result against its evidence: only then is it public."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-edition__year", "edition__programme", "category__position", "pk"]
        verbose_name = _("award result")
        verbose_name_plural = _("award results")
        constraints = [
            # One outcome per agency and project in a category of an edition; an empty category or project
            # counts as a value (0), so the same line cannot be entered twice.
            models.UniqueConstraint(
                "edition",
                Coalesce("category", 0),
                "agency",
                Coalesce("project", 0),
                name="award_result_unique",
                violation_error_message=_("This result is already in the inventory."),
            )
        ]
        indexes = [
            models.Index(fields=["outcome", "edition"], name="award_result_outcome"),
            models.Index(fields=["agency", "edition"], name="award_result_agency"),
        ]

    def __str__(self):
        return f"{self.edition} · {self.agency} · {self.get_outcome_display()}"

    def clean(self):
        super().clean()
        _check_links(self)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class ApplicationState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("award application", "planned")
    SUBMITTED = "submitted", pgettext_lazy("award application", "submitted")
    SHORTLISTED = "shortlisted", _("shortlisted")
    WON = "won", _("won")
    NOT_SELECTED = "not_selected", _("not selected")


class AwardApplication(ReportedRecord):
    """An agency's application of one of its projects to an edition (in a category, when it has them), and how far
    it went (`state`). Reported by the agency and reviewed by the working group (`portal.reviews`): a won
    application's result enters the inventory when the working group publishes the application, private until a
    working-group admin verifies it against its evidence (`AwardResult.verified_at`). It cannot be won while the
    edition's nominations are open."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="award_applications"
    )
    project = models.ForeignKey(
        "portal.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="award_applications"
    )
    edition = models.ForeignKey(
        AwardEdition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="applications"
    )
    category = models.ForeignKey(
        AwardCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.PLANNED
    )
    outcome = models.CharField(
        _("distinction"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text=_("For a won application: the distinction received (winner when left empty)."),
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    evidence_url = models.URLField(
        _("evidence"),
        max_length=500,
        blank=True,
        help_text=_(
            "For a won application: the organiser's page that names the result. The working group checks it before "
            "the result is public."
        ),
    )
    notes = models.TextField(_("notes"), max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["-edition__year", "agency", "pk"]
        verbose_name = _("award application")
        verbose_name_plural = _("award applications")
        constraints = [
            models.UniqueConstraint(
                "edition",
                Coalesce("category", 0),
                "project",
                name="award_application_unique",
                violation_error_message=_("This project already has an application in this category of the edition."),
            )
        ]
        indexes = [models.Index(fields=["agency", "edition"], name="award_application_agency")]

    def __str__(self):
        return f"{self.edition} · {self.project} · {self.get_state_display()}"

    def clean(self):
        super().clean()
        _check_links(self)
        errors = {}
        if self.submitted_on and self.decided_on and self.decided_on < self.submitted_on:
            errors["decided_on"] = _("The decision cannot come before the submission.")
        if self.outcome and self.state != ApplicationState.WON:
            errors["outcome"] = _("A distinction is given only to a won application.")
        if self.state == ApplicationState.WON and self.edition_id and nominations_open(self.edition):
            errors["state"] = _(
                "Nominations for %(edition)s are still open: an application to it cannot have been won yet."
            ) % {"edition": self.edition}
        if errors:
            raise ValidationError(errors)

    @property
    def result_outcome(self) -> str | None:
        """The outcome this application puts in the results inventory: its distinction once won, else none."""
        if self.state != ApplicationState.WON:
            return None
        return self.outcome or Outcome.WINNER


def nominations_open(edition: AwardEdition, now: dt.datetime | None = None) -> bool:
    """The edition's nomination deadline in the registry is still ahead (`portal.deadline_selectors`' rule of
    "open"); False when none is announced."""
    from portal.deadline_selectors import deadline_of
    from portal.models import DeadlineKind

    deadline = deadline_of(edition, DeadlineKind.AWARD_NOMINATION)
    return deadline is not None and not deadline.is_closed(now)


def _check_links(record) -> None:
    """The category belongs to the edition's programme; the project is the agency's own or a partner's."""
    errors = {}
    if record.category_id and record.edition_id and record.category.programme_id != record.edition.programme_id:
        errors["category"] = _("This category belongs to another programme than the edition.")
    if record.project_id and record.agency_id and not record.project.involves(record.agency_id):
        errors["project"] = NOT_THE_AGENCYS_PROJECT
    if errors:
        raise ValidationError(errors)


class AwardInvitation(models.Model):
    """The working group's invitation to an agency to apply to an edition with projects that match it. It is sent
    once to the agency's contacts as an alert (`award.suggestion`, awards/deadlines.py)."""

    edition = models.ForeignKey(
        AwardEdition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="invitations"
    )
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="award_invitations"
    )
    projects = models.ManyToManyField("portal.Project", verbose_name=_("projects"), related_name="award_invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("award invitation")
        verbose_name_plural = _("award invitations")
        constraints = [models.UniqueConstraint(fields=["edition", "agency"], name="award_invitation_unique")]

    def __str__(self):
        return f"{self.edition} · {self.agency}"
