"""Agencies' English websites: their state, address and the weekly checker's findings."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
