"""Translated fields of the library's guides and versions (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from guides.library.models import Guide, GuideAttachment, GuideVersion


@register(Guide)
class GuideTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "change_note")


@register(GuideVersion)
class GuideVersionTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "change_note")


@register(GuideAttachment)
class GuideAttachmentTranslation(TranslationOptions):
    fields = ("title",)
