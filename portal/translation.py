"""Fields translated through modeltranslation (one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from portal.models import SDG, ActionLine, Agency, Deadline, Project, Theme


@register(ActionLine)
class ActionLineTranslation(TranslationOptions):
    fields = ("title",)


@register(SDG)
class SDGTranslation(TranslationOptions):
    fields = ("title",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title",)


@register(Agency)
class AgencyTranslation(TranslationOptions):
    fields = ("name", "description", "description_html")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "description_html")


@register(Deadline)
class DeadlineTranslation(TranslationOptions):
    fields = ("title",)
