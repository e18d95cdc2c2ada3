"""The gallery of agencies' posters, brochures, films and presentations, with thumbnails."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
