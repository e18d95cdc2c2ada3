"""Filters of the library's API lists: guides by sub-topic, kind, audience, language, agency, state and words;
versions and files by guide."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from guides.library.forms import forms_q
from guides.library.models import Audience, Guide, GuideAttachment, GuideKind, GuideVersion, Subtopic
from portal.filters import AgencyFilter, NameFilter
from portal.models import ReviewState


class GuideFilter(django_filters.FilterSet):
    subtopic = django_filters.ChoiceFilter(label=_("Sub-topic"), choices=Subtopic.choices, method="filter_contains")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=GuideKind.choices)
    audience = django_filters.ChoiceFilter(label=_("Audience"), choices=Audience.choices, method="filter_contains")
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES, method="filter_contains")
    agency = AgencyFilter(label=_("Author agency"), field_name="agency")
    state = django_filters.ChoiceFilter(label=_("State"), field_name="review_state", choices=ReviewState.choices)
    q = django_filters.CharFilter(label=_("Words in the title or summary"), method="filter_words", max_length=100)

    class Meta:
        model = Guide
        fields = ["subtopic", "kind", "audience", "language", "agency", "state", "q"]

    def filter_contains(self, queryset, name, value):
        field = {"subtopic": "subtopics", "audience": "audience", "language": "languages"}[name]
        return queryset.filter(**{f"{field}__contains": value}) if value else queryset

    def filter_words(self, queryset, name, value):
        value = (value or "").strip()
        return queryset.filter(forms_q(value, ("title", "summary"))) if value else queryset


class _ByGuide(django_filters.FilterSet):
    guide = NameFilter("guide", label=_("Guide"), field_name="guide", help_text=_("Its title in any language."))


class GuideVersionFilter(_ByGuide):
    class Meta:
        model = GuideVersion
        fields = ["guide"]


class GuideAttachmentFilter(_ByGuide):
    class Meta:
        model = GuideAttachment
        fields = ["guide"]
