"""Pages of the coordination area's private sector part (joined into the `coordination` namespace by coordination/urls.py)."""

urlpatterns = []

# (prefix, viewset, basename) under /api/v1/, collected by coordination/urls.py.
api_routes = []
