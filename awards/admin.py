"""Back-office of the awards area."""
