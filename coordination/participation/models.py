"""Models of the coordination area's participation part."""

__all__: list[str] = []
