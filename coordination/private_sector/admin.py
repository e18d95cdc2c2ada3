"""Back-office of the coordination area's private sector part."""
