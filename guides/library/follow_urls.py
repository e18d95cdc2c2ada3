"""Pages of following the guides, spliced into the library's urlpatterns (namespace `guides`)."""

from django.urls import path

from guides.library import follow_api, follow_views

urlpatterns = [
    path("following/", follow_views.following, name="following"),
    path("following/follow/", follow_views.follow, name="follow"),
    path("following/<int:pk>/unfollow/", follow_views.unfollow, name="unfollow"),
]

# (prefix, viewset, basename) under /api/v1/, joined into the library's api_routes.
api_routes = [("guides/follows", follow_api.GuideFollowViewSet, "guides-follow")]
