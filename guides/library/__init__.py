"""The library: guides (roadmaps, analyses, application guides…), their numbered versions, attachments and
followers."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
    # imports registers the guides' importer; sections adds the application guide to an award edition's page.
    from guides.library import deadlines, demo, imports, names, search, sections, services  # noqa: F401
    from portal import reviews
    from portal.demo import register_loader

    deadlines.connect()
    names.register()
    search.register_sources()
    reviews.register(services.GUIDE_REVIEW)
    register_loader(demo.load)
