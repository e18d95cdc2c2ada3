"""Filters of the project list, shared by the public page and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from portal import selectors
from portal.models import SDG, ActionLine, Agency, Project, ProjectStatus


class ProjectFilter(django_filters.FilterSet):
    # A text field for the agency's slug, not a <select>: with thousands of agencies the options made every
    # list page hundreds of kilobytes and seconds of rendering.
    agency = django_filters.ModelChoiceFilter(
        label=_("Agency"),
        queryset=Agency.objects.order_by("slug"),
        to_field_name="slug",
        method="filter_agency",
        widget=forms.TextInput,
    )
    agency_kind = django_filters.ChoiceFilter(
        label=_("Agency kind"), field_name="agency__kind", choices=Agency.Kind.choices
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="agency__country", choices=lambda: list(countries)
    )
    action_line = django_filters.ModelChoiceFilter(
        label=_("WSIS action line"),
        queryset=ActionLine.objects.order_by("position"),
        to_field_name="code",
        method="filter_action_line",
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("SDG"), queryset=SDG.objects.order_by("number"), to_field_name="number", field_name="sdgs"
    )
    year = django_filters.NumberFilter(label=_("Year"), method="filter_year", min_value=1950, max_value=2100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)

    class Meta:
        model = Project
        fields = ["agency", "agency_kind", "country", "action_line", "sdg", "year", "status"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_agency(self, qs, name, value):
        return qs.filter(pk__in=selectors.project_ids_of_agency(value)) if value else qs

    @extend_schema_field(OpenApiTypes.STR)
    def filter_action_line(self, qs, name, value):
        """A main line (C7) also finds projects filed under its sub-lines (C7.1…C7.8)."""
        if not value:
            return qs
        filed = Project.action_lines.through.objects.filter(Q(actionline=value) | Q(actionline__parent=value))
        return qs.filter(pk__in=filed.values("project_id"))

    def filter_year(self, qs, name, value):
        """Projects running in that year: started by then and not ended before."""
        if value is None:
            return qs
        year = int(value)
        return qs.filter(start_year__lte=year).filter(Q(end_year__isnull=True) | Q(end_year__gte=year))
