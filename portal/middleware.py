"""Language selection for the API, which lives outside the language-prefixed page URLs."""

from django.conf import settings
from django.utils import translation


class ApiLanguageMiddleware:
    """`/api/…?lang=fa` answers in Persian; without it the Accept-Language header decides."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.GET.get("lang")
        if request.path.startswith("/api/") and lang in self.codes:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response.headers.setdefault("Content-Language", translation.get_language())
        return response
