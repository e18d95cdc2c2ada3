"""Back-office of the coordination area."""
