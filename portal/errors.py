"""The portal's own error pages, in the visitor's language and without any detail of the failure.

404: Django's `page_not_found` renders `404.html` (the site's layout: the request and its context are sound).
500: `server_error` below renders `500.html` on its own, with no request context processor, no database query and
no session (any of them may be what failed), in the language the request had activated; should even that fail,
a fixed page in English is sent.
"""

from django.http import HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

FALLBACK = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Server error</title></head>'
    "<body><h1>Server error</h1><p>Something went wrong on our side. Please try again later.</p></body></html>"
)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    try:
        html = loader.get_template(template_name).render(
            {"LANGUAGE_CODE": translation.get_language(), "LANGUAGE_BIDI": translation.get_language_bidi()}
        )
    except Exception:  # the error page must answer, whatever else is broken
        html = FALLBACK
    return HttpResponseServerError(html)
