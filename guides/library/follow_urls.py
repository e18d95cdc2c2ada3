"""Pages of following the guides, spliced into the library's urlpatterns (namespace `guides`)."""

from django.urls import path

from guides.library import follow_views

urlpatterns = [
    path("following/", follow_views.following, name="following"),
    path("following/follow/", follow_views.follow, name="follow"),
    path("following/<int:pk>/unfollow/", follow_views.unfollow, name="unfollow"),
]
