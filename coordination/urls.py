"""Pages of the coordination area, under /<lang>/coordination/ (namespace `coordination`)."""

from django.urls import path

from coordination import views

app_name = "coordination"
urlpatterns = [
    path("", views.index, name="index"),
]
