"""Pages of the events area, under /<lang>/events/ (namespace `events`)."""

from django.urls import path

from events import api, report_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="index"),
    # Before the event pages: "participations", "calendar" and "past" would be read as an event's slug
    # (events.models.RESERVED_SLUGS).
    path("participations/", report_views.report_list, name="participations"),
    path("participations/new/", report_views.report_edit, name="participation_create"),
    path("participations/<int:pk>/edit/", report_views.report_edit, name="participation_edit"),
    path("participations/<int:pk>/submit/", report_views.report_submit, name="participation_submit"),
    path("calendar/", views.event_calendar, name="calendar"),
    path("past/", views.event_past, name="past"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="ics"),
]

# The area's API routes under /api/v1/, registered on the router by config/api_urls.py: (prefix, viewset, basename).
api_routes = [
    # Before "events": its detail route would read "participations" as an event's slug.
    ("events/participations", api.ParticipationViewSet, "event-participation"),
    ("events", api.EventViewSet, "event"),
]
