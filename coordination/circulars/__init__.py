"""Circular letters: distribution lists, the letters, one recipient row per addressed agency and its answer."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
    # imports registers the distribution lists' importer and exporter.
    from coordination.circulars import deadlines, demo, imports, search  # noqa: F401
    from portal.demo import register_loader

    deadlines.connect()
    search.register_sources()  # after the deadlines: a save moves them before it is indexed
    register_loader(demo.load)
