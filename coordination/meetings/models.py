"""Models of the coordination area's meetings part."""

__all__: list[str] = []
