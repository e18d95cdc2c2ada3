"""The report pages of a company's contributions and problems (the generic report pages of
`portal.report_views`): the list of the company's reports, the form, the submission for review."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordination.private_sector import selectors, services
from coordination.private_sector.forms import ContributionReportForm, ProblemReportForm
from coordination.private_sector.models import Contribution, Problem
from portal.report_views import ReportPages, ReportTexts


class CompanyReportPages(ReportPages):
    """Report pages only a company's contacts (and the working group) report on."""

    def can_report(self, user) -> bool:
        return selectors.may_report(user, self.model)


CONTRIBUTION_PAGES = CompanyReportPages(
    model=Contribution,
    form_class=ContributionReportForm,
    namespace="coordination",
    reports=selectors.contribution_reports,
    save=services.save_contribution,
    submit=services.submit_contribution,
    row_template="coordination/private_sector/contribution_report_row.html",
    routes=("contribution_reports", "contribution_create", "contribution_edit", "contribution_submit"),
    links=((_("Private-sector contributions"), "coordination:contribution_list"),),
    texts=ReportTexts(
        title=_("Reported contributions"),
        own_title=_("My company's contributions"),
        admin_lead=_("Every company's contributions in every state: drafts, submitted for review and published."),
        own_lead=_("What %(agency)s contributed to projects, events and award applications, as reported."),
        about=_(
            "A draft is seen only by your company and the working group. Submit it for review: the working group "
            "publishes it on the partners' pages. Changing a contribution after its submission makes it a draft "
            "again."
        ),
        add=_("Report a contribution"),
        add_title=_("Report a contribution"),
        edit_title=_("Edit the contribution"),
        form_about=_(
            "Name exactly one project, event or award application the company contributed to, the year, and the "
            "amount with its currency when there is one."
        ),
        count=lambda n: ngettext("%(n)s contribution", "%(n)s contributions", n) % {"n": n},
        none=_("No contribution matches these filters."),
        saved=_("The contribution is saved."),
        saved_as_draft=_("The contribution is saved as a draft again: submit it for review once more."),
        submitted=_("The contribution is submitted to the working group for review."),
        filter_label=_("Filter reported contributions"),
    ),
)

PROBLEM_PAGES = CompanyReportPages(
    model=Problem,
    form_class=ProblemReportForm,
    namespace="coordination",
    reports=selectors.problem_reports,
    save=services.save_problem,
    submit=services.submit_problem,
    row_template="coordination/private_sector/problem_report_row.html",
    routes=("problem_reports", "problem_create", "problem_edit", "problem_submit"),
    links=((_("Problems companies meet"), "coordination:problem_list"),),
    texts=ReportTexts(
        title=_("Reported problems"),
        own_title=_("My company's problems"),
        admin_lead=_("Every company's problems in every state: drafts, submitted for review and published."),
        own_lead=_("The problems %(agency)s reported to the working group."),
        about=_(
            "A draft is seen only by your company and the working group. Submit it for review: the working group "
            "publishes it, follows it up with the agencies concerned and sets its status."
        ),
        add=_("Report a problem"),
        add_title=_("Report a problem"),
        edit_title=_("Edit the problem"),
        form_about=_("Say what the problem is and which public agencies it concerns."),
        count=lambda n: ngettext("%(n)s problem", "%(n)s problems", n) % {"n": n},
        none=_("No problem matches these filters."),
        saved=_("The problem is saved."),
        saved_as_draft=_("The problem is saved as a draft again: submit it for review once more."),
        submitted=_("The problem is submitted to the working group for review."),
        filter_label=_("Filter reported problems"),
    ),
)
