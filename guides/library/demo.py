"""Demo guides of the library (placeholder while written)."""

ENGLISH_WEBSITE_GUIDE = "english-website-checklist"
PORTALS_GUIDE = "international-portals"


def load() -> dict:
    return {}
