"""Forms of the library's pages: the library's filters, the comparison of two versions, and the form a contact
proposes or changes a guide with (six language blocks, attachments checked by content)."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from guides.library.models import Audience, Guide, GuideKind, Subtopic
from portal.forms import NameField, ServiceForm
from portal.models import Agency
from portal.uploads import validate_document

LANGUAGE_CHOICES = list(settings.LANGUAGES)
TRANSLATED = ("title", "summary", "body", "change_note")


class LibraryFilterForm(forms.Form):
    """The library's filters (`?subtopic=&kind=&audience=&language=&agency=&q=`); a wrong value is a field error."""

    q = forms.CharField(label=_("Words in the title or summary"), max_length=100, required=False)
    subtopic = forms.ChoiceField(label=_("Sub-topic"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    agency = NameField(
        "agency", label=_("Author agency"), required=False, help_text=_("Its name in any language, or its acronym.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subtopic"].choices = [("", _("Any sub-topic")), *Subtopic.choices]
        self.fields["kind"].choices = [("", _("Any kind")), *GuideKind.choices]
        self.fields["audience"].choices = [("", _("Any audience")), *Audience.choices]
        self.fields["language"].choices = [("", _("Any language")), *LANGUAGE_CHOICES]

    def filter(self, qs):
        data = self.cleaned_data
        if data.get("q"):
            words = data["q"].strip()
            qs = qs.filter(forms_q(words, ("title", "summary")))
        if data.get("subtopic"):
            qs = qs.filter(subtopics__contains=data["subtopic"])
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("audience"):
            qs = qs.filter(audience__contains=data["audience"])
        if data.get("language"):
            qs = qs.filter(languages__contains=data["language"])
        if data.get("agency"):
            qs = qs.filter(agency=data["agency"])
        return qs


def forms_q(words: str, names: tuple[str, ...]):
    """A search on the translated fields `names`, in every language."""
    from django.db.models import Q

    query = Q()
    for name in names:
        for code, _name in settings.LANGUAGES:
            query |= Q(**{f"{name}_{code}__icontains": words})
    return query


class CompareForm(forms.Form):
    """Two versions of a guide to compare (`?from=1&to=2`), the language, and the view (inline or side by side)."""

    VIEWS = (("inline", _("inline")), ("side", _("side by side")))

    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    view = forms.ChoiceField(label=_("View"), choices=VIEWS, required=False)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(n), str(n)) for n in numbers]
        # `from` and `to` are Python words: the fields are added by name.
        self.fields["from"] = forms.TypedChoiceField(label=_("From version"), choices=choices, coerce=int)
        self.fields["to"] = forms.TypedChoiceField(label=_("To version"), choices=choices, coerce=int)
        self.order_fields(["from", "to", "language", "view"])

    def clean(self):
        data = super().clean()
        if data.get("from") is not None and data.get("from") == data.get("to"):
            self.add_error("to", _("Choose two different versions."))
        data["view"] = data.get("view") or "inline"
        return data


class GuideForm(ServiceForm, forms.ModelForm):
    """A guide as its agency's contact proposes or changes it (a working-group admin also chooses the agency): the
    title, summary, body (Markdown) and change note in six languages, the rest once; one attachment at a time,
    checked by content. The service's refusals are shown at their fields."""

    attachment_title = forms.CharField(label=_("Title of the attached file"), max_length=200, required=False)
    attachments = forms.FileField(
        label=_("Attach a file"),
        required=False,
        validators=[validate_document],
        help_text=_("A PDF, Word, Excel or PowerPoint file, or an image; its content is checked."),
    )

    class Meta:
        model = Guide
        fields = [
            *(f"{name}_{code}" for code, _n in settings.LANGUAGES for name in TRANSLATED),
            "agency",
            "kind",
            "subtopics",
            "audience",
            "award_programme",
            "award_edition",
            "fund_programme",
            "fund_call",
            "event",
            "circular",
            "review_by",
            "review_tz",
        ]
        widgets = {
            **{
                f"{name}_{code}": forms.Textarea(attrs={"rows": rows, "lang": code, "dir": "auto"})
                for code, _n in settings.LANGUAGES
                for name, rows in (("summary", 3), ("body", 14))
            },
            "review_by": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        from coordination.circulars.selectors import visible_circulars

        if agency is not None or self.instance.pk is not None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = Agency.objects.order_by("slug")
        names = dict(settings.LANGUAGES)
        for name in TRANSLATED:
            model_field = Guide._meta.get_field(name)
            for code in names:
                field = self.fields[f"{name}_{code}"]
                field.label = f"{capfirst(model_field.verbose_name)} ({names[code]})"
                field.help_text = model_field.help_text
                field.required = False
        self.fields["circular"].queryset = visible_circulars(user).order_by("-dated_on", "-pk")
        self.fields["award_edition"].queryset = self.fields["award_edition"].queryset.select_related("programme")
        self.fields["fund_call"].queryset = self.fields["fund_call"].queryset.select_related("programme")

    def clean(self):
        data = super().clean()
        if not any((data.get(f"title_{code}") or "").strip() for code, _n in settings.LANGUAGES):
            self.add_error("title_en", _("Give the title in at least one language."))
        return data

    def language_groups(self):
        """The translated fields grouped per language, for one fieldset each."""
        return [(code, name, [self[f"{f}_{code}"] for f in TRANSLATED]) for code, name in settings.LANGUAGES]

    def other_fields(self):
        codes = dict(settings.LANGUAGES)
        return [
            self[name]
            for name in self.fields
            if name.rsplit("_", 1)[-1] not in codes and name not in ("attachment_title", "attachments")
        ]

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in ("attachment_title", "attachments") and name in self.cleaned_data
        }

    def attachment_items(self) -> list:
        file = self.cleaned_data.get("attachments")
        return [(self.cleaned_data.get("attachment_title", ""), file)] if file else []
