"""Pages of the guides area, under /<lang>/guides/ (namespace `guides`)."""

from django.urls import path

from guides import views

app_name = "guides"
urlpatterns = [
    path("", views.index, name="index"),
]
