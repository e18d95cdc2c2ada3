"""Pages of the funds area, under /<lang>/funds/ (namespace `funds`)."""

from django.urls import path

from funds import api, views
from funds.report_views import GRANT_PAGES
from portal.report_views import report_routes

app_name = "funds"
urlpatterns = [
    path("", views.funder_list, name="index"),
    # Before the other pages: "reports" would be read as a slug.
    *report_routes(GRANT_PAGES, "reports/"),
    path("funders/<slug:slug>/", views.funder_detail, name="funder"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme"),
    path("calls/", views.call_list, name="calls"),
    path("calls/<int:pk>/", views.call_detail, name="call"),
    path("grants/", views.grant_list, name="grants"),
]

# The area's API routes under /api/v1/, registered on the router by config/api_urls.py: (prefix, viewset, basename).
api_routes = [
    ("funds/funders", api.FunderViewSet, "fund-funder"),
    ("funds/programmes", api.ProgrammeViewSet, "fund-programme"),
    ("funds/calls", api.CallViewSet, "fund-call"),
    ("funds/grants", api.GrantViewSet, "fund-grant"),
]
