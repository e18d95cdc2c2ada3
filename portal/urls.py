"""URL conf: language-prefixed pages, the API outside the prefixes, the admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from awards import views as award_views
from events import report_views as event_report_views
from events import views as event_views
from funds import report_views as fund_report_views
from funds import views as fund_views
from portal import account_views, alert_views, calendar_views, views

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
    path("alerts/", alert_views.my_alerts, name="alerts"),
    path("alerts/calendar/", alert_views.renew_calendar, name="alerts_calendar"),
]

# The areas whose landing page is still a placeholder (awards, funds and events have their own pages).
AREAS = ("guides", "coordination")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api_urls")),
    path("deadlines.ics", calendar_views.public_ics, name="deadlines_ics"),
    path("deadlines/<str:token>.ics", calendar_views.private_ics, name="deadlines_private_ics"),
    path("healthz", calendar_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    *(path(f"{area}/", views.area, {"area": area}, name=area) for area in AREAS),
    path("awards/", award_views.programme_list, name="awards"),
    path("awards/results/", award_views.result_list, name="award_results"),
    path("awards/figures/", award_views.result_figures, name="award_figures"),
    path("awards/editions/<int:pk>/", award_views.edition_detail, name="award_edition"),
    # Before the programme pages: "applications" would be read as a programme's slug.
    path("awards/applications/", award_views.application_list, name="award_applications"),
    path("awards/applications/new/", award_views.application_edit, name="award_application_create"),
    path("awards/applications/<int:pk>/edit/", award_views.application_edit, name="award_application_edit"),
    path("awards/<slug:slug>/", award_views.programme_detail, name="award_programme"),
    # Before the other funds pages: "reports" would be read as a slug.
    path("funds/reports/", fund_report_views.report_list, name="fund_reports"),
    path("funds/reports/new/", fund_report_views.report_edit, name="fund_report_create"),
    path("funds/reports/<int:pk>/edit/", fund_report_views.report_edit, name="fund_report_edit"),
    path("funds/reports/<int:pk>/submit/", fund_report_views.report_submit, name="fund_report_submit"),
    path("funds/", fund_views.funder_list, name="funds"),
    path("funds/funders/<slug:slug>/", fund_views.funder_detail, name="fund_funder"),
    path("funds/programmes/<slug:slug>/", fund_views.programme_detail, name="fund_programme"),
    path("funds/calls/", fund_views.call_list, name="fund_calls"),
    path("funds/calls/<int:pk>/", fund_views.call_detail, name="fund_call"),
    path("funds/grants/", fund_views.grant_list, name="fund_grants"),
    # Before the event pages: "participations" would be read as an event's slug (events.models.RESERVED_SLUGS).
    path("events/participations/", event_report_views.report_list, name="event_participations"),
    path("events/participations/new/", event_report_views.report_edit, name="event_participation_create"),
    path("events/participations/<int:pk>/edit/", event_report_views.report_edit, name="event_participation_edit"),
    path("events/participations/<int:pk>/submit/", event_report_views.report_submit, name="event_participation_submit"),
    path("events/", event_views.event_list, name="events"),
    # Before the event's page: "calendar" and "past" would be read as an event's slug.
    path("events/calendar/", event_views.event_calendar, name="event_calendar"),
    path("events/past/", event_views.event_past, name="event_past"),
    path("events/<slug:slug>/", event_views.event_detail, name="event_detail"),
    path("events/<slug:slug>/calendar.ics", event_views.event_ics, name="event_ics"),
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
    path("alerts/unsubscribe/<str:token>/", alert_views.unsubscribe, name="alerts_unsubscribe"),
    path("accounts/", include((account_patterns, "accounts"))),
    prefix_default_language=True,
)
