from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from portal import api

router = DefaultRouter()
router.register("agencies", api.AgencyViewSet, basename="agency")
router.register("projects", api.ProjectViewSet, basename="project")
router.register("action-lines", api.ActionLineViewSet, basename="actionline")
router.register("sdgs", api.SDGViewSet, basename="sdg")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
