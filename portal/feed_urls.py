"""The core's addresses outside the language prefixes: the calendar feeds and the health check."""

from django.urls import path

from portal import calendar_views

urlpatterns = [
    path("deadlines.ics", calendar_views.public_ics, name="deadlines_ics"),
    path("deadlines/<str:token>.ics", calendar_views.private_ics, name="deadlines_private_ics"),
    path("healthz", calendar_views.healthz, name="healthz"),
]
