"""Pages of the coordination area, under /<lang>/coordination/ (namespace `coordination`); each part adds its own."""

from django.urls import path

from coordination import views
from coordination.circulars import urls as circulars
from coordination.meetings import urls as meetings
from coordination.participation import urls as participation
from coordination.private_sector import urls as private_sector

PARTS = (circulars, meetings, private_sector, participation)

app_name = "coordination"
urlpatterns = [
    path("", views.index, name="index"),
    *(pattern for part in PARTS for pattern in part.urlpatterns),
]

# The area's API routes under /api/v1/coordination/…, registered by config/api_urls.py: (prefix, viewset, basename).
api_routes = [route for part in PARTS for route in part.api_routes]
