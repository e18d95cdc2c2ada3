"""Back-office of the coordination area's participation part."""
