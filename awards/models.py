"""Models of the awards area."""
