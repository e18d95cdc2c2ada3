"""Pages of the awards area: the programmes, a programme, an edition, the results inventory and its CSV."""

import io

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from awards import selectors
from awards.filters import ResultFilter
from awards.models import AwardEdition, AwardProgramme
from portal import imports
from portal import selectors as portal_selectors

PAGE_SIZE = 20
PAST_RESULTS = 20


def _viewer(request) -> dict:
    return {
        "viewer_tz": portal_selectors.viewer_time_zone(request.user),
        "is_contact": portal_selectors.active_contact(request.user) is not None,
    }


def programme_list(request):
    now = timezone.now()
    rows = [(p, selectors.next_open_deadline(p.recent_editions, now)) for p in selectors.programmes()]
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
            "next_deadline": selectors.next_open_deadline(editions),
            "results": results[:PAST_RESULTS],
            "results_count": results.count(),
            "results_url": f"{reverse('award_results')}?programme={programme.slug}",
            **_viewer(request),
        },
    )


def edition_detail(request, pk):
    edition = get_object_or_404(AwardEdition.objects.select_related("programme"), pk=pk)
    return render(
        request,
        "awards/edition_detail.html",
        {
            "edition": edition,
            "deadline": selectors.nomination_deadline(edition),
            "results": selectors.results_inventory_page().filter(edition=edition),
            "results_url": f"{reverse('award_results')}?programme={edition.programme.slug}"
            f"&year_min={edition.year}&year_max={edition.year}",
            **_viewer(request),
        },
    )


def result_list(request):
    """The inventory with its filters; `?format=csv` downloads exactly the filtered lines in the importer's columns."""
    inventory = selectors.results_inventory_page()
    filterset = ResultFilter(request.GET, queryset=inventory)
    qs = filterset.qs if filterset.is_valid() else inventory.none()
    if request.GET.get("format") == "csv" and filterset.is_valid():
        out = io.StringIO()
        imports.write_csv(selectors.PublicResultExporter(), qs, out)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="award-results.csv"'
        return response
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    query["format"] = "csv"
    return render(
        request,
        "awards/result_list.html",
        {
            "filter": filterset,
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "csv_query": query.urlencode(),
        },
    )
