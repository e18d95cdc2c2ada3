"""Models of the events area."""
