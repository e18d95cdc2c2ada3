"""API v1 at /api/v1/: the schema and its docs, and the routes the core and each area declare in their `urls.py`
(`api_routes`, `api_urlpatterns`)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from awards import urls as awards
from coordination import urls as coordination
from events import urls as events
from funds import urls as funds
from guides import urls as guides
from portal import api
from portal import urls as portal
from portal.search import urls as search

SOURCES = (portal, search, awards, funds, events, guides, coordination)

router = DefaultRouter()
for source in SOURCES:
    for prefix, viewset, basename in getattr(source, "api_routes", ()):
        router.register(prefix, viewset, basename=basename)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *(pattern for source in SOURCES for pattern in getattr(source, "api_urlpatterns", ())),
    path("", include(router.urls)),
    # Last: an unknown address, or a value a route's pattern refuses (/action-lines/X9/), is a JSON 404 too.
    # Only addresses ending in a slash, so CommonMiddleware still redirects /api/v1/projects to /projects/.
    re_path(r"^[\s\S]*/\Z", api.NotFoundView.as_view()),
]
