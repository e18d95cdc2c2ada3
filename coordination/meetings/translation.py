"""Translated fields of coordination bodies, meetings, resolutions and progress notes (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from coordination.meetings.models import Body, Meeting, ProgressNote, Resolution


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "place", "agenda", "minutes", "minutes_html")


@register(Resolution)
class ResolutionTranslation(TranslationOptions):
    fields = ("text", "state_note")


@register(ProgressNote)
class ProgressNoteTranslation(TranslationOptions):
    fields = ("text",)
