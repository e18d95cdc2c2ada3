"""Coordination bodies (councils, working groups, clusters), their meetings and resolutions."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
    # imports registers the resolutions importer; sections adds the open resolutions to the agency profile.
    from coordination.meetings import deadlines, demo, imports, names, search, sections, services  # noqa: F401
    from portal import reviews
    from portal.demo import register_loader

    deadlines.connect()
    names.register()
    search.register_sources()  # after the deadlines: a save moves them before it is indexed
    register_loader(demo.load)
    reviews.register(services.NOTE_REVIEW)
