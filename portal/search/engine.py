"""The one query interface: a `Query` (text, kind, facet values, open deadlines only, language) answered as ranked
`Results` grouped by kind with snippets, facet counts and a "did you mean"; `matching` (the entries a query
finds, for saved searches) and `suggest` (names for autocomplete). The backend does the matching; everything here
is the same on PostgreSQL and on the SQLite fallback, and narrow enough to put another engine behind."""

import dataclasses
import math

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from portal.models import SearchDocument, SearchEntry, SearchFacet
from portal.search import backends, indexing, registry
from portal.search.text import fold, words

# The facets, in the order the page shows them; the kind and "open deadline" are columns of the entry.
FACETS = ("country", "agency_kind", "action_line", "sdg", "year")
MAX_TEXT = 200  # characters of a query: longer ones are cut, never parsed whole
PER_PAGE = 20
PER_GROUP = 5


@dataclasses.dataclass(frozen=True)
class Query:
    text: str = ""
    kind: str = ""
    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ((facet, (value, …)), …) — hashable and ordered
    open_only: bool = False
    language: str = settings.LANGUAGE_CODE

    @classmethod
    def build(cls, text="", kind="", facets=None, open_only=False, language=None):
        facets = facets or {}
        return cls(
            text=" ".join((text or "").split())[:MAX_TEXT],
            kind=kind or "",
            facets=tuple(
                (facet, tuple(sorted({str(v) for v in facets[facet] if v}))) for facet in FACETS if facets.get(facet)
            ),
            open_only=bool(open_only),
            language=language or settings.LANGUAGE_CODE,
        )

    @property
    def facet_values(self) -> dict[str, tuple[str, ...]]:
        return dict(self.facets)

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.kind or self.facets or self.open_only)


@dataclasses.dataclass
class Hit:
    entry_id: int
    kind: str
    title: SafeString
    url: str
    snippet: SafeString
    rank: float


@dataclasses.dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list[Hit]


@dataclasses.dataclass
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclasses.dataclass
class Results:
    query: Query
    total: int
    groups: list[Group]
    hits: list[Hit]  # the page, when one kind is chosen
    kinds: list[FacetValue]
    facets: dict[str, list[FacetValue]]
    open_count: int
    suggestion: str
    page: int
    pages: int


def _documents(query: Query, now=None, without: str = "", fuzzy: bool = False) -> QuerySet:
    """The documents in the query's language that match its text and filters (but the filter `without`, for its
    own facet's counts), annotated with `rank`."""
    indexing.flush()  # what this transaction saved is findable in it too
    documents = SearchDocument.objects.filter(language=query.language)
    if query.kind and without != "kind":
        documents = documents.filter(entry__kind=query.kind)
    if query.open_only:
        documents = documents.filter(entry__open_until__gt=now or timezone.now())
    for facet, values in query.facets:
        if facet == without:
            continue
        documents = documents.filter(
            entry__in=SearchFacet.objects.filter(facet=facet, value__in=values).values("entry_id")
        )
    return backends.current().match(documents, query, fuzzy=fuzzy)


def matching(query: Query) -> QuerySet:
    """The entries `query` finds (for saved searches: their ids and when each first became findable)."""
    return SearchEntry.objects.filter(pk__in=_documents(query).values("entry_id"))


def _highlight(text: str, terms: list[str], language: str, width: int = 220) -> SafeString:
    """`text` escaped, cut to about `width` characters around the first matching word, matching words marked."""
    if not text:
        return escape("")
    import re

    pieces = re.split(r"(\w+)", text)
    marks = []
    for index, piece in enumerate(pieces):
        if index % 2 and terms:
            folded = fold(piece, language)
            loose = fold(piece)
            if any(folded.startswith(term) or loose.startswith(term) for term in terms):
                marks.append(index)
    first = marks[0] if marks else 0
    start = sum(len(p) for p in pieces[:first])
    begin = max(0, start - width // 3)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space > 0 else begin
    out, position = [], 0
    for index, piece in enumerate(pieces):
        end = position + len(piece)
        if end > begin and position < begin + width:
            visible = piece[max(0, begin - position) : begin + width - position]
            out.append(format_html("<mark>{}</mark>", visible) if index in marks else escape(visible))
        position = end
    prefix = "… " if begin else ""
    suffix = " …" if len(text) > begin + width else ""
    return format_html("{}{}{}", prefix, format_html_join("", "{}", ((piece,) for piece in out)), suffix)


def _hits(rows, terms, language) -> list[Hit]:
    return [
        Hit(
            entry_id=row.entry_id,
            kind=row.entry.kind,
            title=_highlight(row.title, terms, language, width=300),
            url=row.url,
            snippet=_highlight(row.summary or row.body, terms, language),
            rank=float(row.rank or 0),
        )
        for row in rows
    ]


def run(
    query: Query, page: int = 1, per_page: int = PER_PAGE, per_group: int = PER_GROUP, grouped: bool = True
) -> Results:
    """The page `page` of what `query` finds: grouped by kind (each kind's top `per_group`) unless a kind is chosen
    or `grouped` is False (the API), then one ranked list of every kind, `per_page` at a time."""
    now = timezone.now()
    backend = backends.current()

    # Each facet is counted with every other filter applied but its own, so ticking a value leaves its
    # alternatives listed with what they would give (one more query per facet ticked).
    def kind_counts(fuzzy):
        return {
            row["entry__kind"]: row
            for row in _documents(query, now, without="kind", fuzzy=fuzzy)
            .order_by()
            .values("entry__kind")
            .annotate(n=Count("id"), open=Count("id", filter=Q(entry__open_until__gt=now)))
        }

    # The words first; only when they find nothing, the names that come close (a misspelt name or acronym).
    fuzzy = False
    counts = kind_counts(fuzzy)
    if not counts and query.text:
        fuzzy = True
        counts = kind_counts(fuzzy)
    documents = _documents(query, now, fuzzy=fuzzy)
    chosen = [counts[query.kind]] if query.kind in counts else [] if query.kind else list(counts.values())
    total = sum(row["n"] for row in chosen)
    labels = dict(registry.kinds())
    kinds = [FacetValue(kind, counts[kind]["n"], kind == query.kind) for kind in labels if kind in counts]
    facet_counts: dict[str, list[FacetValue]] = {facet: [] for facet in FACETS}
    selected = query.facet_values
    counted = [(documents, [facet for facet in FACETS if facet not in selected])]
    counted += [(_documents(query, now, without=facet, fuzzy=fuzzy), [facet]) for facet in FACETS if facet in selected]
    for matched, facets in counted:
        for row in (
            SearchFacet.objects.filter(entry_id__in=matched.values("entry_id"), facet__in=facets)
            .values("facet", "value")
            .annotate(n=Count("entry_id"))
            .order_by("facet", "-n", "value")
        ):
            facet_counts[row["facet"]].append(
                FacetValue(row["value"], row["n"], row["value"] in selected.get(row["facet"], ()))
            )
    terms = backend.terms(query) if query.text else []
    ordered = documents.select_related("entry").order_by("-rank", "entry_id")
    groups, hits = [], []
    pages = 1
    if query.kind or not grouped:
        pages = max(1, math.ceil(total / per_page))
        page = min(max(1, page), pages)
        hits = _hits(ordered[(page - 1) * per_page : page * per_page], terms, query.language)
    elif total:
        top = ordered.annotate(
            place=Window(RowNumber(), partition_by=[F("entry__kind")], order_by=[F("rank").desc(), F("entry_id")])
        ).filter(place__lte=per_group)
        by_kind: dict[str, list] = {}
        for row in top:
            by_kind.setdefault(row.entry.kind, []).append(row)
        for kind, label in labels.items():
            if kind in by_kind:
                rows = sorted(by_kind[kind], key=lambda row: (-(row.rank or 0), row.entry_id))
                groups.append(Group(kind, str(label), counts[kind]["n"], _hits(rows, terms, query.language)))
        groups.sort(key=lambda group: -max(hit.rank for hit in group.hits))
    suggestion = backend.did_you_mean(query) if query.text and (fuzzy or total < 3) else ""
    return Results(
        query=query,
        total=total,
        groups=groups,
        hits=hits,
        kinds=kinds,
        facets=facet_counts,
        open_count=sum(row["open"] for row in chosen),
        suggestion=suggestion,
        page=page,
        pages=pages,
    )


@dataclasses.dataclass
class Suggestion:
    kind: str
    object_id: int
    title: str
    url: str


def suggest(text: str, kinds=(), language: str = settings.LANGUAGE_CODE, limit: int = 8) -> list[Suggestion]:
    """Records of `kinds` whose names come closest to `text` (autocomplete), best first."""
    text = " ".join((text or "").split())[:MAX_TEXT]
    if not fold(text):
        return []
    indexing.flush()
    documents = SearchDocument.objects.filter(language=language)
    if kinds:
        documents = documents.filter(entry__kind__in=list(kinds))
    rows = backends.current().names(documents, text)[:limit]
    return [Suggestion(row.entry.kind, row.entry.object_id, row.title, row.url) for row in rows.select_related("entry")]


__all__ = ["FACETS", "Hit", "Query", "Results", "matching", "run", "suggest", "words"]
