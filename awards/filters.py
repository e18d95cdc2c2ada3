"""Filters of the awards area's lists (the API; the results inventory page can share `ResultFilter`)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from awards import selectors
from awards.models import (
    FIRST_YEAR,
    LAST_YEAR,
    ApplicationState,
    AwardApplication,
    AwardCategory,
    AwardEdition,
    AwardResult,
    Outcome,
)
from portal import selectors as portal_selectors
from portal.filters import (
    ActionLineFilter,
    AgencyFilter,
    IntegerFilter,
    NameFilter,
    RangeFilterSet,
    StrictBooleanFilter,
    YearFilter,
    year_range,
)
from portal.models import SDG, Agency, ReviewState


def _programme_filter(field_name: str):
    return NameFilter(
        "award_programme",
        label=_("Programme"),
        field_name=field_name,
        help_text=_("Its name in any language or its acronym, e.g. “WSIS Prizes”."),
    )


def _sdg_filter():
    return django_filters.ModelChoiceFilter(
        label=_("SDG"), queryset=SDG.objects.order_by("number"), to_field_name="number", method="filter_sdg"
    )


class CategoryFilter(django_filters.FilterSet):
    programme = _programme_filter("programme")
    action_line = ActionLineFilter("action_lines")
    sdg = _sdg_filter()

    class Meta:
        model = AwardCategory
        fields = ["programme", "action_line", "sdg"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_sdg(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(pk__in=AwardCategory.sdgs.through.objects.filter(sdg=value).values("awardcategory_id"))


class EditionFilter(RangeFilterSet):
    programme = _programme_filter("programme")
    year = YearFilter(label=_("Year"), field_name="year", first=FIRST_YEAR, last=LAST_YEAR)
    year_min, year_max = year_range("year", FIRST_YEAR, LAST_YEAR)
    tentative = StrictBooleanFilter(label=_("Tentative"))
    open = StrictBooleanFilter(
        label=_("Open for nominations"),
        method="filter_open",
        help_text=_("Editions whose nomination deadline is still ahead (true) or passed or unknown (false)."),
    )

    class Meta:
        model = AwardEdition
        fields = ["programme", "year", "year_min", "year_max", "tentative", "open"]

    def filter_open(self, qs, name, value):
        """awards.selectors.nominations_open is the rule."""
        if value is None:
            return qs
        condition = selectors.nominations_open()
        return qs.filter(condition) if value else qs.exclude(condition)


class ResultFilter(RangeFilterSet):
    programme = _programme_filter("edition__programme")
    year_min, year_max = year_range("edition__year", FIRST_YEAR, LAST_YEAR)
    category = django_filters.CharFilter(
        label=_("Category"),
        field_name="category__code",
        lookup_expr="iexact",
        max_length=40,
        help_text=_("The category's code, e.g. “C4”."),
    )
    agency = AgencyFilter(field_name="agency")
    agency_kind = django_filters.ChoiceFilter(
        label=_("Agency kind"), field_name="agency__kind", choices=Agency.Kind.choices
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="agency__country", choices=lambda: list(countries)
    )
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices)
    # Results in a category mapped to the line (or one of its sub-lines), or with a published project filed under it.
    action_line = ActionLineFilter("category__action_lines", project="project")
    sdg = _sdg_filter()

    class Meta:
        model = AwardResult
        fields = [
            "programme",
            "year_min",
            "year_max",
            "category",
            "agency",
            "agency_kind",
            "country",
            "outcome",
            "action_line",
            "sdg",
        ]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_sdg(self, qs, name, value):
        """Results in a category mapped to the SDG, or with a published project that serves it (a draft's SDGs are
        not public)."""
        if not value:
            return qs
        categories = AwardCategory.sdgs.through.objects.filter(sdg=value).values("awardcategory_id")
        projects = portal_selectors.published_project_ids(Q(sdgs=value))
        return qs.filter(Q(category_id__in=categories) | Q(project_id__in=projects))


class ApplicationFilter(django_filters.FilterSet):
    programme = _programme_filter("edition__programme")
    year = YearFilter(label=_("Year"), field_name="edition__year", first=FIRST_YEAR, last=LAST_YEAR)
    edition = IntegerFilter(label=_("Edition"), field_name="edition_id", min_value=1, max_value=2**31 - 1)
    state = django_filters.ChoiceFilter(label=_("State"), choices=ApplicationState.choices)
    review_state = django_filters.ChoiceFilter(label=_("Review state"), choices=ReviewState.choices)

    class Meta:
        model = AwardApplication
        fields = ["programme", "year", "edition", "state", "review_state"]
