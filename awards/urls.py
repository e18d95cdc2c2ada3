"""Pages of the awards area, under /<lang>/awards/ (namespace `awards`)."""

from django.urls import path

from awards import api, views
from awards.report_views import APPLICATION_PAGES
from portal.report_views import report_routes

app_name = "awards"
urlpatterns = [
    path("", views.programme_list, name="index"),
    path("results/", views.result_list, name="results"),
    path("figures/", views.result_figures, name="figures"),
    path("editions/<int:pk>/", views.edition_detail, name="edition"),
    # Before the programme pages: "applications" would be read as a programme's slug.
    *report_routes(APPLICATION_PAGES, "applications/"),
    path("<slug:slug>/", views.programme_detail, name="programme"),
]

# The area's API routes under /api/v1/, registered on the router by config/api_urls.py: (prefix, viewset, basename).
api_routes = [
    ("awards/programmes", api.ProgrammeViewSet, "award-programme"),
    ("awards/categories", api.CategoryViewSet, "award-category"),
    ("awards/editions", api.EditionViewSet, "award-edition"),
    ("awards/results", api.ResultViewSet, "award-result"),
    ("awards/applications", api.ApplicationViewSet, "award-application"),
]
