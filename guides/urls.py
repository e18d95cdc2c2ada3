"""Pages of the guides area, under /<lang>/guides/ (namespace `guides`); each part adds its own."""

from django.urls import path

from guides import views
from guides.library import urls as library
from guides.materials import urls as materials
from guides.portals import urls as portals
from guides.websites import urls as websites

# The library last: its guides' addresses (<slug>/) come after the other parts' fixed ones.
PARTS = (websites, portals, materials, library)

app_name = "guides"
urlpatterns = [
    path("", views.index, name="index"),
    *(pattern for part in PARTS for pattern in part.urlpatterns),
]

# The area's API routes under /api/v1/guides/…, registered by config/api_urls.py: (prefix, viewset, basename).
api_routes = [route for part in PARTS for route in part.api_routes]
