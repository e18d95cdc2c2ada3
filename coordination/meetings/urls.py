"""Pages of the coordination area's meetings part (joined into the `coordination` namespace by coordination/urls.py)."""

from django.urls import path

from coordination.meetings import api, views
from coordination.meetings.report_views import NOTE_PAGES
from portal.report_views import report_routes

urlpatterns = [
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution"),
    *report_routes(NOTE_PAGES, "progress-notes/"),
]

# (prefix, viewset, basename) under /api/v1/, collected by coordination/urls.py.
api_routes = [
    ("coordination/bodies", api.BodyViewSet, "coordination-body"),
    ("coordination/meetings", api.MeetingViewSet, "coordination-meeting"),
    ("coordination/resolutions", api.ResolutionViewSet, "coordination-resolution"),
    ("coordination/progress-notes", api.ProgressNoteViewSet, "coordination-progress-note"),
]
