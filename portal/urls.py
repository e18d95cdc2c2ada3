"""Pages of the core, under the language prefix: home, projects, agencies, the deadline calendar, accounts and
alert settings. `feed_urls` holds the core's addresses outside the prefixes (calendar feeds, health)."""

from django.urls import include, path

from portal import (
    account_views,
    alert_views,
    api,
    calendar_views,
    review_views,
    saved_search_api,
    saved_search_views,
    views,
)

account_patterns = [
    path("register/", account_views.register, name="register"),
    path("register/done/", account_views.register_done, name="register_done"),
    path("confirm/resend/", account_views.resend, name="resend"),
    path("confirm/<str:token>/", account_views.confirm, name="confirm"),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", account_views.logout, name="logout"),
    path("password-reset/", account_views.password_reset, name="password_reset"),
    path("password-reset/sent/", account_views.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", account_views.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/done/", account_views.password_reset_complete, name="password_reset_complete"),
    path("my-agency/", account_views.my_agency, name="my_agency"),
    path(
        "my-agency/partnerships/<int:pk>/accept/",
        account_views.partnership_decide,
        {"accept": True},
        name="partnership_accept",
    ),
    path(
        "my-agency/partnerships/<int:pk>/decline/",
        account_views.partnership_decide,
        {"accept": False},
        name="partnership_decline",
    ),
    path("alerts/", alert_views.my_alerts, name="alerts"),
    path("alerts/calendar/", alert_views.renew_calendar, name="alerts_calendar"),
    path("alerts/searches/new/", saved_search_views.saved_search_new, name="saved_search_new"),
    path("alerts/searches/<int:pk>/", saved_search_views.saved_search_edit, name="saved_search_edit"),
    path("alerts/searches/<int:pk>/delete/", saved_search_views.saved_search_delete, name="saved_search_delete"),
    path(
        "alerts/searches/unsubscribe/<str:token>/",
        saved_search_views.saved_search_unsubscribe,
        name="saved_search_unsubscribe",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_edit, name="project_create"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projects/<slug:slug>/edit/", views.project_edit, name="project_edit"),
    path("projects/<slug:slug>/submit/", views.project_submit, name="project_submit"),
    path("projects/<slug:slug>/materials/new/", views.material_add, name="material_add"),
    path("projects/<slug:slug>/materials/<int:pk>/", views.material_download, name="material_download"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path("deadlines/", calendar_views.deadline_list, name="deadline_list"),
    path("reviews/", review_views.review_queue, name="review_queue"),
    path("reviews/settings/", review_views.review_settings, name="review_settings"),
    path("reviews/revisions/<int:pk>/", review_views.review_revision, name="review_revision"),
    path("reviews/revisions/<int:pk>/accept/", review_views.review_revision_accept, name="review_revision_accept"),
    path(
        "reviews/revisions/<int:pk>/send-back/",
        review_views.review_revision_send_back,
        name="review_revision_send_back",
    ),
    path("reviews/<str:kind>/<int:pk>/publish/", review_views.review_publish, name="review_publish"),
    path("reviews/<str:kind>/<int:pk>/send-back/", review_views.review_send_back, name="review_send_back"),
    path("reviews/<str:kind>/<int:pk>/verify/", review_views.review_verify, name="review_verify"),
    path("alerts/unsubscribe/<str:token>/", alert_views.unsubscribe, name="alerts_unsubscribe"),
    path("accounts/", include((account_patterns, "accounts"))),
]

# The core's API routes under /api/v1/, registered on the router by config/api_urls.py: (prefix, viewset, basename).
api_routes = [
    ("agencies", api.AgencyViewSet, "agency"),
    ("projects", api.ProjectViewSet, "project"),
    ("action-lines", api.ActionLineViewSet, "actionline"),
    ("sdgs", api.SDGViewSet, "sdg"),
    ("deadlines", api.DeadlineViewSet, "deadline"),
    ("saved-searches", saved_search_api.SavedSearchViewSet, "saved-search"),
]
# The core's other API addresses under /api/v1/.
api_urlpatterns = [
    path("alerts/subscription/", api.SubscriptionView.as_view(), name="subscription"),
    path("names/", api.NameSuggestionsView.as_view(), name="names"),
]
