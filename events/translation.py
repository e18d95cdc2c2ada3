"""Translated texts of the events area (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Event, EventParticipation


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("name", "description", "city", "venue", "support_details")


@register(EventParticipation)
class EventParticipationTranslation(TranslationOptions):
    fields = ("outcome", "lessons")
