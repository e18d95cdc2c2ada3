"""Back-office of the websites part."""
