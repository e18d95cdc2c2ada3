"""International portals where public ICT projects get listed, and the projects' listings there."""


def ready() -> None:
    """Wire the part into the portal's registries (deadlines, demo, reviews, imports); called by the app config."""
