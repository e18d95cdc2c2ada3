"""Pages of the awards area: the programmes, a programme, an edition, the results inventory and its CSV (the
agencies' applications are the report pages of awards/report_views.py)."""

import io

from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from awards import matching, selectors
from awards.filters import ResultFilter
from awards.models import AwardEdition, AwardProgramme, Outcome
from portal import charts, imports, sections
from portal import selectors as portal_selectors

PAGE_SIZE = 20
MATCHES_SHOWN = 30
PAST_RESULTS = 20


def _viewer(request) -> dict:
    return {
        "viewer_tz": portal_selectors.viewer_time_zone(request.user),
        "is_contact": portal_selectors.active_contact(request.user) is not None,
    }


def programme_list(request):
    rows = selectors.programmes_with_next_deadline()
    return render(request, "awards/programme_list.html", {"rows": rows, **_viewer(request)})


def programme_detail(request, slug):
    programme = get_object_or_404(AwardProgramme, slug=slug)
    editions = list(selectors.programme_editions(programme))
    results = selectors.results_inventory_page().filter(edition__programme=programme)
    return render(
        request,
        "awards/programme_detail.html",
        {
            "programme": programme,
            "categories": selectors.programme_categories(programme),
            "editions": editions,
            "next_deadline": selectors.next_nomination_deadline(editions),
            "results": results[:PAST_RESULTS],
            "results_count": results.count(),
            "results_url": f"{reverse('awards:results')}?programme={programme.slug}",
            **_viewer(request),
        },
    )


def edition_detail(request, pk):
    edition = get_object_or_404(AwardEdition.objects.select_related("programme"), pk=pk)
    is_admin = portal_selectors.is_working_group_admin(request.user)
    return render(
        request,
        "awards/edition_detail.html",
        {
            "edition": edition,
            "deadline": selectors.nomination_deadline(edition),
            "results": selectors.results_inventory_page().filter(edition=edition),
            "results_url": f"{reverse('awards:results')}?programme={edition.programme.slug}"
            f"&year_min={edition.year}&year_max={edition.year}",
            # Working-group admins get the edition's applications of every agency; the count links to them.
            "is_admin": is_admin,
            "application_count": selectors.edition_application_count(request.user, edition) if is_admin else None,
            # Published projects that could apply, while nominations are open or not yet announced.
            "matches": matching.projects_that_could_apply(edition)[:MATCHES_SHOWN]
            if matching.is_open_or_upcoming(edition)
            else None,
            # What other areas show on the edition's page (the library's application guide).
            "sections": sections.for_edition(request, edition),
            **_viewer(request),
        },
    )


def result_list(request):
    """The inventory with its filters; `?format=csv` (or `xlsx`) downloads exactly the filtered lines in the
    importer's columns."""
    inventory = selectors.results_inventory_page()
    filterset = ResultFilter(request.GET, queryset=inventory)
    qs = filterset.qs if filterset.is_valid() else inventory.none()
    if request.GET.get("format") == "csv" and filterset.is_valid():
        out = io.StringIO()
        imports.write_csv(selectors.PublicResultExporter(), qs, out)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="award-results.csv"'
        return response
    if request.GET.get("format") == "xlsx" and filterset.is_valid():
        out = io.BytesIO()
        imports.write_xlsx(selectors.PublicResultExporter(), qs, out)
        response = HttpResponse(out.getvalue(), content_type=imports.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="award-results.xlsx"'
        return response
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    figures_query = query.urlencode()
    query["format"] = "csv"
    csv_query = query.urlencode()
    query["format"] = "xlsx"
    return render(
        request,
        "awards/result_list.html",
        {
            "filter": filterset,
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "csv_query": csv_query,
            "xlsx_query": query.urlencode(),
            "figures_query": figures_query,
        },
    )


def result_figures(request):
    """The inventory counted per year and per programme: a chart of each and, beside it, the table of the numbers
    drawn, each number linking to the inventory lines it counts. The inventory's filters apply here too."""
    inventory = selectors.results_inventory()
    filterset = ResultFilter(request.GET, queryset=inventory)
    valid = filterset.is_valid()
    figures = selectors.result_figures(filterset.qs if valid else inventory.none())
    filters = _filter_query(request.GET, filterset) if valid else QueryDict()
    return render(
        request,
        "awards/result_figures.html",
        {
            "filter": filterset,
            "figures": figures,
            "outcomes": Outcome.choices,
            "year_chart": charts.column_chart([(row.label, row.count) for row in figures.per_year]),
            "year_lines": [_figure_line(row, filters, year_min=row.key, year_max=row.key) for row in figures.per_year],
            "programme_chart": charts.row_chart([(row.label, row.count) for row in figures.per_programme]),
            "programme_lines": [_figure_line(row, filters, programme=row.key) for row in figures.per_programme],
            "inventory_url": _inventory_url(filters),
            "filtered": bool(filters) or not valid,
        },
    )


def _filter_query(query: QueryDict, filterset: ResultFilter) -> QueryDict:
    """The inventory filters given in `query`, without anything else (page, format…)."""
    kept = QueryDict(mutable=True)
    for name in filterset.filters:
        if query.get(name):
            kept[name] = query[name]
    return kept


def _inventory_url(filters: QueryDict, **narrower) -> str:
    query = filters.copy()
    for name, value in narrower.items():
        query[name] = value
    return f"{reverse('awards:results')}?{query.urlencode()}" if query else reverse("awards:results")


def _figure_line(row: selectors.FigureRow, filters: QueryDict, **narrower) -> dict:
    """A table row: the count and each outcome's, each with the address of the inventory lines it counts."""
    return {
        "row": row,
        "href": _inventory_url(filters, **narrower),
        "cells": [
            (count, _inventory_url(filters, **narrower, outcome=code) if count else "")
            for code, count in row.by_outcome
        ],
    }
