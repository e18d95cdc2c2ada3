"""Back-office of the guides area."""
