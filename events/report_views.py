"""The report pages of an agency's participations in events (the generic report pages of `portal.report_views`):
the list of the agency's reports, the form, the submission for review."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import selectors, services
from events.models import EventParticipation
from events.report_forms import ParticipationReportForm
from portal.report_views import ReportPages, ReportTexts


def preselected_event(request, form) -> dict:
    """`?event=<slug>` of a link from an event's page, when the event is one a participation may be reported for."""
    slug = request.GET.get("event")
    event = selectors.participation_events().filter(slug=slug).first() if slug else None
    return {"event": event.pk} if event is not None else {}


PARTICIPATION_PAGES = ReportPages(
    model=EventParticipation,
    form_class=ParticipationReportForm,
    namespace="events",
    reports=selectors.participation_reports,
    save=services.save_participation,
    submit=services.submit_participation,
    row_template="events/report_row.html",
    routes=("participations", "participation_create", "participation_edit", "participation_submit"),
    initial=preselected_event,
    texts=ReportTexts(
        title=_("Reported event participations"),
        own_title=_("My agency's event participations"),
        admin_lead=_(
            "Every agency's participations in events in every state: drafts, participations submitted for review and "
            "published ones."
        ),
        own_lead=_(
            "The events %(agency)s took part in, as reported: drafts, participations submitted for review and "
            "published ones."
        ),
        about=_(
            "A draft is seen only by your agency and the working group. Submit it for review: the working group "
            "publishes it on the agency's profile, the project's page and the event's page. Changing a participation "
            "after its submission makes it a draft again."
        ),
        add=_("Report a participation"),
        add_title=_("Report a participation"),
        edit_title=_("Edit the participation"),
        form_about=_(
            "Say how your agency took part, what came of it and what others should know next time. Write the outcome "
            "and the lessons in Turkish, in English or in both."
        ),
        count=lambda n: ngettext("%(n)s participation", "%(n)s participations", n) % {"n": n},
        none=_("No participation matches these filters."),
        saved=_("The participation is saved."),
        saved_as_draft=_("The participation is saved as a draft again: submit it for review once more."),
        submitted=_("The participation is submitted to the working group for review."),
        filter_label=_("Filter reported participations"),
    ),
)
