"""Pages of the events area, under /<lang>/events/ (namespace `events`)."""

from django.urls import path

from events import api, views
from events.report_views import PARTICIPATION_PAGES
from portal.report_views import report_routes

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="index"),
    # Before the event pages: "participations", "calendar" and "past" would be read as an event's slug
    # (events.models.RESERVED_SLUGS).
    *report_routes(PARTICIPATION_PAGES, "participations/"),
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
