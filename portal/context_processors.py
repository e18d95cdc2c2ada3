"""Template context shared by every page: the language alternates and the site's address."""

from django.conf import settings
from django.urls import translate_url


def site(request):
    path = request.get_full_path()
    alternates = []
    for code, name in settings.LANGUAGES:
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "bidi": code in settings.LANGUAGES_BIDI,
            }
        )
    return {"language_alternates": alternates, "SITE_URL": settings.SITE_URL}
