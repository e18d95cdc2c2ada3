"""The events area's sections of the agency profile and the project page."""
