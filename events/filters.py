"""Filters of the events area's lists, each shared by its page and the API: events and participations."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from events import selectors
from events.models import Attendance, Event, EventKind, EventParticipation, EventStatus, ParticipationRole
from portal.filters import ActionLineFilter, AgencyFilter, MonthFilter, NameFilter, StrictBooleanFilter, YearFilter
from portal.languages import CODES

FIRST_YEAR, LAST_YEAR = 1990, 2100


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=lambda: list(countries))
    month = MonthFilter(
        label=_("Month"),
        method="filter_month",
        help_text=_("Events running on at least one day of this month (YYYY-MM), by their local dates."),
    )
    theme = NameFilter("theme", label=_("Theme"), field_name="themes")
    action_line = ActionLineFilter("action_lines")
    open_deadline = StrictBooleanFilter(
        label=_("Has an open deadline"),
        method="filter_open_deadline",
        help_text=_("A proposal, exhibition space or registration deadline still ahead (true), or none (false)."),
    )
    online = StrictBooleanFilter(
        label=_("Online"),
        method="filter_online",
        help_text=_("Events one can follow online (true), or held only in person (false)."),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EventStatus.choices)

    class Meta:
        model = Event
        fields = ["kind", "country", "month", "theme", "action_line", "open_deadline", "online", "status"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_month(self, qs, name, value):
        return qs.filter(selectors.in_month(value)) if value else qs

    def filter_open_deadline(self, qs, name, value):
        """events.selectors.with_open_deadline is the rule."""
        if value is None:
            return qs
        condition = selectors.with_open_deadline()
        return qs.filter(condition) if value else qs.exclude(condition)

    def filter_online(self, qs, name, value):
        if value is None:
            return qs
        return qs.exclude(attendance=Attendance.IN_PERSON) if value else qs.filter(attendance=Attendance.IN_PERSON)


class ParticipationFilter(django_filters.FilterSet):
    event = NameFilter(
        "event",
        label=_("Event"),
        field_name="event",
        help_text=_("Its name in any language, e.g. “WSIS Forum 2026”."),
    )
    agency = AgencyFilter(field_name="agency")
    role = django_filters.ChoiceFilter(label=_("Role"), choices=ParticipationRole.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind of event"), field_name="event__kind", choices=EventKind.choices)
    year = YearFilter(label=_("Year"), field_name="event__starts_on__year", first=FIRST_YEAR, last=LAST_YEAR)
    has_lessons = StrictBooleanFilter(
        label=_("With lessons learned"),
        method="filter_has_lessons",
        help_text=_("Participations whose lessons learned are written (true), or not (false)."),
    )

    class Meta:
        model = EventParticipation
        fields = ["event", "agency", "role", "kind", "year", "has_lessons"]

    def filter_has_lessons(self, qs, name, value):
        if value is None:
            return qs
        written = Q(pk__in=[])
        for code in CODES:
            written |= Q(**{f"lessons_{code}__gt": ""})  # neither empty nor NULL, in some language
        return qs.filter(written) if value else qs.exclude(written)
