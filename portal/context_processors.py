"""Template context shared by every page: the language alternates, the site's address, whether the reader is a
working-group admin (the review queue in the menu)."""

from django.conf import settings
from django.urls import translate_url

from portal.selectors import is_working_group_admin


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
    user = getattr(request, "user", None)
    reviewer = bool(user is not None and user.is_staff and is_working_group_admin(user))
    return {"language_alternates": alternates, "SITE_URL": settings.SITE_URL, "is_reviewer": reviewer}
