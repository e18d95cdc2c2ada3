"""Site search: the registry the areas fill (`register`, `Source`, `Document`), the index kept on save
(`portal.search.indexing`), and the one query interface the page, the API, the saved searches and the benchmark
call (`Query`, `run`, `matching`, `suggest`), answered by PostgreSQL full-text search or, on the embedded SQLite
demo, by a plain fallback (`portal.search.backends`)."""

from portal.search.registry import Document, Source, kinds, sources


def register(source: Source) -> Source:
    """Make `source`'s records findable, and keep them indexed on every save, delete and many-to-many change."""
    from portal.search import indexing, registry

    registry.register(source)
    indexing.connect(source)
    return source


def texts(record, field):
    from portal.search.indexing import texts as _texts

    return _texts(record, field)


def plain(html):
    from portal.search.indexing import plain as _plain

    return _plain(html)


def __getattr__(name):
    # The query side loads the models, which the app registry may not have when an area imports the registry.
    if name in {"Query", "Results", "Hit", "run", "matching", "suggest", "FACETS"}:
        from portal.search import engine

        return getattr(engine, name)
    raise AttributeError(name)


__all__ = ["Document", "Source", "kinds", "plain", "register", "sources", "texts"]
