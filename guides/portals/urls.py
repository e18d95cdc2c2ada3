"""Pages of the portals part, under /<lang>/guides/ (namespace `guides`)."""

from django.urls import path

from guides.portals import api, views
from guides.portals.report_views import LISTING_PAGES
from portal.report_views import report_routes

urlpatterns = [
    path("portals/", views.portal_list, name="portals"),
    path("portals/unlisted/", views.unlisted, name="portals_unlisted"),
    *report_routes(LISTING_PAGES, "portals/listings/"),
    path("portals/<slug:slug>/", views.portal_detail, name="portal"),
]

# (prefix, viewset, basename) under /api/v1/.
api_routes = [
    ("guides/portals", api.PortalViewSet, "guides-portal"),
    ("guides/listings", api.ListingViewSet, "guides-listing"),
]
