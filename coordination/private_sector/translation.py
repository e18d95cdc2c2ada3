"""Translated fields of the coordination area's private sector part (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from coordination.private_sector.models import CompanyProfile, Contribution, Incentive


@register(CompanyProfile)
class CompanyProfileTranslation(TranslationOptions):
    fields = ("description",)


@register(Contribution)
class ContributionTranslation(TranslationOptions):
    fields = ("description",)


@register(Incentive)
class IncentiveTranslation(TranslationOptions):
    fields = ("title", "description", "how_to_apply")
