"""Back-office of the coordination area's circulars part."""
