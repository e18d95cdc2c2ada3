"""Pages of the websites part: the public report of every agency's English website (state, address, last checked,
counts and a chart per kind of agency, filters, the English-website guide) and its CSV and XLSX downloads with the
same filters. The contacts' proposals of their own agency's address are the generic report pages
(`report_views.PROPOSAL_PAGES`)."""

import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from guides.websites import selectors
from guides.websites.forms import WebsiteFilterForm
from portal import charts, imports
from portal import selectors as portal_selectors

PAGE_SIZE = 50

# The downloads' columns, in the order of the page's table (codes for the kinds, countries, states and outcomes).
COLUMNS = ("slug", "name", "kind", "country", "url", "state", "checked_on", "last_outcome", "last_status")


def _filtered(request):
    """The filter form, its filters and the agencies it selects (none while it has errors)."""
    form = WebsiteFilterForm(request.GET)
    if not form.is_valid():
        return form, {}, selectors.entries().none()
    filters = form.filters()
    return form, filters, selectors.entries(**filters)


def rows(agencies):
    """One line per agency, as the downloads write them."""
    for agency in agencies:
        yield (
            agency.slug,
            agency.name,
            agency.kind,
            agency.country.code,
            agency.english_website_url,
            agency.english_website_state,
            agency.english_website_checked_on,
            agency.last_outcome or "",
            agency.last_status,
        )


def _kind_chart(figures) -> charts.Chart:
    """Three lying bars per kind: its agencies with a current English website, an outdated one, none."""
    items = []
    for row in figures:
        items.append((_("%(kind)s: current") % {"kind": row.label}, row.current))
        items.append((_("%(kind)s: outdated") % {"kind": row.label}, row.outdated))
        items.append((_("%(kind)s: none") % {"kind": row.label}, row.none))
    return charts.row_chart(items)


def _filters_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def report(request):
    """Every agency's English website: public information (the agency's public address, what the checker found)."""
    form, filters, agencies = _filtered(request)
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    figures = selectors.figures_per_kind(**filters) if form.is_valid() else []
    guide = selectors.checklist_guide()
    return render(
        request,
        "guides/websites/report.html",
        {
            "form": form,
            "page": page,
            "figures": figures,
            "totals": selectors.totals(figures),
            "chart": _kind_chart(figures),
            "guide": guide,
            "guide_url": selectors.guide_url(guide),
            "filters_query": _filters_query(request),
            "can_propose": portal_selectors.active_contact(request.user) is not None,
        },
    )


DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "english-websites.csv"),
    "xlsx": (imports.XLSX_CONTENT_TYPE, "english-websites.xlsx"),
}


def _download(request, kind: str) -> HttpResponse:
    _form, _filters, agencies = _filtered(request)
    content_type, filename = DOWNLOADS[kind]
    if kind == "csv":
        out = io.StringIO()
        imports.write_csv_rows(COLUMNS, rows(agencies.iterator(chunk_size=500)), out)
    else:
        out = io.BytesIO()
        imports.write_xlsx_rows(COLUMNS, rows(agencies.iterator(chunk_size=500)), out, title="english-websites")
    response = HttpResponse(out.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_csv(request):
    """Every agency of the report's filters (not only the page shown), as CSV."""
    return _download(request, "csv")


def report_xlsx(request):
    """Every agency of the report's filters, as a one-sheet workbook."""
    return _download(request, "xlsx")
