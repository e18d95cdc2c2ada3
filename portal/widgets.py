"""Form widgets shared by the areas' forms."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and expects ISO dates whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class NameInput(forms.TextInput):
    """A text field for a record's name, slug or acronym (`portal.names`): the script
    `portal/static/js/combobox.js` makes it a combobox with suggestions from the names endpoint; without
    JavaScript it is a plain text field resolved on submit. Its value is what was typed, or, when the form came
    back with candidates, the one chosen (`<name>_choice`); the API also reads `<name>_name`."""

    def __init__(self, kind: str, attrs=None):
        self.kind = kind
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        from django.utils.translation import gettext

        context["widget"]["attrs"].update(
            {
                "data-autocomplete": self.kind,
                "data-autocomplete-url": reverse("api:names"),
                # Read aloud by the combobox's live region; %s is the number of suggestions.
                "data-autocomplete-count": gettext("Suggestions: %s. Use the arrow keys to choose one."),
                "data-autocomplete-none": gettext("No suggestions."),
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        for key in (f"{name}_choice", name, f"{name}_name"):
            if data.get(key):
                return data.get(key)
        return None

    def value_omitted_from_data(self, data, files, name):
        return all(key not in data for key in (f"{name}_choice", name, f"{name}_name"))
