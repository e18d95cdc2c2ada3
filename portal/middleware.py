"""Language selection for the API and the calendar feeds, which live outside the language-prefixed page URLs."""

from django.conf import settings
from django.utils import translation


def is_calendar_feed(path: str) -> bool:
    """/deadlines.ics and /deadlines/<token>.ics: `?lang=fa` gives the titles in Persian."""
    return path.startswith("/deadlines") and path.endswith(".ics")


class ApiLanguageMiddleware:
    """`/api/…?lang=fa` answers in Persian; without it the Accept-Language header decides."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.GET.get("lang")
        if lang in self.codes and (request.path.startswith("/api/") or is_calendar_feed(request.path)):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response.headers.setdefault("Content-Language", translation.get_language())
        return response
