"""Fields of the awards area translated through modeltranslation (one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from awards.models import AwardCategory, AwardEdition, AwardProgramme, AwardResult


@register(AwardProgramme)
class AwardProgrammeTranslation(TranslationOptions):
    fields = ("name", "organiser", "description", "eligibility")


@register(AwardCategory)
class AwardCategoryTranslation(TranslationOptions):
    fields = ("title",)


@register(AwardEdition)
class AwardEditionTranslation(TranslationOptions):
    fields = ("ceremony_place",)


@register(AwardResult)
class AwardResultTranslation(TranslationOptions):
    fields = ("notes",)
