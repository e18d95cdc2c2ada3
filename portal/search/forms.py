"""The search parameters, as the page and the API both read them: `?q=&kind=&country=&agency_kind=&action_line=&sdg=
&year=&open=&page=`. An unknown kind or value, a malformed year or page is a field error, never an empty list."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.models import Agency
from portal.search import registry
from portal.search.engine import FACETS, Query
from portal.search.facets import Labels

FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_PAGE = 10_000
# Four ASCII digits (int() would read "۲۰۲۶" too); the API schema documents the same bounds.
_YEAR = re.compile(r"[0-9]{4}")


class YearsField(forms.MultipleChoiceField):
    """Any number of years, each written in four digits from FIRST_YEAR to LAST_YEAR."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not a year: write it in four digits, for example 2024."),
    }

    def valid_value(self, value):
        return bool(_YEAR.fullmatch(str(value))) and FIRST_YEAR <= int(value) <= LAST_YEAR


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    country = forms.MultipleChoiceField(label=_("Country"), required=False, choices=lambda: list(countries))
    agency_kind = forms.MultipleChoiceField(label=_("Kind of agency"), required=False, choices=Agency.Kind.choices)
    action_line = forms.MultipleChoiceField(label=_("WSIS action line"), required=False)
    sdg = forms.MultipleChoiceField(
        label=_("Sustainable Development Goal"), required=False, choices=[(str(n), str(n)) for n in range(1, 18)]
    )
    year = YearsField(label=_("Year"), required=False)
    open = forms.BooleanField(label=_("Open deadline only"), required=False)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, *args, labels: Labels | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels or Labels()
        self.fields["kind"].choices = [("", _("All kinds")), *registry.kinds()]
        # Read from the database only when an action line is asked for (and then once, with the labels).
        self.fields["action_line"].choices = self.labels.action_line_choices

    def query(self, language: str) -> Query:
        data = self.cleaned_data
        return Query.build(
            text=data["q"],
            kind=data["kind"],
            facets={facet: data[facet] for facet in FACETS if data.get(facet)},
            open_only=data["open"],
            language=language,
        )

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page") or 1
