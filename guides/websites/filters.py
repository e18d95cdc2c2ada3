"""Filters of the websites part's API list: agencies' English-website entries by state, kind, country and the last
check's outcome."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from guides.websites.models import CheckOutcome
from portal.models import Agency, EnglishWebsiteState


class EnglishWebsiteFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), field_name="english_website_state", choices=EnglishWebsiteState.choices
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Agency.Kind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=lambda: list(countries))
    outcome = django_filters.ChoiceFilter(
        label=_("Last check"), field_name="last_outcome", choices=CheckOutcome.choices
    )

    class Meta:
        model = Agency
        fields = ["state", "kind", "country", "outcome"]
