"""The search page: `/<lang>/search/?q=…` with the results grouped by kind (or one kind a page at a time), the facets
in a sidebar form that works without JavaScript, "did you mean" and an empty state that helps."""

import dataclasses

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from portal import search, selectors
from portal.search import facets
from portal.search.engine import FACETS, PER_PAGE, Hit
from portal.search.forms import SearchForm


@dataclasses.dataclass
class Row:
    """A hit as the page lists it: with its kind's name."""

    hit: Hit
    kind_label: str


def _address(request, **changes) -> str:
    """The current query string with `changes` (None removes a parameter); the page number always starts over."""
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"?{params.urlencode()}"


def search_page(request):
    labels = facets.Labels()
    form = SearchForm(request.GET, labels=labels)
    context = {
        "form": form,
        "query": None,
        "results": None,
        # The "save this search" button (saved searches) is offered to signed-in confirmed contacts only.
        "can_save_search": selectors.active_contact(request.user) is not None,
    }
    if form.is_valid():
        query = form.query(language=get_language())
        context["query"] = query
        if not query.is_empty:
            results = search.run(query, page=form.page_number)
            context.update(_results_context(request, results, labels))
    return render(request, "portal/search/search.html", context)


def _results_context(request, results, labels) -> dict:
    groups = [
        {
            "kind": group.kind,
            "label": group.label,
            "count": group.count,
            "rows": [Row(hit, group.label) for hit in group.hits],
            "all_url": _address(request, kind=group.kind),
        }
        for group in results.groups
    ]
    query = results.query
    return {
        "results": results,
        "groups": groups,
        "rows": [Row(hit, labels.kinds.get(hit.kind, hit.kind)) for hit in results.hits],
        # The project's pagination include reads a Django page; the engine has already cut the list.
        "page": Paginator(range(results.total), PER_PAGE).get_page(results.page) if query.kind else None,
        "facets": facets.facets(results, labels),
        "kinds": facets.kinds(results, labels),
        "kind_label": labels.kinds.get(query.kind, query.kind),
        "suggestion_url": _address(request, q=results.suggestion) if results.suggestion else "",
        "all_kinds_url": _address(request, kind=None),
        "has_filters": bool(query.kind or query.facets or query.open_only),
        "text_only_url": _address(request, **dict.fromkeys((*FACETS, "kind", "open"))),
    }
