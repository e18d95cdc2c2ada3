"""Coordination bodies (councils, working groups, clusters), their meetings and resolutions."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
