"""The form a responsible agency's contact reports progress on a resolution with (a working-group admin: any
responsible agency's)."""

from django.utils.translation import gettext_lazy as _

from coordination.meetings import selectors
from coordination.meetings.models import ProgressNote, Resolution
from portal.forms import ReportForm


def resolution_label(resolution: Resolution) -> str:
    text = resolution.text if len(resolution.text) <= 80 else resolution.text[:79] + "…"
    return _("%(body)s, resolution %(number)s: %(text)s") % {
        "body": resolution.meeting.body.name,
        "number": resolution.number,
        "text": text,
    }


class ProgressNoteForm(ReportForm):
    """A progress note; the resolution is one the agency is responsible for and still open or in progress."""

    translated = ("text",)

    class Meta:
        model = ProgressNote
        fields = ["agency", "resolution", *(f"text_{code}" for code in ReportForm.text_languages)]
        widgets = {**ReportForm.text_widgets("text", rows=6)}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        field = self.fields["resolution"]
        choices = selectors.reportable_resolutions(user)
        if self.instance.resolution_id:
            choices = choices | Resolution.objects.filter(pk=self.instance.resolution_id)
        field.queryset = choices.select_related("meeting__body").order_by("meeting__held_on", "pk")
        field.label_from_instance = resolution_label
        field.help_text = _("The open resolutions your agency is responsible for.")
