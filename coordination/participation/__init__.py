"""Who takes part: the working group's coverage report of the agencies and invitations to those without a
confirmed contact."""


def ready() -> None:
    """Wire the part into the portal's registries; called by the app config."""
