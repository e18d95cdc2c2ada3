"""Model fields shared by the apps."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.CharField):
    """A set of codes out of `codes` (choices), stored separated by commas (“ministry,ngo”) in the codes' own
    order, so that `field__contains="ngo"` finds a code on every database when no code contains another."""

    def __init__(self, *args, codes=(), **kwargs):
        self.codes = list(codes)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 200:
            del kwargs["max_length"]
        kwargs["codes"] = self.codes
        return name, path, args, kwargs

    @property
    def values(self) -> list[str]:
        return [code for code, _label in self.codes]

    def _as_list(self, value) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = value.split(",")
        given = {str(v).strip() for v in value}
        return [code for code in self.values if code in given]

    def from_db_value(self, value, expression, connection):
        return self._as_list(value)

    def to_python(self, value):
        return self._as_list(value)

    def get_prep_value(self, value):
        if isinstance(value, str):  # a lookup's operand (`field__contains="ngo"`)
            return value
        return ",".join(self._as_list(value))

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj))

    def validate(self, value, model_instance):
        unknown = sorted(set(value or ()) - set(self.values))
        if unknown:
            raise ValidationError(
                _("Unknown value: %(values)s."), code="unknown_value", params={"values": ", ".join(unknown)}
            )
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        return None  # the CharField length validator does not apply to a list

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.codes,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
            **{k: v for k, v in kwargs.items() if k in ("initial", "disabled")},
        )


# Longest free texts, in characters: forms, the API and imports all read them from the model field's max_length.
LONG_TEXT = 20_000  # a description
MEDIUM_TEXT = 10_000  # how to apply, lessons learned
SHORT_TEXT = 5_000  # notes, a purpose, a comment, a list of links
