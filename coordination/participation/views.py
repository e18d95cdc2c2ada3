"""Pages of the participation part: the working group's coverage report of the agencies, its CSV and XLSX
downloads with the same filters, and the invitation of an agency with no confirmed contact."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.participation import selectors, services
from coordination.participation.forms import CoverageFilterForm
from portal import charts, imports
from portal import selectors as portal_selectors
from portal.models import Agency

PAGE_SIZE = 50

# The downloads' columns, in the order of the page's table (codes for the kinds, countries and states).
COLUMNS = (
    "slug",
    "name",
    "kind",
    "country",
    "email",
    "confirmed_contacts",
    "circulars_on_time",
    "circulars_late",
    "circulars_not_answered",
    "circulars_waiting",
    "published_projects",
    "award_applications_this_year",
    "english_website_state",
    "portal_listings",
    "invited_at",
)


def _admin_only(request) -> None:
    if not portal_selectors.is_working_group_admin(request.user):
        raise PermissionDenied


def _filtered(request):
    """The filter form and the agencies it selects (none while it has errors)."""
    form = CoverageFilterForm(request.GET)
    if not form.is_valid():
        return form, {}, Agency.objects.none()
    filters = form.filters()
    return form, filters, selectors.coverage(**filters)


def rows(agencies):
    """One line per agency, as the downloads write them and the page's table shows them."""
    for agency in agencies:
        yield (
            agency.slug,
            agency.name,
            agency.kind,
            agency.country.code,
            agency.email,
            agency.contact_count,
            agency.on_time,
            agency.late,
            agency.not_answered,
            agency.waiting,
            agency.published_count,
            agency.applications,
            agency.english_website_state,
            agency.listings,
            agency.invited_at,
        )


def _kind_chart(figures: list[selectors.KindFigures]) -> charts.Chart:
    """Two lying bars per kind: its agencies with a confirmed contact, and those without."""
    items = []
    for row in figures:
        items.append((_("%(kind)s: with a confirmed contact") % {"kind": row.label}, row.with_contact))
        items.append((_("%(kind)s: without") % {"kind": row.label}, row.without_contact))
    return charts.row_chart(items)


def _filters_query(request) -> str:
    """The page's query without its page number: the downloads' filters."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def coverage(request):
    """For each agency: confirmed contacts, circulars answered on time, late or not at all, published projects,
    award applications this year, the English website's state and portal listings; filtered by kind and country;
    an invitation button for the agencies with no confirmed contact."""
    _admin_only(request)
    form, filters, agencies = _filtered(request)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    figures = selectors.figures_per_kind(**filters) if form.is_valid() else []
    return render(
        request,
        "coordination/participation/coverage.html",
        {
            "form": form,
            "page": page,
            "figures": figures,
            "chart": _kind_chart(figures),
            "year": selectors.this_year(),
            "filters_query": _filters_query(request),
            "back": request.GET.urlencode(),
        },
    )


DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "coverage.csv"),
    "xlsx": (imports.XLSX_CONTENT_TYPE, "coverage.xlsx"),
}


def _download(request, kind: str) -> HttpResponse:
    _admin_only(request)
    _form, _filters, agencies = _filtered(request)
    content_type, filename = DOWNLOADS[kind]
    if kind == "csv":
        out = io.StringIO()
        imports.write_csv_rows(COLUMNS, rows(agencies.iterator(chunk_size=500)), out)
    else:
        out = io.BytesIO()
        imports.write_xlsx_rows(COLUMNS, rows(agencies.iterator(chunk_size=500)), out, title="coverage")
    response = HttpResponse(out.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def coverage_csv(request):
    """Every agency of the report's filters (not only the page shown), as CSV."""
    return _download(request, "csv")


@login_required
def coverage_xlsx(request):
    """Every agency of the report's filters, as a one-sheet workbook."""
    return _download(request, "xlsx")


def _back(request) -> str:
    """The report as the admin left it: only its own filters and page are carried back."""
    sent = QueryDict(request.POST.get("back", ""))
    kept = QueryDict(mutable=True)
    for name in ("kind", "country", "without_contact", "page"):
        if sent.get(name):
            kept[name] = sent[name]
    url = reverse("coordination:coverage")
    return f"{url}?{kept.urlencode()}" if kept else url


@login_required
@require_POST
def coverage_invite(request, slug):
    """Mail the agency's general address an invitation to register (`services.invite_agency`)."""
    _admin_only(request)
    agency = get_object_or_404(Agency, slug=slug)
    try:
        invitation = services.invite_agency(agency, by=request.user)
    except services.InvitationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("%(agency)s was invited at %(email)s.") % {"agency": agency.name, "email": invitation.email}
        )
    return redirect(_back(request))
