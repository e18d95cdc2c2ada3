"""The private sector's part: companies as partners, their contributions, the problems they report and the
incentives offered to them."""


def ready() -> None:
    """Wire the part into the portal's registries (demo, reviews, imports); called by the app config."""
