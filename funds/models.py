"""Funders, their funding programmes and calls, and the inventory of grants agencies received.

Money is a Decimal with its ISO 4217 currency, never converted: totals are per currency."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.currencies import validate_amount, validate_currency
from portal.models import Agency
from portal.models.contacts import validate_time_zone
from portal.models.fields import LONG_TEXT, MEDIUM_TEXT, SHORT_TEXT, ChoiceListField
from portal.models.projects import NOT_THE_AGENCYS_PROJECT
from portal.models.reviews import ReportedRecord

MONEY = {"max_digits": 18, "decimal_places": 2}


class Funder(models.Model):
    """An organisation that funds projects: a bilateral donor (KOICA), a multilateral bank, the EU…"""

    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("bilateral donor")
        MULTILATERAL = "multilateral", _("multilateral organisation")
        EU = "eu", _("European Union")
        NATIONAL = "national", _("national agency")
        FOUNDATION = "foundation", _("foundation")
        PRIVATE = "private", _("private company")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"), blank=True, help_text=_("Empty for an international organisation."))
    website = models.URLField(_("website"), max_length=500)
    description = models.TextField(_("description"), max_length=LONG_TEXT, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("funder")
        verbose_name_plural = _("funders")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Scope(models.TextChoices):
    INTERNATIONAL = "international", _("international")
    NATIONAL = "national", _("national")


class FundingProgramme(models.Model):
    """A funder's programme: what it funds, for whom, how much and how to apply."""

    funder = models.ForeignKey(Funder, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="programmes")
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), max_length=LONG_TEXT, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.INTERNATIONAL)
    themes = models.ManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    action_lines = models.ManyToManyField(
        "portal.ActionLine", verbose_name=_("WSIS action lines"), blank=True, related_name="+"
    )
    eligible_agency_kinds = ChoiceListField(
        _("eligible agency kinds"),
        codes=Agency.Kind.choices,
        blank=True,
        help_text=_("Empty: every kind of agency."),
    )
    eligible_countries = CountryField(
        _("eligible countries"), multiple=True, blank=True, help_text=_("Empty: every country.")
    )
    amount_min = models.DecimalField(_("smallest amount"), **MONEY, null=True, blank=True)
    amount_max = models.DecimalField(_("largest amount"), **MONEY, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    co_financing_percent = models.DecimalField(
        _("co-financing (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("The share of the cost the applicant must bring itself."),
    )
    how_to_apply = models.TextField(_("how to apply"), max_length=MEDIUM_TEXT, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        amounts = [a for a in (self.amount_min, self.amount_max) if a is not None]
        if amounts and not self.currency:
            errors["currency"] = _("Give the currency of the amounts.")
        for name in ("amount_min", "amount_max"):
            value = getattr(self, name)
            if value is not None and self.currency:
                try:
                    validate_amount(value, self.currency)
                except ValidationError as error:
                    errors[name] = error.messages
        if len(amounts) == 2 and self.amount_min > self.amount_max:
            errors.setdefault("amount_max", []).append(_("The largest amount cannot be below the smallest."))
        if errors:
            raise ValidationError(errors)


class CallState(models.TextChoices):
    TENTATIVE = "tentative", _("expected (dates estimated)")
    ANNOUNCED = "announced", _("announced")
    CANCELLED = "cancelled", _("cancelled")


class FundingCall(models.Model):
    """A call for proposals of a programme: it opens, and closes at its deadline in its own zone."""

    programme = models.ForeignKey(
        FundingProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("title"), max_length=255)
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    deadline = models.DateField(_("deadline"))
    deadline_time = models.TimeField(
        _("deadline time"),
        null=True,
        blank=True,
        help_text=_("Local time in the call's time zone. Leave empty when only the date is known: 23:59 that day."),
    )
    tz = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
        help_text=_("The zone the funder announces its dates in, e.g. Asia/Seoul for KOICA."),
    )
    budget = models.DecimalField(_("budget"), **MONEY, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[validate_currency])
    url = models.URLField(_("page of the call"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=CallState.choices, default=CallState.ANNOUNCED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        indexes = [models.Index(fields=["deadline"], name="funding_call_deadline")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("The deadline cannot come before the call opens.")
        if self.budget is not None:
            if not self.currency:
                errors["currency"] = _("Give the currency of the budget.")
            else:
                try:
                    validate_amount(self.budget, self.currency)
                except ValidationError as error:
                    errors["budget"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def deadline_due(self) -> dt.date | dt.datetime | None:
        """The deadline as the registry takes it: an aware instant when its time is known, else the date."""
        from portal.deadlines import local_due

        return local_due(self.deadline, self.deadline_time, self.tz)

    @property
    def deadline_at(self) -> dt.datetime | None:
        """The deadline as an instant, by the registry's rule (a date alone: 23:59 there)."""
        from portal.deadlines import local_due_at

        return local_due_at(self.deadline, self.deadline_time, self.tz)


class Grant(ReportedRecord):
    """A line of the grants inventory: an agency received an amount from a funder (through a programme, when
    known) for a project. Reported by the agency, public once the working group publishes it (`portal.reviews`)."""

    funder = models.ForeignKey(Funder, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="grants")
    programme = models.ForeignKey(
        FundingProgramme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("recipient agency"), on_delete=models.PROTECT, related_name="grants"
    )
    project = models.ForeignKey(
        "portal.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grants",
    )
    amount = models.DecimalField(_("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    purpose = models.TextField(_("purpose"), max_length=SHORT_TEXT, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    imported = models.BooleanField(_("imported"), default=False, help_text=_("Created by an import, to be reviewed."))

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        indexes = [
            models.Index(fields=["review_state", "signed_on"], name="grant_state_signed"),
            models.Index(fields=["agency", "review_state"], name="grant_agency"),
            models.Index(fields=["currency", "review_state"], name="grant_currency"),
        ]

    def __str__(self):
        return f"{self.funder} → {self.agency}: {self.amount} {self.currency}"

    def clean(self):
        super().clean()
        errors = {}
        if self.amount is not None and self.currency:
            try:
                validate_amount(self.amount, self.currency)
            except ValidationError as error:
                errors["amount"] = error.messages
        if self.programme_id and self.funder_id and self.programme.funder_id != self.funder_id:
            errors["programme"] = _("This programme belongs to another funder.")
        if self.project_id and self.agency_id and not self.project.involves(self.agency_id):
            errors["project"] = NOT_THE_AGENCYS_PROJECT
        if errors:
            raise ValidationError(errors)


class FundInvitation(models.Model):
    """The working group's word to an eligible agency about a call. It is sent once to the agency's contacts as
    an alert (`fund.suggestion`, funds/deadlines.py)."""

    call = models.ForeignKey(FundingCall, verbose_name=_("call"), on_delete=models.CASCADE, related_name="invitations")
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="fund_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("call invitation")
        verbose_name_plural = _("call invitations")
        constraints = [models.UniqueConstraint(fields=["call", "agency"], name="fund_invitation_unique")]

    def __str__(self):
        return f"{self.call} · {self.agency}"
