"""Pages of the awards area, under /<lang>/awards/ (namespace `awards`)."""

from django.urls import path

from awards import api, views

app_name = "awards"
urlpatterns = [
    path("", views.programme_list, name="index"),
    path("results/", views.result_list, name="results"),
    path("figures/", views.result_figures, name="figures"),
    path("editions/<int:pk>/", views.edition_detail, name="edition"),
    # Before the programme pages: "applications" would be read as a programme's slug.
    path("applications/", views.application_list, name="applications"),
    path("applications/new/", views.application_edit, name="application_create"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
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
