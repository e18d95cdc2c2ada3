"""The form an agency contact reports its agency's participation in an event with (a working-group admin: any
agency's)."""

from django import forms
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.models import Event, EventParticipation, ParticipationState
from portal import selectors as portal_selectors
from portal.forms import ServiceForm
from portal.models import Agency

# The outcome and the lessons are written in Turkish and in English: every other language falls back to them.
TEXT_LANGUAGES = ("tr", "en")
TRANSLATED = ("outcome", "lessons")


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


class ParticipationReportForm(ServiceForm, forms.ModelForm):
    """A participation in an event. A contact's is its own agency's (`agency` given, no field); a working-group
    admin chooses the agency. Whose project it may name and how the links are written are the model's rules."""

    class Meta:
        model = EventParticipation
        fields = [
            "agency",
            "event",
            "project",
            "role",
            "people",
            *(f"{name}_{code}" for name in TRANSLATED for code in TEXT_LANGUAGES),
            "material_links",
        ]
        widgets = {
            **{
                f"{name}_{code}": forms.Textarea(attrs={"rows": 4, "lang": code})
                for name in TRANSLATED
                for code in TEXT_LANGUAGES
            },
            # Web addresses read left to right on a Persian page too.
            "material_links": forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        }

    def __init__(self, *args, user, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            del self.fields["agency"]
            if self.instance.pk is None:
                self.instance.agency = agency  # so the model's clean checks the project against it
        else:
            self.fields["agency"].queryset = Agency.objects.order_by("slug")
        event = self.fields["event"]
        events = selectors.participation_events()
        if self.instance.event_id:
            # A participation already reported keeps its event, even one cancelled since.
            events = events | Event.objects.filter(pk=self.instance.event_id)
        event.queryset = events
        event.choices = grouped_events(events)
        event.help_text = _("Past and upcoming events, the latest first, by year.")
        self.fields["project"].queryset = portal_selectors.report_project_choices(user, agency)
        self.fields["project"].help_text = _("A project of the agency or one it is a partner in, if it was shown.")
        validators = EventParticipation._meta.get_field("people").validators
        self.fields["people"].widget.attrs.update(  # the model's bounds, for the browser's number input
            min=max(v.limit_value for v in validators if v.code == "min_value"),
            max=min(v.limit_value for v in validators if v.code == "max_value"),
        )
        names = dict(settings.LANGUAGES)
        labels = {"outcome": _("Outcome"), "lessons": _("Lessons learned")}
        for name in TRANSLATED:
            help_text = EventParticipation._meta.get_field(name).help_text
            for code in TEXT_LANGUAGES:
                field = self.fields[f"{name}_{code}"]
                field.label = f"{labels[name]} ({names[code]})"
                field.help_text = help_text
                field.required = False


class ReportFilterForm(forms.Form):
    """The participations page's filter: a state."""

    state = forms.ChoiceField(
        label=_("State"), choices=[("", _("Any state")), *ParticipationState.choices], required=False
    )
