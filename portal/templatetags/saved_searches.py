"""`{% saved_search_url as url %}`: the address of "save this search" for the page's current query (the search
page's, or a list's filters that map to a search), for a signed-in confirmed contact only ("" for anyone else)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from portal.saved_searches import queries
from portal.selectors import active_contact

register = template.Library()


@register.simple_tag(takes_context=True)
def saved_search_url(context, kind=None) -> str:
    """`kind`, or the context's `saved_search_kind` (a list page: the kind of record it lists), overrides the
    query's own."""
    request = context.get("request")
    if request is None or active_contact(getattr(request, "user", None)) is None:
        return ""
    parts = queries.from_params(request.GET)
    kind = kind or context.get("saved_search_kind")
    if kind:
        parts["kind"] = kind
    params = queries.as_params(parts)
    return reverse("accounts:saved_search_new") + ("?" + urlencode(params) if params else "")
