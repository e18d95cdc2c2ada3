"""Models of the guides area."""
