"""Translated fields of the portals part (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from guides.portals.models import InternationalPortal, PortalListing


@register(InternationalPortal)
class InternationalPortalTranslation(TranslationOptions):
    fields = ("name", "accepts", "how_to_list", "how_to_list_html")


@register(PortalListing)
class PortalListingTranslation(TranslationOptions):
    fields = ("note",)
