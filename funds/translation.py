"""Translated texts of the funds area (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from funds.models import Funder, FundingCall, FundingProgramme, Grant


@register(Funder)
class FunderTranslation(TranslationOptions):
    fields = ("name", "description")


@register(FundingProgramme)
class FundingProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "how_to_apply")


@register(FundingCall)
class FundingCallTranslation(TranslationOptions):
    fields = ("title",)


@register(Grant)
class GrantTranslation(TranslationOptions):
    fields = ("purpose",)
