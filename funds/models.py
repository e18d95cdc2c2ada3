"""Models of the funds area."""
