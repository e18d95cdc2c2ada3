"""Pages of the library part, under /<lang>/guides/ (namespace `guides`)."""

urlpatterns: list = []

# (prefix, viewset, basename) under /api/v1/.
api_routes: list = []

from guides.library.follow_urls import urlpatterns as follow_patterns  # noqa: E402 (following the guides)

urlpatterns += follow_patterns
