"""The form an agency's contact adds a listing with (one of its own agency's projects on a portal; a working-group
admin: any agency's project), and the filters of the listings and of the unlisted-projects report."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from guides.portals import selectors
from guides.portals.models import InternationalPortal, PortalListing, PortalStatus
from portal import selectors as portal_selectors
from portal.filters import AgencyFilter, NameFilter
from portal.forms import ReportForm
from portal.models import Agency, Project


class ListingReportForm(ReportForm):
    """A project listed on a portal: which portal, which of the agency's projects, the address of its entry, since
    when, and a note. The agency is the project's (no field)."""

    translated = ("note",)

    class Meta:
        model = PortalListing
        fields = [
            "portal",
            "project",
            "url",
            "listed_on",
            *(f"note_{code}" for code in ReportForm.text_languages),
        ]
        widgets = {
            "listed_on": forms.DateInput(attrs={"type": "date"}),
            **ReportForm.text_widgets("note", rows=3),
        }

    def __init__(self, *args, user, agency=None, **kwargs):
        super().__init__(*args, user=user, agency=agency, **kwargs)
        self.fields["portal"].queryset = InternationalPortal.objects.filter(status=PortalStatus.ACTIVE).order_by(
            "position", "slug"
        )
        if self.instance.portal_id:  # a listing on a portal closed since stays editable
            self.fields["portal"].queryset |= InternationalPortal.objects.filter(pk=self.instance.portal_id)
        # Offered: the agency's own projects. Accepted: any project the user sees, so that naming another
        # agency's is refused by the one rule (the service's: "only your own agency's"), as through the API.
        field = self.fields["project"]
        field.queryset = portal_selectors.projects_visible_to(user).select_related(None).prefetch_related(None)
        field.widget.choices = forms.ModelChoiceField(
            queryset=selectors.listable_projects(user, agency), empty_label=field.empty_label
        ).choices
        field.help_text = _("One of your agency's projects.")


class ListingFilter(django_filters.FilterSet):
    """`?portal=`, `?agency=`: a name, an acronym or a slug."""

    portal = NameFilter("portal", label=_("Portal"))
    agency = AgencyFilter(field_name="agency")

    class Meta:
        model = PortalListing
        fields = ["portal", "agency"]


class PortalFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PortalStatus.choices, empty_label=_("Any status"))

    class Meta:
        model = InternationalPortal
        fields = ["status"]


class UnlistedFilter(django_filters.FilterSet):
    """The unlisted-projects report: `?kind=` (the agency's kind), `?country=` (its country)."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind of agency"), field_name="agency__kind", choices=Agency.Kind.choices, empty_label=_("Any kind")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="agency__country", choices=lambda: list(countries), empty_label=_("Any country")
    )

    class Meta:
        model = Project
        fields = ["kind", "country"]
