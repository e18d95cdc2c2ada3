"""Models of the coordination area."""
