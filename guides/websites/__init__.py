"""Agencies' English websites: their state, address and the weekly checker's findings."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
    # tasks registers the checker's Celery tasks; imports the `english-websites` importer and exporter.
    from guides.websites import demo, imports, services, tasks  # noqa: F401
    from portal import reviews
    from portal.demo import register_loader

    register_loader(demo.load)
    reviews.register(services.PROPOSAL_REVIEW)
