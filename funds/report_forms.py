"""The form an agency contact reports a grant its agency received with (a working-group admin: any agency's)."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from funds import selectors
from funds.models import Funder, Grant, GrantState
from portal import currencies
from portal import selectors as portal_selectors
from portal.forms import ServiceForm
from portal.models import Agency
from portal.widgets import DateInput

# The purpose is written in Turkish and in English: every other language falls back to them.
PURPOSE_LANGUAGES = ("tr", "en")


def currency_choices() -> list[tuple[str, str]]:
    return [("", "---------"), *currencies.choices()]


def grouped_programmes(programmes) -> list:
    """Choices of `programmes` in one <optgroup> per funder: the user sees whose programme it is (the model's
    clean refuses another funder's)."""
    groups: dict[str, list] = {}
    for programme in programmes:
        groups.setdefault(str(programme.funder), []).append((programme.pk, str(programme)))
    return [("", "---------"), *groups.items()]


class GrantReportForm(ServiceForm, forms.ModelForm):
    """A grant received. A contact's is its own agency's (`agency` given, no field); a working-group admin
    chooses the agency. Money rules (ISO 4217 code, above zero, the currency's decimals) are the model's."""

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
            *(f"purpose_{code}" for code in PURPOSE_LANGUAGES),
            "source_url",
        ]
        widgets = {
            "signed_on": DateInput,
            **{f"purpose_{code}": forms.Textarea(attrs={"rows": 4, "lang": code}) for code in PURPOSE_LANGUAGES},
        }

    def __init__(self, *args, user, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            del self.fields["agency"]
            if self.instance.pk is None:
                self.instance.agency = agency  # so the model's clean checks the project against it
        else:
            self.fields["agency"].queryset = Agency.objects.order_by("slug")
        self.fields["funder"].queryset = Funder.objects.order_by("slug")
        programme = self.fields["programme"]
        programme.queryset = selectors.grant_programme_choices()
        programme.choices = grouped_programmes(programme.queryset)
        programme.help_text = _("A programme of the funder, when the grant came through one.")
        self.fields["project"].queryset = portal_selectors.report_project_choices(user, agency)
        self.fields["project"].help_text = _("A project of the agency or one it is a partner in.")
        self.fields["amount"].help_text = _(
            "In the currency of the agreement, above zero, with no more decimals than the currency has."
        )
        names = dict(settings.LANGUAGES)
        for code in PURPOSE_LANGUAGES:
            field = self.fields[f"purpose_{code}"]
            field.label = f"{_('Purpose')} ({names[code]})"
            field.required = False


class ReportFilterForm(forms.Form):
    """The reports page's filter: a state of the grants."""

    state = forms.ChoiceField(label=_("State"), choices=[("", _("Any state")), *GrantState.choices], required=False)
