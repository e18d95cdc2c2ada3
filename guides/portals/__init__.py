"""International portals where public ICT projects get listed, and the projects' listings there."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
    from guides.portals import demo, names, search, sections, services  # noqa: F401 (sections registers itself)
    from portal import reviews
    from portal.demo import register_loader

    reviews.register(services.LISTING_REVIEW)
    search.register_sources()
    register_loader(demo.load)
    names.register()
