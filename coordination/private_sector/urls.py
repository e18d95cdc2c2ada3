"""Pages of the coordination area's private sector part (joined into the `coordination` namespace by
coordination/urls.py)."""

from django.urls import path

from coordination.private_sector import api, views
from coordination.private_sector.report_views import CONTRIBUTION_PAGES, PROBLEM_PAGES
from portal.report_views import report_routes

urlpatterns = [
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner"),
    path("contributions/", views.contribution_list, name="contribution_list"),
    *report_routes(CONTRIBUTION_PAGES, "contributions/reports/"),
    path("problems/", views.problem_list, name="problem_list"),
    *report_routes(PROBLEM_PAGES, "problems/reports/"),
    path("incentives/", views.incentive_list, name="incentive_list"),
    path("cooperation/", views.cooperation, name="cooperation"),
]

# (prefix, viewset, basename) under /api/v1/, collected by coordination/urls.py.
api_routes = [
    ("coordination/partners", api.PartnerViewSet, "coordination-partner"),
    ("coordination/contributions", api.ContributionViewSet, "coordination-contribution"),
    ("coordination/problems", api.ProblemViewSet, "coordination-problem"),
    ("coordination/incentives", api.IncentiveViewSet, "coordination-incentive"),
]
