"""The form of a saved search: its name and how often it mails; the query comes from the search's address."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import ServiceForm
from portal.models import Frequency


class SavedSearchForm(ServiceForm, forms.Form):
    name = forms.CharField(
        label=_("Name of the search"),
        max_length=120,
        help_text=_("It names the search in your mails and on “My alerts”."),
    )
    frequency = forms.ChoiceField(
        label=_("How often should we mail you its new matches?"),
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        help_text=_("Digests leave at the digest hour of your alert settings, in your time zone; weekly on Mondays."),
    )


class SavedSearchEditForm(SavedSearchForm):
    active = forms.BooleanField(
        label=_("Mail me its new matches"),
        required=False,
        help_text=_("Clear it to keep the search without mails."),
    )
