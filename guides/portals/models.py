"""Models of the portals part."""

__all__: list[str] = []
