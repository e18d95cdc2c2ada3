"""What search can find: each area registers a `Source` per model in its `AppConfig.ready()` (in its `search.py`):
the records the public may see, and how one of them reads as a search `Document`. Nothing else is ever indexed, so
drafts, private records and another agency's unpublished work cannot reach results, facets or counts."""

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import Model, QuerySet


@dataclasses.dataclass
class Document:
    """A record as search reads it. Texts are keyed by language code (already with the content's fallback: what the
    page shows in that language); `names` are the record's names in every language, acronyms and other names it is
    known by. Facets: country (ISO code), agency kind, WSIS action line codes, SDG numbers, years, and the end of
    the next open deadline (None when nothing is open)."""

    title: dict[str, str]
    url: Callable[[], str]  # called with each language active
    names: Iterable[str] = ()
    summary: dict[str, str] = dataclasses.field(default_factory=dict)
    body: dict[str, str] = dataclasses.field(default_factory=dict)
    country: str = ""
    agency_kind: str = ""
    action_lines: Iterable[str] = ()
    sdgs: Iterable[int | str] = ()
    years: Iterable[int] = ()
    open_until: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class Source:
    """`kind`: a stable code (`project`, `award_result`…); `label`: the kind's name in the plural, translated;
    `queryset`: the records anyone may see (with what `document` reads selected or prefetched); `order`: where the
    kind's group stands on the results page; `follows`: other models whose change re-indexes records of this one,
    as {model: function(instance) → records}."""

    kind: str
    label: str
    model: type[Model]
    queryset: Callable[[], QuerySet]
    document: Callable[[Model], Document]
    order: int = 100
    follows: dict = dataclasses.field(default_factory=dict)


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    if source.kind in _SOURCES and _SOURCES[source.kind].model is not source.model:
        raise ValueError(f"search kind {source.kind!r} is registered twice")
    _SOURCES[source.kind] = source
    return source


def sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.kind))


def source(kind: str) -> Source | None:
    return _SOURCES.get(kind)


def sources_of(model: type[Model]) -> list[Source]:
    return [source for source in _SOURCES.values() if source.model is model]


def kinds() -> list[tuple[str, str]]:
    return [(source.kind, source.label) for source in sources()]
