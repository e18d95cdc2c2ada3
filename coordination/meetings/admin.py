"""Back-office of the coordination area's meetings part."""
