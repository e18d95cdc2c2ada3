"""Pages of the coordination area's participation part (joined into the `coordination` namespace by coordination/urls.py)."""

from django.urls import path

from coordination.participation import views

urlpatterns = [
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/coverage.csv", views.coverage_csv, name="coverage_csv"),
    path("coverage/coverage.xlsx", views.coverage_xlsx, name="coverage_xlsx"),
    path("coverage/invite/<slug:slug>/", views.coverage_invite, name="coverage_invite"),
]

# (prefix, viewset, basename) under /api/v1/, collected by coordination/urls.py.
api_routes = []
