"""The forms a company's contacts report contributions and problems with (a working-group admin: any company's),
and the filters of the public lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from awards.models import AwardApplication
from coordination.private_sector import selectors
from coordination.private_sector.models import (
    FIRST_YEAR,
    LAST_YEAR,
    CompanySector,
    Contribution,
    ContributionKind,
    Incentive,
    Problem,
    ProblemCategory,
    ProblemStatus,
)
from events.models import Event, EventStatus
from portal import currencies
from portal import selectors as portal_selectors
from portal.filters import AgencyFilter, StrictBooleanFilter, YearFilter
from portal.forms import ReportForm
from portal.models import Agency, ReviewState


def currency_choices() -> list[tuple[str, str]]:
    return [("", "---------"), *currencies.choices()]


class ContributionReportForm(ReportForm):
    """A contribution of a company to a published project, an event or a published award application (exactly one:
    the model's rule), with its amount when it has one."""

    translated = ("description",)
    currency = forms.ChoiceField(
        label=capfirst(Contribution._meta.get_field("currency").verbose_name),
        choices=currency_choices,
        required=False,
    )

    class Meta:
        model = Contribution
        fields = [
            "agency",
            "kind",
            "project",
            "event",
            "award_application",
            "year",
            "amount",
            "currency",
            *(f"description_{code}" for code in ReportForm.text_languages),
        ]
        widgets = ReportForm.text_widgets("description")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            self.fields["agency"].queryset = selectors.companies()
        self.fields["project"].queryset = (
            portal_selectors.published_projects().select_related(None).prefetch_related(None).order_by("title", "pk")
        )
        self.fields["project"].help_text = _("A published project the company contributed to.")
        events = Event.objects.exclude(status=EventStatus.CANCELLED)
        if self.instance.event_id:
            events = events | Event.objects.filter(pk=self.instance.event_id)
        self.fields["event"].queryset = events.order_by("-starts_on", "pk")
        self.fields["award_application"].queryset = (
            AwardApplication.objects.filter(review_state=ReviewState.PUBLISHED)
            .select_related("project", "edition", "agency")
            .order_by("-edition__year", "pk")
        )
        self.fields["award_application"].help_text = _("A published award application the company applied with.")
        self.fields["amount"].help_text = _("When the contribution has a value in money: with its currency.")


class ProblemReportForm(ReportForm):
    """A problem the company meets, and the agencies it concerns."""

    class Meta:
        model = Problem
        fields = ["agency", "category", "description", "agencies_concerned"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "agencies_concerned": forms.SelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            self.fields["agency"].queryset = selectors.companies()
        self.fields["agencies_concerned"].queryset = Agency.objects.exclude(kind="company").order_by("name", "pk")
        self.fields["agencies_concerned"].help_text = _("The public agencies the problem concerns.")


# --- The public lists' filters ----------------------------------------------------------------------------------


class ContributionFilter(django_filters.FilterSet):
    """`?kind=`, `?year=`, `?company=<name or slug>`, `?sector=`, `?target=project|event|award_application`."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ContributionKind.choices, empty_label=_("Any kind"))
    year = YearFilter(label=_("Year"), first=FIRST_YEAR, last=LAST_YEAR)
    company = AgencyFilter(field_name="agency", label=_("Company"))
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        field_name="agency__company_profile__sector",
        choices=CompanySector.choices,
        empty_label=_("Any sector"),
    )
    target = django_filters.ChoiceFilter(
        label=_("Contributed to"),
        method="filter_target",
        choices=[
            ("project", _("a project")),
            ("event", _("an event")),
            ("award_application", _("an award application")),
        ],
        empty_label=_("Anything"),
    )

    class Meta:
        model = Contribution
        fields = ["kind", "year", "company", "sector", "target"]

    def filter_target(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})


class ProblemFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=ProblemCategory.choices, empty_label=_("Any category")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProblemStatus.choices, empty_label=_("Any status"))
    concerns = AgencyFilter(field_name="agencies_concerned", label=_("Agency concerned"))

    class Meta:
        model = Problem
        fields = ["category", "status", "concerns"]


class IncentiveFilter(django_filters.FilterSet):
    is_open = StrictBooleanFilter(
        label=_("Open now"), help_text=_("true: the incentives open now; false: the closed ones.")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), method="filter_sector", choices=CompanySector.choices, empty_label=_("Any sector")
    )

    class Meta:
        model = Incentive
        fields = ["is_open", "sector"]

    def filter_sector(self, queryset, name, value):
        """Incentives open to the sector: those naming it and those naming no sector."""
        return queryset.filter(Q(eligible_sectors__contains=value) | Q(eligible_sectors=""))
