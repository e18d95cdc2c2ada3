"""Forms of the awards pages: an agency's award application."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards import selectors
from awards.models import AwardApplication, AwardCategory
from portal.forms import ReportForm
from portal.widgets import DateInput


def grouped_categories(categories) -> list:
    """Choices of `categories` in one <optgroup> per programme: without script, the user sees which categories
    belong to the edition's programme (the model's clean refuses the others)."""
    groups: dict[str, list] = {}
    for category in categories:
        groups.setdefault(category.programme.name, []).append((category.pk, str(category)))
    return [("", "---------"), *groups.items()]


class ApplicationForm(ReportForm):
    """An award application. The category belongs to the edition's programme; the rules are the model's."""

    class Meta:
        model = AwardApplication
        fields = [
            "agency",
            "project",
            "edition",
            "category",
            "state",
            "outcome",
            "evidence_url",
            "submitted_on",
            "decided_on",
            "notes",
        ]
        widgets = {
            "submitted_on": DateInput,
            "decided_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = selectors.application_editions()
        category = self.fields["category"]
        category.queryset = AwardCategory.objects.select_related("programme").order_by(
            "programme__slug", "position", "code"
        )
        category.choices = grouped_categories(category.queryset)
        category.help_text = _("A category of the edition's programme, when it has categories.")
