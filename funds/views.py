"""Pages of the funds area: the funders and their programmes, a funder, a programme, the open calls (for one
agency: those it could apply to, with the reasons), a call, and the grants inventory with its downloads and
totals."""

import dataclasses
import io

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from funds import selectors
from funds.filters import GrantFilter
from funds.imports import PublicGrantExporter
from funds.models import Funder, FundingCall, FundingProgramme
from funds.templatetags.funds_tags import compact_amount
from portal import charts, imports
from portal import selectors as portal_selectors
from portal.deadline_selectors import is_open
from portal.forms import NameField
from portal.models import Deadline

PAGE_SIZE = 20
CALLS_TEASED = 5
GRANTS_SHOWN = 20
AGENCIES_SHOWN = 50


def _viewer(request) -> dict:
    return {
        "viewer_tz": portal_selectors.viewer_time_zone(request.user),
        "is_contact": portal_selectors.active_contact(request.user) is not None,
    }


def _inventory_url(**filters) -> str:
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return f"{reverse('funds:grants')}?{query}"


def funder_list(request):
    """The area's landing page: every funder with its programmes, and the next calls to close."""
    calls = selectors.open_and_upcoming_calls()[:CALLS_TEASED]
    return render(
        request,
        "funds/funder_list.html",
        {"funders": selectors.funders_with_programmes(), "calls": selectors.with_deadlines(calls), **_viewer(request)},
    )


def funder_detail(request, slug):
    funder = get_object_or_404(Funder, slug=slug)
    grants = selectors.grants_inventory().filter(funder=funder)
    return render(
        request,
        "funds/funder_detail.html",
        {
            "funder": funder,
            "programmes": selectors.programmes().filter(funder=funder),
            "grants": list(grants[:GRANTS_SHOWN]),
            "grants_count": grants.count(),
            "grants_url": _inventory_url(funder=funder.slug),
        },
    )


def programme_detail(request, slug):
    programme = get_object_or_404(
        FundingProgramme.objects.select_related("funder").prefetch_related("themes", "action_lines"), slug=slug
    )
    grants = selectors.grants_inventory().filter(programme=programme)
    return render(
        request,
        "funds/programme_detail.html",
        {
            "programme": programme,
            "calls": [
                (call, deadline, is_open(deadline))
                for call, deadline in selectors.with_deadlines(selectors.programme_calls(programme))
            ],
            "grants": list(grants[:GRANTS_SHOWN]),
            "grants_count": grants.count(),
            "grants_url": _inventory_url(programme=programme.slug),
            **_viewer(request),
        },
    )


class AgencyChoice(forms.Form):
    """`?agency=`: the calls that agency could apply to (its name, acronym or slug)."""

    agency = NameField(
        "agency",
        label=_("Agency"),
        required=False,
        help_text=_("Its name in any language, or its acronym: only the calls it is eligible for, with the reasons."),
    )


@dataclasses.dataclass(frozen=True)
class CallLine:
    call: FundingCall
    deadline: Deadline | None
    reasons: tuple = ()


def call_list(request):
    """Open and upcoming calls, soonest deadline first; for `?agency=<slug>` only those the agency is eligible
    for (`funds.selectors.calls_for_agency`), each with its reasons."""
    form = AgencyChoice(request.GET)
    agency = form.cleaned_data["agency"] if form.is_valid() else None
    if agency is not None:
        lines = [CallLine(e.call, e.deadline, e.reasons) for e in selectors.calls_for_agency(agency)]
    elif form.is_valid():
        calls = selectors.open_and_upcoming_calls()
        lines = [CallLine(call, deadline) for call, deadline in selectors.with_deadlines(calls)]
    else:
        lines = []
    contact = portal_selectors.active_contact(request.user)
    return render(
        request,
        "funds/call_list.html",
        {
            "form": form,
            "agency": agency,
            "lines": lines,
            "own_agency": None if contact is None else contact.agency,
            **_viewer(request),
        },
    )


def call_detail(request, pk):
    call = get_object_or_404(selectors.calls_with_programme(), pk=pk)
    deadline = selectors.call_deadline(call)
    eligible = selectors.eligible_agencies(call) if is_open(deadline) else []
    return render(
        request,
        "funds/call_detail.html",
        {
            "call": call,
            "programme": call.programme,
            "deadline": deadline,
            "is_open": is_open(deadline),
            "eligible": eligible[:AGENCIES_SHOWN],
            "eligible_count": len(eligible),
            **_viewer(request),
        },
    )


# --- The grants inventory ---------------------------------------------------------------------------


DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "grants.csv"),
    "xlsx": (imports.XLSX_CONTENT_TYPE, "grants.xlsx"),
}


def _download(kind: str, qs) -> HttpResponse:
    """Exactly the filtered grants, in the importer's columns (the grants exporter of the shared mechanism); a
    project that is not published is not named, as on the page."""
    exporter = PublicGrantExporter()
    content_type, filename = DOWNLOADS[kind]
    if kind == "csv":
        out = io.StringIO()
        imports.write_csv(exporter, qs, out)
        content = out.getvalue()
    else:
        out = io.BytesIO()
        imports.write_xlsx(exporter, qs, out)
        content = out.getvalue()
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _year_chart(rows: list[selectors.MoneyTotal]) -> charts.Chart:
    """One currency's totals per year as columns; the labels above them are short (3.7 M), the table beside the
    chart has the exact amounts."""
    chart = charts.column_chart([(str(row.year), int(row.total)) for row in rows])
    bars = [
        dataclasses.replace(bar, value_label=dataclasses.replace(bar.value_label, text=compact_amount(row.total)))
        for bar, row in zip(chart.bars, rows, strict=True)
    ]
    return dataclasses.replace(chart, bars=bars)


def _narrowed(filters: QueryDict, **narrower) -> str:
    """The inventory's address with `filters` and the `narrower` ones (a year and a currency of the totals)."""
    query = filters.copy()
    for name, value in narrower.items():
        query[name] = value
    return f"{reverse('funds:grants')}?{query.urlencode()}"


def grant_list(request):
    """The published grants with the inventory's filters; `?format=csv` (or `xlsx`) downloads exactly the
    filtered grants. The totals below are per currency, and per year in each currency: never converted."""
    inventory = selectors.grants_inventory().order_by("-signed_on", "funder__slug", "agency__slug", "pk")
    filterset = GrantFilter(request.GET, queryset=inventory)
    valid = filterset.is_valid()
    qs = filterset.qs if valid else inventory.none()
    kind = request.GET.get("format")
    if valid and kind in DOWNLOADS:
        return _download(kind, qs)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    query["format"] = "csv"
    csv_query = query.urlencode()
    query["format"] = "xlsx"
    totals = selectors.grant_totals(qs)
    filters = QueryDict(mutable=True)
    for name in filterset.filters:
        if valid and request.GET.get(name):
            filters[name] = request.GET[name]
    return render(
        request,
        "funds/grant_list.html",
        {
            "filter": filterset,
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "csv_query": csv_query,
            "xlsx_query": query.urlencode(),
            "totals": totals,
            "years": [
                (
                    currency.currency,
                    _year_chart(rows),
                    [(row, _narrowed(filters, year=row.year, currency=row.currency)) for row in rows],
                )
                for currency in totals.per_currency
                if (rows := totals.years_of(currency.currency))
            ],
        },
    )
