"""Showing a deadline on a page: its due time in a named zone, the days left, the link to its page."""

from django import template
from django.conf import settings
from django.utils import timezone, translation

from portal.links import page_url
from portal.moments import days_before, days_left_text, format_moment

register = template.Library()


@register.simple_tag
def due_in(deadline, tz: str) -> str:
    """The deadline's due time in `tz`, in the active language's format, with the zone named."""
    return format_moment(deadline.due_at, tz)


@register.filter
def days_left(deadline) -> str:
    """Counted in calendar days of the deadline's own zone, as the alert windows are."""
    return days_left_text(days_before(deadline.due_at, deadline.tz, timezone.now()))


@register.filter
def deadline_href(deadline) -> str:
    """The deadline's page in the active language ("" when it has none); the portal's pages as a local path."""
    if not deadline.url:
        return ""
    url = page_url(deadline.url, translation.get_language() or settings.LANGUAGE_CODE)
    return url.removeprefix(settings.SITE_URL) if deadline.url.startswith("/") else url
