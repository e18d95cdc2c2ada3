"""The pages where an agency's contacts add and follow their projects' portal listings (the generic report pages of
`portal.report_views`): the list of the agency's listings, the form (reached from a portal's page or a project's
page with the portal or project chosen), the submission for review."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guides.portals import selectors, services
from guides.portals.forms import ListingFilter, ListingReportForm
from guides.portals.models import PortalListing
from portal.report_views import ReportPages, ReportTexts, ReviewStateFilter


class ListingReportFilter(ReviewStateFilter, ListingFilter):
    """`?state=`, `?portal=<slug>` and, for the working group, `?agency=<slug>`."""


def _initial(request, form) -> dict:
    """The portal (`?portal=<slug>`) and project (`?project=<slug>`) the form was opened for, when the form offers
    them."""
    initial = {}
    portal = request.GET.get("portal")
    if portal:
        found = form.fields["portal"].queryset.filter(slug=portal).first()
        if found is not None:
            initial["portal"] = found.pk
    project = request.GET.get("project")
    if project:
        found = selectors.listable_projects(request.user).filter(slug=project).first()
        if found is not None:
            initial["project"] = found.pk
    return initial


class ListingReportPages(ReportPages):
    def can_report(self, user) -> bool:
        return selectors.may_list(user)


LISTING_PAGES = ListingReportPages(
    model=PortalListing,
    form_class=ListingReportForm,
    namespace="guides",
    reports=selectors.listing_reports,
    save=services.save_listing,
    submit=services.submit_listing,
    row_template="guides/portals/listing_report_row.html",
    filterset_class=ListingReportFilter,
    routes=("listing_reports", "listing_create", "listing_edit", "listing_submit"),
    links=((_("International portals"), "guides:portals"),),
    initial=_initial,
    texts=ReportTexts(
        title=_("Reported portal listings"),
        own_title=_("My agency's portal listings"),
        admin_lead=_("Every agency's portal listings in every state: submitted for review, sent back and published."),
        own_lead=_("The international portals %(agency)s's projects are listed on, as reported."),
        about=_(
            "A listing you add goes to the working group for review; once published it appears on the portal's "
            "page and on the project's page, as long as the project is published. A change to a published listing "
            "waits for the working group's review."
        ),
        add=_("Add a portal listing"),
        add_title=_("Add a portal listing"),
        edit_title=_("Edit the portal listing"),
        form_about=_(
            "Choose the portal and one of your agency's projects, and give the address of the project's entry on "
            "the portal."
        ),
        count=lambda n: ngettext("%(n)s listing", "%(n)s listings", n) % {"n": n},
        none=_("No listing matches these filters."),
        saved=_("The listing is saved."),
        saved_as_draft=_("The listing is saved and sent to the working group for review again."),
        submitted=_("The listing is submitted to the working group for review."),
        filter_label=_("Filter portal listings"),
    ),
)
