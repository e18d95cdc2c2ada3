"""The private sector's part: companies as partners, their contributions, the problems they report and the
incentives offered to them."""


def ready() -> None:
    """Wire the part into the portal's registries (demo, reviews, the sections of the core pages); called by the
    app config."""
    from coordination.private_sector import demo, search, sections, services  # noqa: F401 (sections registers itself)
    from portal import reviews
    from portal.demo import register_loader

    reviews.register(services.CONTRIBUTION_REVIEW)
    reviews.register(services.PROBLEM_REVIEW)
    register_loader(demo.load)
    search.register_sources()
