"""Root URLs: the core's and each area's pages under the language prefix (each area's own `urls.py`, namespaced),
the API and the feeds outside it, the admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("", include("portal.feed_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("awards/", include("awards.urls")),
    path("funds/", include("funds.urls")),
    path("events/", include("events.urls")),
    path("guides/", include("guides.urls")),
    path("coordination/", include("coordination.urls")),
    path("search/", include("portal.search.urls")),
    prefix_default_language=True,
)

# The portal's own error pages (portal/errors.py).
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
