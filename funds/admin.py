"""Back-office of the funds area."""
