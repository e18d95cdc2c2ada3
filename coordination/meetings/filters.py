"""Filters of the meetings part's API lists: meetings by body, resolutions by body, agency, state and overdue, and
progress notes by resolution and agency."""

import django_filters
from django.utils.translation import gettext_lazy as _

from coordination.meetings import selectors
from coordination.meetings.models import Meeting, ProgressNote, Resolution, ResolutionState
from portal.filters import AgencyFilter, NameFilter, StrictBooleanFilter
from portal.models import ReviewState


def _body_filter(field_name: str):
    return NameFilter("body", label=_("Body"), field_name=field_name)


class MeetingFilter(django_filters.FilterSet):
    body = _body_filter("body")
    attendee = AgencyFilter(label=_("Attending agency"), field_name="attendees")

    class Meta:
        model = Meeting
        fields = ["body", "attendee"]


class ResolutionFilter(django_filters.FilterSet):
    body = _body_filter("meeting__body")
    meeting = django_filters.NumberFilter(label=_("Meeting"), field_name="meeting_id")
    agency = AgencyFilter(label=_("Responsible agency"), field_name="responsible")
    state = django_filters.ChoiceFilter(label=_("State"), choices=ResolutionState.choices)
    overdue = StrictBooleanFilter(
        label=_("Overdue"),
        method="filter_overdue",
        help_text=_("Open or in progress after its due date in its own time zone (true), or not (false)."),
    )

    class Meta:
        model = Resolution
        fields = ["body", "meeting", "agency", "state", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = selectors.overdue().values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class ProgressNoteFilter(django_filters.FilterSet):
    resolution = django_filters.NumberFilter(label=_("Resolution"), field_name="resolution_id")
    agency = AgencyFilter(field_name="agency")
    state = django_filters.ChoiceFilter(label=_("State"), field_name="review_state", choices=ReviewState.choices)

    class Meta:
        model = ProgressNote
        fields = ["resolution", "agency", "state"]
