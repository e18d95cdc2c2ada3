"""Forms of the awards pages: an agency's award application."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards import selectors
from awards.models import AwardApplication, AwardCategory
from portal import selectors as portal_selectors
from portal.forms import ServiceForm
from portal.models import Agency
from portal.widgets import DateInput


def grouped_categories(categories) -> list:
    """Choices of `categories` in one <optgroup> per programme: without script, the user sees which categories
    belong to the edition's programme (the model's clean refuses the others)."""
    groups: dict[str, list] = {}
    for category in categories:
        groups.setdefault(category.programme.name, []).append((category.pk, str(category)))
    return [("", "---------"), *groups.items()]


class ApplicationForm(ServiceForm, forms.ModelForm):
    """An award application. A contact's is its own agency's (`agency` given, no field); a working-group admin
    chooses the agency. The project is one of the agency's own or partner projects; the rules are the model's."""

    class Meta:
        model = AwardApplication
        fields = ["agency", "project", "edition", "category", "state", "outcome", "submitted_on", "decided_on", "notes"]
        widgets = {
            "submitted_on": DateInput,
            "decided_on": DateInput,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            del self.fields["agency"]
            if self.instance.pk is None:
                self.instance.agency = agency  # so the model's clean checks the project against it
        else:
            self.fields["agency"].queryset = Agency.objects.order_by("slug")
        self.fields["project"].queryset = portal_selectors.report_project_choices(user, agency)
        self.fields["project"].help_text = _("A project of the agency or one it is a partner in.")
        self.fields["edition"].queryset = selectors.application_editions()
        category = self.fields["category"]
        category.queryset = AwardCategory.objects.select_related("programme").order_by(
            "programme__slug", "position", "code"
        )
        category.choices = grouped_categories(category.queryset)
        category.help_text = _("A category of the edition's programme, when it has categories.")
