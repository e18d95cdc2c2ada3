"""Absolute addresses of the portal's pages in a given language, as mails, calendars and the API give them."""

from django.conf import settings
from django.urls import reverse


def page_url(url: str, language: str) -> str:
    """The absolute address of a deadline's page, in `language` when it is one of the portal's pages."""
    if not url:
        return settings.SITE_URL + reverse("deadline_list")
    if not url.startswith("/"):
        return url
    parts = url.split("/", 2)
    codes = {code for code, _name in settings.LANGUAGES}
    if len(parts) > 2 and parts[1] in codes:
        url = "/" + parts[2]
    return f"{settings.SITE_URL}/{language}{url}"
