"""Models of the coordination area's private sector part."""

__all__: list[str] = []
