"""Forms of the participation part: the coverage report's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.models import Agency


class CoverageFilterForm(forms.Form):
    """Which agencies the coverage report shows (the page and its downloads alike)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("any kind")), *Agency.Kind.choices])
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=lambda: [("", _("any country")), *countries]
    )
    without_contact = forms.BooleanField(label=_("Only agencies with no confirmed contact"), required=False)

    def filters(self) -> dict:
        """The valid filters as the selectors' keyword arguments (none when the form is not valid)."""
        if not self.is_valid():
            return {}
        return {
            "kind": self.cleaned_data["kind"],
            "country": self.cleaned_data["country"],
            "without_contact": self.cleaned_data["without_contact"],
        }
