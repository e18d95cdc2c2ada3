"""Filters of the project list and of the deadline calendar, each shared by its page and the API, and the strict
filter types every app's filters use (a malformed value is a 400, never silently no filter): a record by its name
(`NameFilter`, `AgencyFilter`), an action line with its sub-lines, years within the model's bounds, ranges the right
way round (`RangeFilterSet`)."""

import datetime as dt
import functools
import operator
import re
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from portal import selectors
from portal.forms import NameField
from portal.models import SDG, ActionLine, Agency, Deadline, Project, ProjectStatus, Topic


class IntegerFilter(django_filters.NumberFilter):
    """A whole number: `2026.5` is a 400, not silently rounded."""

    field_class = forms.IntegerField


class StrictBooleanField(forms.NullBooleanField):
    """`true`/`false` (or `1`/`0`); anything else is an error rather than no filter at all (Django's select
    widget would read it as "unknown")."""

    widget = forms.TextInput

    default_error_messages = {"invalid": _("Enter true or false.")}
    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        try:
            return self.VALUES[str(value).lower()]
        except KeyError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


AGENCY_NAME_HELP = _("Its name in any language, its acronym, or a few letters of either.")
NAME_HELP = AGENCY_NAME_HELP


@extend_schema_field(OpenApiTypes.STR)
class NameFilter(django_filters.Filter):
    """A record of a `portal.names` kind typed by its name in any language, its acronym or its slug (old links and
    API clients keep sending the slug); the API also takes `<filter>_name=`. Looked up among the records the
    request's user may see; a name that fits none, or several, is a field error listing the candidates."""

    field_class = NameField

    def __init__(self, kind: str, *, help_text=NAME_HELP, **kwargs):
        self.kind = kind
        for ignored in ("queryset", "to_field_name", "empty_label", "widget"):
            kwargs.pop(ignored, None)
        super().__init__(kind=kind, help_text=help_text, **kwargs)

    @property
    def field(self):
        request = getattr(getattr(self, "parent", None), "request", None)
        self.extra["user"] = getattr(request, "user", None)
        return super().field


@extend_schema_field(OpenApiTypes.STR)
class AgencyFilter(NameFilter):
    """An agency by its name, acronym or slug (`field_name`, or `method`), typed in a text field, not chosen in a
    <select>: with thousands of agencies the options made every list page hundreds of kilobytes and seconds of
    rendering."""

    def __init__(self, *, help_text=AGENCY_NAME_HELP, **kwargs):
        kwargs.setdefault("label", _("Agency"))
        super().__init__("agency", help_text=help_text, **kwargs)


class RangeFilterSet(django_filters.FilterSet):
    """A FilterSet whose `<x>_min`/`<x>_max` pairs (years, amounts) must not be the wrong way round: a From after the
    To is an error on the To field (400 in the API), not an empty list."""

    def get_form_class(self):
        form_class = super().get_form_class()
        pairs = [(name[:-4] + "_min", name) for name in self.filters if name.endswith("_max")]
        pairs = [(low, high) for low, high in pairs if low in self.filters]

        def clean(form):
            data = super(form_class, form).clean()
            for low, high in pairs:
                start, end = data.get(low), data.get(high)
                if start is not None and end is not None and start > end:
                    form.add_error(
                        high,
                        ValidationError(
                            _("This must not be before %(start)s, the “%(label)s”."),
                            code="before_start",
                            params={"start": start, "label": form.fields[low].label},
                        ),
                    )
            return data

        form_class.clean = clean
        return form_class


def _filed_under(model, path: str, line: ActionLine) -> Q:
    """Records of `model` whose many-to-many to action lines at `path` (`action_lines`, or through foreign keys:
    `category__action_lines`) holds `line` or one of its sub-lines: a subquery on the through table."""
    *hops, name = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    m2m = model._meta.get_field(name)
    line_field = m2m.m2m_reverse_field_name()
    filed = m2m.remote_field.through.objects.filter(Q(**{line_field: line}) | Q(**{f"{line_field}__parent": line}))
    return Q(**{"__".join([*hops, "in"]) if hops else "pk__in": filed.values(m2m.m2m_field_name())})


SUB_LINES_HELP = _("A main line (C7) also finds its sub-lines (C7.1…C7.8).")


@extend_schema_field(OpenApiTypes.STR)
class ActionLineFilter(django_filters.ModelChoiceFilter):
    """A WSIS action line by its code: a main line (C7) also finds the records filed under its sub-lines
    (C7.1…C7.8). `paths`: the many-to-many fields to action lines it looks in (see `_filed_under`); a record
    matches through any of them. `project`: the record's foreign key to a project, whose action lines count too
    when the project is published (`selectors.published_project_ids`), never a draft's."""

    def __init__(self, *paths: str, project: str = "", help_text=SUB_LINES_HELP, **kwargs):
        self.paths = paths
        self.project = project
        super().__init__(
            label=_("WSIS action line"),
            queryset=ActionLine.objects.order_by("position"),
            to_field_name="code",
            help_text=help_text,
            **kwargs,
        )

    def filter(self, qs, value):
        if not value:
            return qs
        conditions = [_filed_under(qs.model, p, value) for p in self.paths]
        if self.project:
            filed = selectors.published_project_ids(_filed_under(Project, "action_lines", value))
            conditions.append(Q(**{f"{self.project}__in": filed}))
        return qs.filter(functools.reduce(operator.or_, conditions))


class YearFilter(IntegerFilter):
    """A year within `first` and `last` (the model's bounds): another is a 400, not a database error."""

    def __init__(self, *args, first: int, last: int, **kwargs):
        super().__init__(*args, min_value=first, max_value=last, **kwargs)


YEAR_RANGE_LABELS = (_("From year"), _("To year"))


def year_range(field_name: str, first: int, last: int, labels=YEAR_RANGE_LABELS):
    """The pair of filters `year_min` and `year_max`: the records of a year of `field_name` from, up to."""
    return (
        YearFilter(label=labels[0], field_name=field_name, lookup_expr="gte", first=first, last=last),
        YearFilter(label=labels[1], field_name=field_name, lookup_expr="lte", first=first, last=last),
    )


class ProjectFilter(django_filters.FilterSet):
    agency = AgencyFilter(method="filter_agency", help_text="")
    agency_kind = django_filters.ChoiceFilter(
        label=_("Agency kind"), field_name="agency__kind", choices=Agency.Kind.choices
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="agency__country", choices=lambda: list(countries)
    )
    action_line = ActionLineFilter("action_lines", help_text="")
    sdg = django_filters.ModelChoiceFilter(
        label=_("SDG"), queryset=SDG.objects.order_by("number"), to_field_name="number", field_name="sdgs"
    )
    year = django_filters.NumberFilter(label=_("Year"), method="filter_year", min_value=1950, max_value=2100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)

    class Meta:
        model = Project
        fields = ["agency", "agency_kind", "country", "action_line", "sdg", "year", "status"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_agency(self, qs, name, value):
        return qs.filter(pk__in=selectors.project_ids_of_agency(value)) if value else qs

    def filter_year(self, qs, name, value):
        """Projects running in that year: started by then and not ended before."""
        if value is None:
            return qs
        year = int(value)
        return qs.filter(start_year__lte=year).filter(Q(end_year__isnull=True) | Q(end_year__gte=year))


# 1970-01 to 2100-12, in ASCII digits (int() would read "۲۰۲۶" too); the API schema documents the same pattern.
MONTH_PATTERN = r"(19[7-9][0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])"
FIRST_MONTH, LAST_MONTH = "1970-01", "2100-12"


class MonthField(forms.CharField):
    """A calendar month written YYYY-MM; its value is the first day of that month."""

    default_error_messages = {
        "invalid": _("Enter a month as YYYY-MM, for example 2026-03, from %(first)s to %(last)s."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if not re.fullmatch(MONTH_PATTERN, value):
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"first": FIRST_MONTH, "last": LAST_MONTH}
            )
        return dt.date(int(value[:4]), int(value[5:]), 1)


class MonthFilter(django_filters.Filter):
    field_class = MonthField


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


class DeadlineFilter(django_filters.FilterSet):
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices)
    agency = AgencyFilter(
        method="filter_agency",
        help_text=_("Its name in any language, its acronym, or a few letters of either: deadlines addressed to it."),
    )
    month = MonthFilter(
        label=_("Month"),
        method="filter_month",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "YYYY-MM", "autocomplete": "off"}),
        help_text=_("YYYY-MM. A deadline belongs to the month of its date in its own time zone."),
    )

    class Meta:
        model = Deadline
        fields = ["topic", "agency", "month"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_agency(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(pk__in=Deadline.agencies.through.objects.filter(agency=value).values("deadline_id"))

    @extend_schema_field({"type": "string", "pattern": f"^{MONTH_PATTERN}$"})
    def filter_month(self, qs, name, value):
        """The month of the due date in the deadline's own zone: one exact range of instants per zone in use
        (portable, and each range can use the index on `due_at`)."""
        if value is None:
            return qs
        end = next_month(value)
        zones = qs.order_by().values_list("tz", flat=True).distinct()
        in_month = Q(pk__in=[])
        for zone in zones:
            tz = ZoneInfo(zone)
            in_month |= Q(
                tz=zone,
                due_at__gte=dt.datetime.combine(value, dt.time(0, 0), tzinfo=tz),
                due_at__lt=dt.datetime.combine(end, dt.time(0, 0), tzinfo=tz),
            )
        return qs.filter(in_month)
