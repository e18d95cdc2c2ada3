"""Pages of the private sector part: the partners (companies) and a partner, the published contributions with their
downloads, the problems companies reported, the incentives offered to them, and the public–private cooperation
figures. Only published contributions and problems appear on them."""

import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from coordination.private_sector import selectors
from coordination.private_sector.exporting import ContributionExporter
from coordination.private_sector.forms import ContributionFilter, IncentiveFilter, ProblemFilter
from coordination.private_sector.models import Contribution, Problem
from portal import charts, imports

PAGE_SIZE = 20
DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "contributions.csv"),
    "xlsx": (imports.XLSX_CONTENT_TYPE, "contributions.xlsx"),
}


def _reporting(request) -> dict:
    """Whether the reader may report contributions and problems (a company's contact or the working group)."""
    return {
        "may_report_contributions": selectors.may_report(request.user, Contribution),
        "may_report_problems": selectors.may_report(request.user, Problem),
    }


def partner_list(request):
    """Every company with its sector and its published contributions."""
    page = Paginator(selectors.partners(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "coordination/private_sector/partner_list.html", {"page": page, **_reporting(request)})


def partner_detail(request, slug):
    """A company: its profile, its published contributions and the published problems it reported."""
    company = get_object_or_404(selectors.companies(), slug=slug)
    return render(
        request,
        "coordination/private_sector/partner_detail.html",
        {
            "company": company,
            "profile": getattr(company, "company_profile", None),
            "contributions": list(selectors.published_contributions().filter(agency=company).order_by("-year", "pk")),
            "problems": list(selectors.published_problems().filter(agency=company)),
        },
    )


def _download(kind: str, qs) -> HttpResponse:
    content_type, filename = DOWNLOADS[kind]
    if kind == "csv":
        out = io.StringIO()
        imports.write_csv(ContributionExporter(), qs, out)
    else:
        out = io.BytesIO()
        imports.write_xlsx(ContributionExporter(), qs, out)
    response = HttpResponse(out.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def contribution_list(request):
    """The published contributions with the list's filters; `?format=csv` (or `xlsx`) downloads exactly them."""
    published = selectors.published_contributions().order_by("-year", "agency__name", "pk")
    filterset = ContributionFilter(request.GET, queryset=published)
    valid = filterset.is_valid()
    qs = filterset.qs if valid else published.none()
    kind = request.GET.get("format")
    if valid and kind in DOWNLOADS:
        return _download(kind, qs)
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    csv_query = query.urlencode()
    query["format"] = "xlsx"
    return render(
        request,
        "coordination/private_sector/contribution_list.html",
        {
            "filter": filterset,
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "csv_query": csv_query,
            "xlsx_query": query.urlencode(),
            **_reporting(request),
        },
    )


def problem_list(request):
    """The published problems companies reported, with their status."""
    published = selectors.published_problems()
    filterset = ProblemFilter(request.GET, queryset=published)
    qs = filterset.qs if filterset.is_valid() else published.none()
    return render(
        request,
        "coordination/private_sector/problem_list.html",
        {
            "filter": filterset,
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            **_reporting(request),
        },
    )


def incentive_list(request):
    """The incentives offered to companies, the open ones first."""
    everything = selectors.incentives()
    filterset = IncentiveFilter(request.GET, queryset=everything)
    qs = filterset.qs if filterset.is_valid() else everything.none()
    return render(
        request,
        "coordination/private_sector/incentive_list.html",
        {"filter": filterset, "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))},
    )


def cooperation(request):
    """Public–private cooperation: the published contributions counted by kind and year (a table, and a chart of
    the years beside it) and their amounts per currency."""
    summary = selectors.cooperation_summary()
    years = list(reversed(summary.years))  # the chart reads left to right, the oldest year first
    return render(
        request,
        "coordination/private_sector/cooperation.html",
        {
            "summary": summary,
            "kind_rows": list(zip(summary.kinds, summary.kind_totals, strict=True)),
            "year_chart": charts.column_chart([(str(row.year), row.total) for row in years]),
            "kind_chart": charts.row_chart(
                [(str(label), total) for (_code, label), total in zip(summary.kinds, summary.kind_totals, strict=True)]
            ),
        },
    )
