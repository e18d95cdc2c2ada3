"""The form an agency contact reports a grant its agency received with (a working-group admin: any agency's)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from funds import selectors
from funds.models import Funder, Grant
from portal import currencies
from portal.forms import ReportForm
from portal.widgets import DateInput


def currency_choices() -> list[tuple[str, str]]:
    return [("", "---------"), *currencies.choices()]


def grouped_programmes(programmes) -> list:
    """Choices of `programmes` in one <optgroup> per funder: the user sees whose programme it is (the model's
    clean refuses another funder's)."""
    groups: dict[str, list] = {}
    for programme in programmes:
        groups.setdefault(str(programme.funder), []).append((programme.pk, str(programme)))
    return [("", "---------"), *groups.items()]


class GrantReportForm(ReportForm):
    """A grant received. Money rules (ISO 4217 code, above zero, the currency's decimals) are the model's."""

    translated = ("purpose",)
    currency = forms.ChoiceField(
        label=capfirst(Grant._meta.get_field("currency").verbose_name), choices=currency_choices
    )

    class Meta:
        model = Grant
        fields = [
            "agency",
            "funder",
            "programme",
            "project",
            "amount",
            "currency",
            "signed_on",
            "duration_months",
            *(f"purpose_{code}" for code in ReportForm.text_languages),
            "source_url",
        ]
        widgets = {"signed_on": DateInput, **ReportForm.text_widgets("purpose")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = Funder.objects.order_by("slug")
        programme = self.fields["programme"]
        programme.queryset = selectors.grant_programme_choices()
        programme.choices = grouped_programmes(programme.queryset)
        programme.help_text = _("A programme of the funder, when the grant came through one.")
        self.fields["amount"].help_text = _(
            "In the currency of the agreement, above zero, with no more decimals than the currency has."
        )
