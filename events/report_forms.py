"""The form an agency contact reports its agency's participation in an event with (a working-group admin: any
agency's)."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.models import Event, EventParticipation
from portal.forms import ReportForm


def event_dates(event: Event) -> str:
    """The event's local dates, in the active language's short format."""
    start = formats.date_format(event.starts_on, "SHORT_DATE_FORMAT")
    if event.ends_on == event.starts_on:
        return start
    return f"{start} – {formats.date_format(event.ends_on, 'SHORT_DATE_FORMAT')}"


def event_label(event: Event) -> str:
    return _("%(event)s (%(dates)s)") % {"event": event.name, "dates": event_dates(event)}


def grouped_events(events) -> list:
    """Choices of `events` in one <optgroup> per year, each named with its dates: several editions of a forum
    share a name."""
    groups: dict[str, list] = {}
    for event in events:
        groups.setdefault(str(event.starts_on.year), []).append((event.pk, event_label(event)))
    return [("", "---------"), *groups.items()]


class ParticipationReportForm(ReportForm):
    """A participation in an event. How the links are written is the model's rule."""

    translated = ("outcome", "lessons")
    project_help = _("A project of the agency or one it is a partner in, if it was shown.")

    class Meta:
        model = EventParticipation
        fields = [
            "agency",
            "event",
            "project",
            "role",
            "people",
            *(f"{name}_{code}" for name in ("outcome", "lessons") for code in ReportForm.text_languages),
            "material_links",
        ]
        widgets = {
            **ReportForm.text_widgets("outcome", "lessons"),
            # Web addresses read left to right on a Persian page too.
            "material_links": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.fields["event"]
        events = selectors.participation_events()
        if self.instance.event_id:
            # A participation already reported keeps its event, even one cancelled since.
            events = events | Event.objects.filter(pk=self.instance.event_id)
        event.queryset = events
        event.choices = grouped_events(events)
        event.help_text = _("Past and upcoming events, the latest first, by year.")
        validators = EventParticipation._meta.get_field("people").validators
        self.fields["people"].widget.attrs.update(  # the model's bounds, for the browser's number input
            min=max(v.limit_value for v in validators if v.code == "min_value"),
            max=min(v.limit_value for v in validators if v.code == "max_value"),
        )
