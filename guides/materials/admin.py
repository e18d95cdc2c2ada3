"""Back-office of the materials part."""
