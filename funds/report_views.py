"""The report pages of the grants an agency received (the generic report pages of `portal.report_views`): the list
of the agency's reports, the form, the submission for review."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from funds import selectors, services
from funds.models import Grant
from funds.report_forms import GrantReportForm
from portal.report_views import ReportPages, ReportTexts

GRANT_PAGES = ReportPages(
    model=Grant,
    form_class=GrantReportForm,
    namespace="funds",
    reports=selectors.grant_reports,
    save=services.save_grant,
    submit=services.submit_grant,
    row_template="funds/report_row.html",
    links=((_("The grants inventory"), "funds:grants"),),
    texts=ReportTexts(
        title=_("Reported grants"),
        own_title=_("My agency's grants"),
        admin_lead=_("Every agency's grants in every state: drafts, grants submitted for review and published ones."),
        own_lead=_(
            "The grants %(agency)s received, as reported: drafts, grants submitted for review and published ones."
        ),
        about=_(
            "A draft is seen only by your agency and the working group. Submit it for review: the working group "
            "publishes it in the grants inventory. Changing a grant after its submission makes it a draft again."
        ),
        add=_("Report a grant"),
        add_title=_("Report a grant"),
        edit_title=_("Edit the grant"),
        form_about=_(
            "Give the amount in the currency of the agreement: totals are kept per currency, never converted. Write "
            "the purpose in Turkish, in English or in both."
        ),
        count=lambda n: ngettext("%(n)s grant", "%(n)s grants", n) % {"n": n},
        none=_("No grant matches these filters."),
        saved=_("The grant is saved."),
        saved_as_draft=_("The grant is saved as a draft again: submit it for review once more."),
        submitted=_("The grant is submitted to the working group for review."),
        filter_label=_("Filter reported grants"),
    ),
)
