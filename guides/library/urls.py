"""Pages of the library part, under /<lang>/guides/ (namespace `guides`)."""

urlpatterns: list = []

# (prefix, viewset, basename) under /api/v1/.
api_routes: list = []

from guides.library import follow_urls  # noqa: E402 (following the guides)

urlpatterns += follow_urls.urlpatterns
api_routes += follow_urls.api_routes
