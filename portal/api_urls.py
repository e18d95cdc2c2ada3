from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from awards import api as awards_api
from events import api as events_api
from funds import api as funds_api
from portal import api

router = DefaultRouter()
router.register("agencies", api.AgencyViewSet, basename="agency")
router.register("projects", api.ProjectViewSet, basename="project")
router.register("action-lines", api.ActionLineViewSet, basename="actionline")
router.register("sdgs", api.SDGViewSet, basename="sdg")
router.register("deadlines", api.DeadlineViewSet, basename="deadline")
router.register("awards/programmes", awards_api.ProgrammeViewSet, basename="award-programme")
router.register("awards/categories", awards_api.CategoryViewSet, basename="award-category")
router.register("awards/editions", awards_api.EditionViewSet, basename="award-edition")
router.register("awards/results", awards_api.ResultViewSet, basename="award-result")
router.register("awards/applications", awards_api.ApplicationViewSet, basename="award-application")
router.register("funds/funders", funds_api.FunderViewSet, basename="fund-funder")
router.register("funds/programmes", funds_api.ProgrammeViewSet, basename="fund-programme")
router.register("funds/calls", funds_api.CallViewSet, basename="fund-call")
router.register("funds/grants", funds_api.GrantViewSet, basename="fund-grant")
# Before "events": its detail route would read "participations" as an event's slug.
router.register("events/participations", events_api.ParticipationViewSet, basename="event-participation")
router.register("events", events_api.EventViewSet, basename="event")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("alerts/subscription/", api.SubscriptionView.as_view(), name="subscription"),
    path("", include(router.urls)),
    # Last: an unknown address, or a value a route's pattern refuses (/action-lines/X9/), is a JSON 404 too.
    # Only addresses ending in a slash, so CommonMiddleware still redirects /api/v1/projects to /projects/.
    re_path(r"^[\s\S]*/\Z", api.NotFoundView.as_view()),
]
