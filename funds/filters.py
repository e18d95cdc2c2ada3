"""Filters of the funds area's lists, each shared by its page and the API: programmes, calls, the grants
inventory."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from funds import selectors
from funds.models import MONEY, CallState, FundingCall, FundingProgramme, Grant, Scope
from portal import currencies
from portal.filters import (
    ActionLineFilter,
    AgencyFilter,
    NameFilter,
    RangeFilterSet,
    StrictBooleanFilter,
    YearFilter,
    year_range,
)
from portal.models import Agency

FIRST_YEAR, LAST_YEAR = 1950, 2100


def _funder_filter(field_name: str):
    return NameFilter(
        "funder",
        label=_("Funder"),
        field_name=field_name,
        help_text=_("Its name in any language or its acronym, e.g. “KOICA”."),
    )


def _programme_filter(field_name: str):
    return NameFilter("funding_programme", label=_("Programme"), field_name=field_name)


def _amount_filter(label, lookup_expr: str):
    return django_filters.NumberFilter(
        label=label,
        field_name="amount",
        lookup_expr=lookup_expr,
        min_value=0,
        # The money columns' size: a bigger bound is a 400, not a database error.
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        help_text=_("In the grant's own currency: choose the currency too, amounts are never converted."),
    )


def _agency_kind_filter():
    return django_filters.ChoiceFilter(
        label=_("Agency kind"),
        choices=Agency.Kind.choices,
        method="filter_agency_kind",
        help_text=_("Open to agencies of this kind (a programme open to every kind counts)."),
    )


def _country_filter():
    return django_filters.ChoiceFilter(
        label=_("Country"),
        choices=lambda: list(countries),
        method="filter_country",
        help_text=_("Open to applicants from this country (a programme open to every country counts)."),
    )


def open_to_kind(kind: str, prefix: str = "") -> Q:
    """Programmes open to agencies of `kind`: those that list it, and those that list no kind at all."""
    return Q(**{f"{prefix}eligible_agency_kinds": ""}) | Q(**{f"{prefix}eligible_agency_kinds__contains": kind})


def open_to_country(code: str, prefix: str = "") -> Q:
    """Programmes open to applicants from the country `code`: those that list it, and those that list none."""
    return Q(**{f"{prefix}eligible_countries": ""}) | Q(**{f"{prefix}eligible_countries__regex": rf"(^|,){code}(,|$)"})


class ProgrammeFilter(django_filters.FilterSet):
    funder = _funder_filter("funder")
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=Scope.choices)
    theme = NameFilter("theme", label=_("Theme"), field_name="themes")
    action_line = ActionLineFilter("action_lines")
    agency_kind = _agency_kind_filter()
    country = _country_filter()

    class Meta:
        model = FundingProgramme
        fields = ["funder", "scope", "theme", "action_line", "agency_kind", "country"]

    def filter_agency_kind(self, qs, name, value):
        return qs.filter(open_to_kind(value)) if value else qs

    @extend_schema_field(OpenApiTypes.STR)
    def filter_country(self, qs, name, value):
        return qs.filter(open_to_country(value)) if value else qs


class CallFilter(django_filters.FilterSet):
    programme = _programme_filter("programme")
    funder = _funder_filter("programme__funder")
    state = django_filters.ChoiceFilter(label=_("State"), choices=CallState.choices)
    open = StrictBooleanFilter(
        label=_("Open or upcoming"),
        method="filter_open",
        help_text=_("Calls not cancelled whose deadline is still ahead (true), or the others (false)."),
    )
    agency_kind = _agency_kind_filter()
    country = _country_filter()

    class Meta:
        model = FundingCall
        fields = ["programme", "funder", "state", "open", "agency_kind", "country"]

    def filter_open(self, qs, name, value):
        """funds.selectors.calls_open is the rule."""
        if value is None:
            return qs
        condition = selectors.calls_open()
        return qs.filter(condition) if value else qs.exclude(condition)

    def filter_agency_kind(self, qs, name, value):
        return qs.filter(open_to_kind(value, "programme__")) if value else qs

    @extend_schema_field(OpenApiTypes.STR)
    def filter_country(self, qs, name, value):
        return qs.filter(open_to_country(value, "programme__")) if value else qs


class GrantFilter(RangeFilterSet):
    funder = _funder_filter("funder")
    programme = _programme_filter("programme")
    agency = AgencyFilter(label=_("Recipient agency"), field_name="agency")
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="agency__country",
        choices=lambda: list(countries),
        help_text=_("The recipient agency's country."),
    )
    year = YearFilter(label=_("Year signed"), field_name="signed_on__year", first=FIRST_YEAR, last=LAST_YEAR)
    year_min, year_max = year_range(
        "signed_on__year", FIRST_YEAR, LAST_YEAR, labels=(_("Signed from year"), _("Signed up to year"))
    )
    currency = django_filters.ChoiceFilter(label=_("Currency"), choices=currencies.choices)
    amount_min = _amount_filter(_("Smallest amount"), "gte")
    amount_max = _amount_filter(_("Largest amount"), "lte")

    class Meta:
        model = Grant
        fields = [
            "funder",
            "programme",
            "agency",
            "country",
            "year",
            "year_min",
            "year_max",
            "currency",
            "amount_min",
            "amount_max",
        ]
