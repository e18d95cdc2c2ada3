"""The search page under the language prefix (`search`), and the search API under /api/v1/ (config/api_urls.py)."""

from django.urls import path

from portal.search import api, views

urlpatterns = [
    path("", views.search_page, name="search"),
]

api_urlpatterns = [
    path("search/", api.SearchView.as_view(), name="search"),
]
