"""A saved search's query: read from the search page's (or a list page's) parameters, rebuilt as the engine's
`Query` in the contact's language, written back as parameters, and said in words."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django_countries import countries

from portal.links import page_url
from portal.models import SDG, ActionLine, Agency, SavedSearch
from portal.search import registry
from portal.search.engine import FACETS, MAX_TEXT, Query

MAX_VALUES = 20  # values of one facet in a saved search
MAX_VALUE_LENGTH = 40  # characters of one facet value (the index's column)
TRUE = {"1", "on", "true", "yes"}
# The parameters a query is read from (besides each facet's).
PARAMS = ("q", "kind", "open", "open_only", *FACETS)


def _clean(value: str) -> str:
    """Without NUL characters (PostgreSQL stores none) and surrounding spaces."""
    return value.replace("\x00", "").strip()


def from_params(params) -> dict:
    """The query parts in a page's GET parameters (a QueryDict): `q`, `kind`, `open` and each facet, repeated or
    not. Unknown parameters (the page number, a list's own filters) are left out."""
    facets = {}
    for facet in FACETS:
        values = [_clean(value) for value in params.getlist(facet) if value and _clean(value)]
        if values:
            facets[facet] = sorted(set(values))
    return {
        "text": " ".join(_clean(params.get("q", "")).split())[:MAX_TEXT],
        "kind": _clean(params.get("kind", "")),
        "facets": facets,
        "open_only": params.get("open", params.get("open_only", "")).strip().lower() in TRUE,
    }


def as_params(parts: dict) -> list[tuple[str, str]]:
    """The query parts as the search page's parameters (the inverse of `from_params`)."""
    params = []
    if parts.get("text"):
        params.append(("q", parts["text"]))
    if parts.get("kind"):
        params.append(("kind", parts["kind"]))
    for facet in FACETS:
        params += [(facet, str(value)) for value in (parts.get("facets") or {}).get(facet, ())]
    if parts.get("open_only"):
        params.append(("open", "1"))
    return params


def parts_of(search: SavedSearch) -> dict:
    return {"text": search.text, "kind": search.kind, "facets": search.facets, "open_only": search.open_only}


def query_of(search: SavedSearch) -> Query:
    """The engine's query of `search`, read in its contact's language."""
    return Query.build(
        text=search.text,
        kind=search.kind,
        facets=search.facets,
        open_only=search.open_only,
        language=search.contact.language,
    )


def search_path() -> str:
    """The search page's address without a language prefix (`/search/` until the page is there to reverse)."""
    try:
        path = reverse("search")
    except NoReverseMatch:
        return "/search/"
    parts = path.split("/", 2)
    codes = {code for code, _name in settings.LANGUAGES}
    return "/" + parts[2] if len(parts) > 2 and parts[1] in codes else path


def search_url(search: SavedSearch, language: str) -> str:
    """The absolute address of the search page showing `search`, in `language`."""
    params = as_params(parts_of(search))
    return page_url(search_path() + ("?" + urlencode(params) if params else ""), language)


def validation_errors(parts: dict) -> dict[str, list[str]]:
    """What is wrong with the query parts, by field (empty when nothing is)."""
    errors: dict[str, list[str]] = {}
    if len(parts.get("text") or "") > MAX_TEXT:
        errors["text"] = [_("Search for at most %(max)s characters.") % {"max": MAX_TEXT}]
    kind = parts.get("kind") or ""
    if "\x00" in (parts.get("text") or ""):
        errors["text"] = [_("Null characters are not allowed.")]
    if kind and kind not in dict(registry.kinds()):
        errors["kind"] = [_("“%(kind)s” is not something the portal searches.") % {"kind": kind}]
    facets = parts.get("facets") or {}
    if not isinstance(facets, dict):
        errors["facets"] = [_("Give the facets as an object of lists of values.")]
    else:
        unknown = sorted(set(facets) - set(FACETS))
        if unknown:
            errors["facets"] = [
                _("Unknown facet: %(facets)s. Use %(known)s.")
                % {"facets": ", ".join(map(str, unknown)), "known": ", ".join(FACETS)}
            ]
        for values in facets.values():
            if not isinstance(values, list) or not all(
                isinstance(v, str | int) and "\x00" not in str(v) for v in values
            ):
                errors.setdefault("facets", []).append(_("Give each facet a list of values."))
            elif len(values) > MAX_VALUES or any(len(str(v)) > MAX_VALUE_LENGTH for v in values):
                errors.setdefault("facets", []).append(
                    _("At most %(max)s values of %(length)s characters per facet.")
                    % {"max": MAX_VALUES, "length": MAX_VALUE_LENGTH}
                )
    if not errors and Query.build(parts.get("text"), kind, facets, parts.get("open_only")).is_empty:
        errors["text"] = [_("Search for something first: words, a kind of record or a filter.")]
    return errors


def normalised(parts: dict) -> dict:
    """The parts as stored: facet values as sorted text without repeats or blanks."""
    return {
        "text": " ".join((parts.get("text") or "").split()),
        "kind": parts.get("kind") or "",
        "facets": {
            facet: sorted({str(value).strip() for value in values if str(value).strip()})
            for facet, values in (parts.get("facets") or {}).items()
            if any(str(value).strip() for value in values)
        },
        "open_only": bool(parts.get("open_only")),
    }


def reference_names() -> dict[str, dict[str, str]]:
    """Titles of the action lines and SDGs in the active language, by facet value (two small reference tables,
    read once for a whole list of searches)."""
    return {
        "action_line": {line.code: f"{line.code} {line.title}" for line in ActionLine.objects.all()},
        "sdg": {str(sdg.number): f"{sdg.number}. {sdg.title}" for sdg in SDG.objects.all()},
    }


def _facet_names(facet: str, values, names: dict) -> list[str]:
    if facet == "country":
        return [str(countries.name(value)) or value for value in values]
    if facet == "agency_kind":
        labels = dict(Agency.Kind.choices)
        return [str(labels.get(value, value)) for value in values]
    if facet in names:
        return [names[facet].get(str(value), str(value)) for value in values]
    return [str(value) for value in values]


def in_words(parts: dict, names: dict | None = None) -> str:
    """The query said in the active language: “e-government” in projects · Country: Türkiye · open deadlines only.
    `names`: `reference_names()` when many are said at once."""
    labels = {
        "country": _("Country"),
        "agency_kind": _("Agency kind"),
        "action_line": _("WSIS action line"),
        "sdg": _("SDG"),
        "year": _("Year"),
    }
    pieces = []
    text, kind = parts.get("text") or "", parts.get("kind") or ""
    kind_label = str(dict(registry.kinds()).get(kind, kind)) if kind else ""
    if text and kind:
        pieces.append(_("“%(words)s” in %(kind)s") % {"words": text, "kind": kind_label})
    elif text:
        pieces.append(_("“%(words)s”") % {"words": text})
    elif kind:
        pieces.append(_("every record of %(kind)s") % {"kind": kind_label})
    for facet in FACETS:
        values = (parts.get("facets") or {}).get(facet)
        if values:
            if names is None and facet in ("action_line", "sdg"):
                names = reference_names()
            pieces.append(f"{labels[facet]}: {', '.join(_facet_names(facet, values, names or {}))}")
    if parts.get("open_only"):
        pieces.append(_("open deadlines only"))
    return " · ".join(pieces) if pieces else _("everything")
