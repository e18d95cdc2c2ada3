"""Models of the materials part."""

__all__: list[str] = []
