"""The portal's languages and the one-column-per-language fields of translated content."""

from django.conf import settings

CODES = tuple(code for code, _name in settings.LANGUAGES)


def translated_fields(*fields: str) -> list[str]:
    """`title` → `title_tr`, `title_en`, … in the order of `settings.LANGUAGES`."""
    return [f"{field}_{code}" for field in fields for code in CODES]


def has_fallback_text(values: dict[str, str]) -> bool:
    """Every language falls back to the end of the chain (English, then Turkish): one of those must be
    given, keyed by language code, so that every language can show something."""
    return any(values.get(code) for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
