"""Models of the websites part."""

__all__: list[str] = []
