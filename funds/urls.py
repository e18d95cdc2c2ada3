"""Pages of the funds area, under /<lang>/funds/ (namespace `funds`)."""

from django.urls import path

from funds import api, report_views, views

app_name = "funds"
urlpatterns = [
    path("", views.funder_list, name="index"),
    path("reports/", report_views.report_list, name="reports"),
    path("reports/new/", report_views.report_edit, name="report_create"),
    path("reports/<int:pk>/edit/", report_views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", report_views.report_submit, name="report_submit"),
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
