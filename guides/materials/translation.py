"""Translated fields of the materials part (modeltranslation): the lessons an agency wrote, in six languages."""

from modeltranslation.translator import TranslationOptions, register

from guides.materials.models import MaterialDetails


@register(MaterialDetails)
class MaterialDetailsTranslation(TranslationOptions):
    fields = ("lessons",)
