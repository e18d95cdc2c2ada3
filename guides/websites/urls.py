"""Pages of the websites part, under /<lang>/guides/ (namespace `guides`)."""

from django.urls import path

from guides.websites import api, views
from guides.websites.report_views import PROPOSAL_PAGES
from portal.report_views import report_routes

urlpatterns = [
    path("english-websites/", views.report, name="websites"),
    path("english-websites/csv/", views.report_csv, name="websites_csv"),
    path("english-websites/xlsx/", views.report_xlsx, name="websites_xlsx"),
    *report_routes(PROPOSAL_PAGES, "english-websites/mine/"),
]

# (prefix, viewset, basename) under /api/v1/.
api_routes = [
    ("guides/english-websites", api.EnglishWebsiteViewSet, "guides-english-website"),
]
