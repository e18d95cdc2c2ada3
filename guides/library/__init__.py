"""The library: guides (roadmaps, analyses, application guides…), their numbered versions, attachments and
followers."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
    from guides.library import deadlines, sections  # noqa: F401

    deadlines.connect()
