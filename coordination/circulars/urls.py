"""Pages of the coordination area's circulars part (joined into the `coordination` namespace by coordination/urls.py)."""

from django.urls import path

from coordination.circulars import api, dashboard_views, views

urlpatterns = [
    path("circulars/", views.circular_list, name="circular_list"),
    path("circulars/mine/", views.circular_mine, name="circular_mine"),
    path("circulars/<int:pk>/", views.circular_detail, name="circular"),
    path("circulars/<int:pk>/acknowledge/", views.circular_acknowledge, name="circular_acknowledge"),
    path("circulars/<int:pk>/answer/", views.circular_answer, name="circular_answer"),
    path("circulars/<int:pk>/attachments/<int:attachment>/", views.circular_attachment, name="circular_attachment"),
    path(
        "circulars/<int:pk>/answers/<int:attachment>/",
        views.circular_reply_attachment,
        name="circular_reply_attachment",
    ),
    path("circulars/<int:pk>/dashboard/", dashboard_views.circular_dashboard, name="circular_dashboard"),
    path("circulars/<int:pk>/remind/", dashboard_views.circular_remind, name="circular_remind"),
]

# (prefix, viewset, basename) under /api/v1/, collected by coordination/urls.py.
api_routes = [
    ("coordination/circulars", api.CircularViewSet, "coordination-circular"),
    ("coordination/circular-recipients", api.RecipientViewSet, "coordination-circular-recipient"),
    ("coordination/distribution-lists", api.DistributionListViewSet, "coordination-distribution-list"),
]
