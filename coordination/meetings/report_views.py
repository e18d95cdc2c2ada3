"""The report pages of resolution progress notes (the generic report pages of `portal.report_views`)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordination.meetings import selectors, services
from coordination.meetings.forms import ProgressNoteForm
from coordination.meetings.models import ProgressNote
from portal.report_views import ReportPages, ReportTexts


def preselected_resolution(request, form) -> dict:
    """`?resolution=<id>` of a link from a resolution's page, when the user may report on it."""
    value = request.GET.get("resolution", "")
    found = selectors.reportable_resolutions(request.user).filter(pk=value).first() if value.isdigit() else None
    return {"resolution": found.pk} if found is not None else {}


NOTE_PAGES = ReportPages(
    model=ProgressNote,
    form_class=ProgressNoteForm,
    namespace="coordination",
    reports=selectors.note_reports,
    save=services.save_note,
    submit=services.submit_note,
    row_template="coordination/meetings/report_row.html",
    routes=("progress_notes", "progress_note_create", "progress_note_edit", "progress_note_submit"),
    initial=preselected_resolution,
    texts=ReportTexts(
        title=_("Reported progress on resolutions"),
        own_title=_("My agency's progress notes"),
        admin_lead=_("Every agency's progress notes on resolutions, in every state."),
        own_lead=_("The progress %(agency)s reported on the resolutions it is responsible for, in every state."),
        about=_(
            "A draft is seen only by your agency and the working group. Submit it for review: once the working group "
            "publishes it, it shows on the resolution's page. Changing a note after its submission makes it a draft "
            "again."
        ),
        add=_("Report progress"),
        add_title=_("Report progress on a resolution"),
        edit_title=_("Edit the progress note"),
        form_about=_(
            "Say what your agency has done to carry out the resolution and what is left, in Turkish, in English or in both."
        ),
        count=lambda n: ngettext("%(n)s progress note", "%(n)s progress notes", n) % {"n": n},
        none=_("No progress note matches these filters."),
        saved=_("The progress note is saved."),
        saved_as_draft=_("The progress note is saved as a draft again: submit it for review once more."),
        submitted=_("The progress note is submitted to the working group for review."),
        filter_label=_("Filter progress notes"),
    ),
)
