"""Back-office of the events area."""
