"""Forms of the materials part: the gallery's filters (also the API's query) and the details an agency writes."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from guides.materials.models import FIRST_YEAR, LAST_YEAR, MaterialDetails
from guides.materials.selectors import Filters, GalleryKind
from portal.forms import NameField


class GalleryFilterForm(forms.Form):
    """The gallery's filters. Bad values are field errors (the page shows them, the API answers 400)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Any kind")), *GalleryKind.choices], required=False)
    agency = NameField(
        "agency", label=_("Agency"), required=False, help_text=_("Its name in any language, or its acronym.")
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *settings.LANGUAGES], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)

    def filters(self) -> Filters:
        """The valid filters (after `is_valid()`); none when the form is not valid."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            kind=data.get("kind") or "",
            agency=data.get("agency"),
            language=data.get("language") or "",
            year=data.get("year"),
        )


class DetailsForm(forms.ModelForm):
    """The language and year of a material and the lessons its agency learned, in every language (each optional)."""

    class Meta:
        model = MaterialDetails
        fields = ["language", "year", *(f"lessons_{code}" for code, _name in settings.LANGUAGES)]
        widgets = {
            f"lessons_{code}": forms.Textarea(attrs={"rows": 4, "lang": code, "dir": "rtl" if code == "fa" else "auto"})
            for code, _name in settings.LANGUAGES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        lessons = MaterialDetails._meta.get_field("lessons")
        for code in names:
            field = self.fields[f"lessons_{code}"]
            field.label = f"{capfirst(lessons.verbose_name)} ({names[code]})"
            field.help_text = lessons.help_text if code == settings.LANGUAGE_CODE else ""
            field.required = False

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.Meta.fields):
            self.add_error(
                "language",
                forms.ValidationError(
                    _("Give the material's language, its year or what your agency learned."), code="empty"
                ),
            )
        return data

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}
