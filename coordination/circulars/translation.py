"""Translated fields of circular letters and distribution lists (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from coordination.circulars.models import Circular, DistributionList


@register(DistributionList)
class DistributionListTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Circular)
class CircularTranslation(TranslationOptions):
    fields = ("subject", "body", "body_html", "requested_action", "contact_role")
