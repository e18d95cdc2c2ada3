"""Pages of the portals part, under /<lang>/guides/ (namespace `guides`)."""

urlpatterns: list = []

# (prefix, viewset, basename) under /api/v1/.
api_routes: list = []
