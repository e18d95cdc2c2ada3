"""Back-office of the portals part."""
