"""Forms of the websites part: the report's filters, and the English-website address an agency's contact
proposes (a working-group admin: for any agency)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from guides.websites.models import CheckOutcome, WebsiteProposal
from portal.forms import ReportForm
from portal.models import Agency, EnglishWebsiteState


class WebsiteFilterForm(forms.Form):
    """Which agencies the report shows (the page and its downloads alike)."""

    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("any state")), *EnglishWebsiteState.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("any kind")), *Agency.Kind.choices])
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=lambda: [("", _("any country")), *countries]
    )
    outcome = forms.ChoiceField(
        label=_("Last check"), required=False, choices=[("", _("any result")), *CheckOutcome.choices]
    )

    def filters(self) -> dict:
        """The valid filters as `selectors.entries`' keyword arguments (none when the form is not valid)."""
        if not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in ("state", "kind", "country", "outcome")}


class WebsiteProposalForm(ReportForm):
    """The address of the agency's English website (empty: it has none), with a note for the working group."""

    class Meta:
        model = WebsiteProposal
        fields = ["agency", "url", "note"]
        widgets = {"url": forms.URLInput(attrs={"dir": "ltr", "placeholder": "https://"})}
