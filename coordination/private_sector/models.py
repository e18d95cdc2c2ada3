"""Models of the coordination area's private sector part: companies (agencies of kind company) with their sector,
what they contribute to projects, events and award applications, the problems they report and the incentives
offered to them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.currencies import validate_amount, validate_currency
from portal.models.fields import LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT, ChoiceListField
from portal.models.reviews import ReportedRecord, ReviewedRecord

__all__ = [
    "CompanyProfile",
    "CompanySector",
    "CompanySize",
    "Contribution",
    "ContributionKind",
    "Incentive",
    "Problem",
    "ProblemCategory",
    "ProblemStatus",
]

# The same money columns as the funds area's grants: a Decimal with its ISO 4217 currency, never converted.
MONEY = {"max_digits": 18, "decimal_places": 2}
COMPANY = "company"  # portal.Agency.Kind.COMPANY
FIRST_YEAR, LAST_YEAR = 1990, 2100
NOT_A_COMPANY = _("Only an agency of kind company is a private-sector partner.")


class CompanySector(models.TextChoices):
    SOFTWARE = "software", _("software and IT services")
    TELECOM = "telecom", _("telecommunications")
    HARDWARE = "hardware", _("hardware and electronics")
    CYBERSECURITY = "cybersecurity", _("cybersecurity")
    CLOUD = "cloud", _("data centres and cloud")
    CONSULTING = "consulting", _("consulting")
    EDUCATION = "education", _("education and training")
    OTHER = "other", _("other")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("micro (under 10 people)")
    SMALL = "small", _("small (10–49 people)")
    MEDIUM = "medium", _("medium (50–249 people)")
    LARGE = "large", _("large (250 people or more)")


class CompanyProfile(models.Model):
    """What the portal knows of a company beyond the agency record: its sector, size and a short description."""

    agency = models.OneToOneField(
        "portal.Agency",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="company_profile",
        limit_choices_to={"kind": COMPANY},
    )
    sector = models.CharField(_("sector"), max_length=20, choices=CompanySector.choices)
    size = models.CharField(_("size"), max_length=10, choices=CompanySize.choices, blank=True)
    description = models.TextField(_("description"), max_length=SHORT_TEXT, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False, help_text=_("A made-up company of the demo data."))

    class Meta:
        ordering = ["agency__name", "pk"]
        verbose_name = _("company profile")
        verbose_name_plural = _("company profiles")

    def __str__(self):
        return str(self.agency)

    def clean(self):
        super().clean()
        if self.agency_id and self.agency.kind != COMPANY:
            raise ValidationError({"agency": NOT_A_COMPANY})


class ContributionKind(models.TextChoices):
    SPONSORSHIP = "sponsorship", _("sponsorship")
    IN_KIND = "in_kind", _("in-kind contribution")
    EXPERTISE = "expertise", _("expertise")
    EXHIBITION_STAND = "exhibition_stand", _("exhibition stand")
    CO_APPLICATION = "co_application", _("co-application")


class Contribution(ReportedRecord):
    """What a company gave to a project, an event or an award application (exactly one of them), in a year, with its
    amount when it has one. Its company's contacts report it; the working group publishes it (`portal.reviews`)."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("company"), on_delete=models.PROTECT, related_name="contributions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind.choices)
    project = models.ForeignKey(
        "portal.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="company_contributions",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="company_contributions",
    )
    award_application = models.ForeignKey(
        "awards.AwardApplication",
        verbose_name=_("award application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="company_contributions",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    amount = models.DecimalField(
        _("amount"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("When the contribution has a value in money; never converted."),
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    description = models.TextField(_("description"), max_length=SHORT_TEXT, blank=True)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-year", "agency_id", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                name="contribution_one_target",
                condition=(
                    models.Q(project__isnull=False, event__isnull=True, award_application__isnull=True)
                    | models.Q(project__isnull=True, event__isnull=False, award_application__isnull=True)
                    | models.Q(project__isnull=True, event__isnull=True, award_application__isnull=False)
                ),
            ),
        ]
        indexes = [models.Index(fields=["review_state", "year"], name="contribution_state_year")]

    def __str__(self):
        return f"{self.agency} · {self.get_kind_display()} ({self.year})"

    @property
    def target(self):
        return self.project or self.event or self.award_application

    def clean(self):
        super().clean()
        errors = {}
        if self.agency_id and self.agency.kind != COMPANY:
            errors["agency"] = NOT_A_COMPANY
        targets = [self.project_id, self.event_id, self.award_application_id]
        if sum(t is not None for t in targets) != 1:
            errors["project"] = _("Name exactly one of a project, an event or an award application.")
        if self.amount is not None:
            if not self.currency:
                errors["currency"] = _("Give the currency of the amount.")
            else:
                try:
                    validate_amount(self.amount, self.currency)
                except ValidationError as error:
                    errors["amount"] = error.messages
        elif self.currency:
            errors["amount"] = _("Give the amount, or leave the currency empty.")
        if errors:
            raise ValidationError(errors)


class ProblemCategory(models.TextChoices):
    PROCUREMENT = "procurement", _("public procurement")
    PAYMENT_DELAYS = "payment_delays", _("payment delays")
    REGULATION = "regulation", _("regulation")
    EXPORT = "export", _("export")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("intellectual property")
    SKILLS = "skills", _("skills")
    ACCESS_TO_DATA = "access_to_data", _("access to data")
    OTHER = "other", _("other")


class ProblemStatus(models.TextChoices):
    OPEN = "open", _("open")
    BEING_ADDRESSED = "being_addressed", _("being addressed")
    RESOLVED = "resolved", _("resolved")
    NOT_PURSUED = "not_pursued", _("not pursued")


class Problem(ReviewedRecord):
    """A problem a company meets in its work with the public sector, the agencies it concerns, and how far it is
    addressed. Its company's contacts report it; the working group publishes it and sets its status."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("company"), on_delete=models.PROTECT, related_name="company_problems"
    )
    category = models.CharField(_("category"), max_length=30, choices=ProblemCategory.choices)
    description = models.TextField(_("description"), max_length=MEDIUM_TEXT)
    agencies_concerned = models.ManyToManyField(
        "portal.Agency", verbose_name=_("agencies concerned"), blank=True, related_name="problems_concerning"
    )
    status = models.CharField(_("status"), max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.OPEN)
    is_demo = models.BooleanField(_("demo"), default=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self):
        return f"{self.agency} · {self.get_category_display()}"

    def clean(self):
        super().clean()
        if self.agency_id and self.agency.kind != COMPANY:
            raise ValidationError({"agency": NOT_A_COMPANY})


class Incentive(models.Model):
    """Support a company may get (export aid, tax relief, grants for fairs…): what it offers, who offers it, how to
    apply, for which kinds of company. Entered by the working group."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("what it offers"), max_length=LONG_TEXT)
    offered_by = models.ForeignKey(
        "portal.Agency",
        verbose_name=_("offered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incentives_offered",
    )
    how_to_apply = models.TextField(_("how to apply"), max_length=MEDIUM_TEXT, blank=True)
    url = models.URLField(_("web page"), max_length=500, blank=True)
    eligible_sectors = ChoiceListField(
        _("eligible sectors"),
        codes=CompanySector.choices,
        blank=True,
        help_text=_("Leave empty when every sector may apply."),
    )
    eligible_sizes = ChoiceListField(
        _("eligible company sizes"),
        codes=CompanySize.choices,
        blank=True,
        help_text=_("Leave empty when every size may apply."),
    )
    is_open = models.BooleanField(_("open"), default=True, help_text=_("Companies may apply now."))
    is_demo = models.BooleanField(_("demo"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-is_open", "title", "pk"]
        verbose_name = _("incentive")
        verbose_name_plural = _("incentives")

    def __str__(self):
        return self.title

    def sector_labels(self) -> list[str]:
        """The eligible sectors' names (none: every sector)."""
        labels = dict(CompanySector.choices)
        return [labels[code] for code in self.eligible_sectors]

    def size_labels(self) -> list[str]:
        labels = dict(CompanySize.choices)
        return [labels[code] for code in self.eligible_sizes]
