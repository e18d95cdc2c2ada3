"""Back-office of the library part."""
