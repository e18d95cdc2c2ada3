"""The pages where an agency's contacts propose their agency's English-website address (the generic report pages
of `portal.report_views`); the working group publishes it to the agency from the review queue."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guides.websites import selectors, services
from guides.websites.forms import WebsiteProposalForm
from guides.websites.models import WebsiteProposal
from portal.report_views import ReportPages, ReportTexts

PROPOSAL_PAGES = ReportPages(
    model=WebsiteProposal,
    form_class=WebsiteProposalForm,
    namespace="guides",
    reports=selectors.proposals_of,
    save=services.save_proposal,
    submit=services.submit_proposal,
    row_template="guides/websites/proposal_row.html",
    routes=("website_proposals", "website_propose", "website_proposal_edit", "website_proposal_submit"),
    links=((_("Every agency's English website"), "guides:websites"),),
    texts=ReportTexts(
        title=_("Proposed English websites"),
        own_title=_("My agency's English website"),
        admin_lead=_("Every agency's proposed English-website addresses, in every state."),
        own_lead=_("The English-website addresses %(agency)s proposed, in every state."),
        about=_(
            "Propose your agency's English-website address and submit it for review: once the working group "
            "publishes it, it becomes your agency's address on the report, and the next check decides its state. "
            "A draft is seen only by your agency and the working group."
        ),
        add=_("Propose an address"),
        add_title=_("Propose your agency's English website"),
        edit_title=_("Edit the proposed address"),
        form_about=_("The address of your agency's English website (its English home page)."),
        count=lambda n: ngettext("%(n)s proposal", "%(n)s proposals", n) % {"n": n},
        none=_("No proposal matches these filters."),
        saved=_("The proposal is saved."),
        saved_as_draft=_("The proposal is saved as a draft again: submit it for review once more."),
        submitted=_("The proposal is submitted to the working group for review."),
        filter_label=_("Filter the proposals"),
    ),
)
