"""Pages of the library part, under /<lang>/guides/ (namespace `guides`). guides/urls.py splices them in after the
other parts', so the reports' addresses (english-websites/, portals/, materials/) are never taken for a guide's."""

from django.urls import path

from guides.library import api, follow_urls, views

urlpatterns = [
    # Following the guides (`following/…`) before a guide's own address takes the word for a slug.
    *follow_urls.urlpatterns,
    path("propose/", views.propose, name="guide_propose"),
    path("<slug:slug>/", views.guide_detail, name="guide"),
    path("<slug:slug>/edit/", views.edit, name="guide_edit"),
    path("<slug:slug>/submit/", views.submit, name="guide_submit"),
    path("<slug:slug>/v<int:number>/", views.version_detail, name="guide_version"),
    path("<slug:slug>/compare/", views.compare, name="guide_compare"),
    path("<slug:slug>/files/<int:pk>/", views.attachment, name="guide_attachment"),
]

# (prefix, viewset, basename) under /api/v1/; the versions' and files' prefixes before the guides' own.
api_routes: list = [
    *follow_urls.api_routes,
    ("guides/versions", api.GuideVersionViewSet, "guides-version"),
    ("guides/attachments", api.GuideAttachmentViewSet, "guides-attachment"),
    ("guides", api.GuideViewSet, "guides-guide"),
]
