"""The portal's own error pages, in the visitor's language and without any detail of the failure.

404: `page_not_found` renders `404.html` in the site's layout; its language links lead to each language's home
page, not to the address asked for, so the page tells nothing of what is or is not there (a draft's slug).
500: `server_error` below renders `500.html` on its own, with no request context processor, no database query and
no session (any of them may be what failed), in the language the request had activated; should even that fail,
a fixed page without any template is sent.
"""

from django.conf import settings
from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

FALLBACK = (
    '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><h1>{title}</h1><p>{text}</p></body></html>"
)


def _fallback() -> str:
    """The page without any template, in the request's language when even that works, else in English."""
    from django.utils.html import escape
    from django.utils.translation import gettext

    try:
        title = gettext("Server error")
        text = gettext("Something went wrong on our side. Please try again later.")
        lang = translation.get_language() or "en"
    except Exception:  # the error page must answer, whatever else is broken
        title, text, lang = "Server error", "Something went wrong on our side. Please try again later.", "en"
    return FALLBACK.format(lang=escape(lang), title=escape(title), text=escape(text))


@requires_csrf_token
def server_error(request, template_name="500.html"):
    try:
        html = loader.get_template(template_name).render(
            {"LANGUAGE_CODE": translation.get_language(), "LANGUAGE_BIDI": translation.get_language_bidi()}
        )
    except Exception:  # the error page must answer, whatever else is broken
        html = _fallback()
    return HttpResponseServerError(html)


@requires_csrf_token
def page_not_found(request, exception, template_name="404.html"):
    alternates = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("home")
        alternates.append({"code": code, "name": name, "url": url, "bidi": code in settings.LANGUAGES_BIDI})
    html = loader.render_to_string(template_name, {"language_alternates": alternates}, request)
    return HttpResponseNotFound(html)
