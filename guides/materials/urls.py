"""Pages of the materials part, under /<lang>/guides/ (namespace `guides`)."""

from django.urls import path, re_path

from guides.materials import api, views

SOURCE = r"(?P<source>material|attachment)"
PK = r"(?P<pk>[0-9]{1,18})"

urlpatterns = [
    path("materials/", views.gallery, name="materials"),
    path("materials/mine/", views.mine, name="material_mine"),
    re_path(rf"^materials/{PK}/details/$", views.details, name="material_details"),
    re_path(rf"^materials/{SOURCE}/{PK}/$", views.item, name="material_item"),
    re_path(rf"^materials/{SOURCE}/{PK}/thumbnail\.png$", views.thumbnail, name="material_thumbnail"),
    re_path(rf"^materials/{SOURCE}/{PK}/file/$", views.item_file, name="material_file"),
]

# (prefix, viewset, basename) under /api/v1/.
api_routes = [("guides/materials", api.GalleryViewSet, "guides-material")]
