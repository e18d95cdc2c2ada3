"""The websites part's back-office and worker: working-group admins only; "check now" stores the requests and starts
the worker once they commit (the checks run against a local HTTP server in eager mode); a broker that is down
leaves them waiting without an error page; the weekly task checks every address; the beat entry's migration."""

import datetime as dt
import logging

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from config.celery import app as celery_app
from guides.websites import services, tasks
from guides.websites.models import EnglishWebsite, WebsiteCheck, WebsiteCheckRequest, WebsiteProposal
from portal.models import Agency, EnglishWebsiteState
from tests import factories
from tests.guides import website_server as server
from tests.realstack import free_port

website_server = server.website_server

CHANGELIST = "/admin/guides/englishwebsite/"
MODELS = [EnglishWebsite, WebsiteCheck, WebsiteProposal]


def test_every_model_is_registered():
    assert all(model in admin.site._registry for model in MODELS)


def test_admin_pages_load(admin_client_wg, agency_a):
    agency_a.english_website_url = "https://a.example/en"
    agency_a.save()
    WebsiteCheck.objects.create(agency=agency_a, url="https://a.example/en", checked_at=timezone.now(), outcome="ok")
    for url in (
        CHANGELIST,
        f"{CHANGELIST}{agency_a.pk}/change/",
        "/admin/guides/websitecheck/",
        "/admin/guides/websiteproposal/",
        "/admin/guides/websiteproposal/add/",
        f"{CHANGELIST}import/",
        f"{CHANGELIST}export/",
    ):
        assert admin_client_wg.get(url).status_code == 200, url


def test_contacts_do_not_reach_the_back_office(client, contact_a):
    client.force_login(contact_a.user)
    response = client.get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_changelist_query_count_does_not_grow(admin_client_wg, django_assert_max_num_queries):
    for n in range(30):
        factories.AgencyFactory(english_website_url=f"https://a{n}.example/en")
    with django_assert_max_num_queries(20):
        assert admin_client_wg.get(CHANGELIST).status_code == 200


def _check_now(client, agencies):
    return client.post(
        CHANGELIST,
        {"action": "check_now", helpers.ACTION_CHECKBOX_NAME: [a.pk for a in agencies]},
        follow=True,
    )


def test_check_now_checks_the_selected_agencies_once_the_request_commits(
    admin_client_wg, wg_admin, website_server, django_capture_on_commit_callbacks
):
    english = factories.AgencyFactory(english_website_url=f"{website_server}/en")
    missing = factories.AgencyFactory(english_website_url=f"{website_server}/missing")
    without = factories.AgencyFactory(english_website_url="")
    untouched = factories.AgencyFactory(english_website_url=f"{website_server}/en")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _check_now(admin_client_wg, [english, missing, without])
    assert response.status_code == 200
    assert len(callbacks) == 1
    checks = {c.agency_id: c for c in WebsiteCheck.objects.all()}
    assert set(checks) == {english.pk, missing.pk}
    assert (checks[english.pk].outcome, checks[english.pk].requested_by) == ("ok", wg_admin)
    assert checks[missing.pk].outcome == "broken"
    states = dict(Agency.objects.values_list("pk", "english_website_state"))
    assert (states[english.pk], states[missing.pk], states[untouched.pk]) == ("current", "none", "none")
    assert not WebsiteCheckRequest.objects.exists()


@pytest.fixture
def broker_away():
    """Celery as in a web process of the full stack (not eager), its broker a closed port."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, f"redis://127.0.0.1:{free_port()}/0"
    yield
    conf.task_always_eager, conf.broker_url = saved


def test_with_the_broker_away_check_now_answers_and_the_request_waits(
    admin_client_wg, broker_away, caplog, django_capture_on_commit_callbacks
):
    agency = factories.AgencyFactory(english_website_url="https://a.example/en")
    started = timezone.now()
    with caplog.at_level(logging.ERROR, logger="portal.dispatch"), django_capture_on_commit_callbacks(execute=True):
        response = _check_now(admin_client_wg, [agency])
    assert response.status_code == 200
    assert timezone.now() - started < dt.timedelta(seconds=5)
    assert list(WebsiteCheckRequest.objects.values_list("agency_id", flat=True)) == [agency.pk]
    assert not WebsiteCheck.objects.exists()
    assert any("check_requested_websites" in r.getMessage() for r in caplog.records)


def test_only_working_group_admins_request_checks(contact_a, agency_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.request_checks(contact_a.user, Agency.objects.all())
    assert not WebsiteCheckRequest.objects.exists()


def test_the_weekly_task_checks_every_address_and_serves_waiting_requests(website_server, wg_admin):
    current = factories.AgencyFactory(english_website_url=f"{website_server}/en")
    turkish = factories.AgencyFactory(english_website_url=f"{website_server}/moved")
    factories.AgencyFactory(english_website_url="")
    WebsiteCheckRequest.objects.create(agency=current, requested_by=wg_admin, requested_at=timezone.now())
    assert tasks.check_english_websites.apply().get() == {"checked": 2, "flagged": 1}
    states = dict(Agency.objects.filter(pk__in=[current.pk, turkish.pk]).values_list("pk", "english_website_state"))
    assert states == {current.pk: EnglishWebsiteState.CURRENT, turkish.pk: EnglishWebsiteState.NONE}
    assert WebsiteCheck.objects.get(agency=turkish).outcome == "not_english"
    assert not WebsiteCheckRequest.objects.exists()


def test_the_requested_task_checks_only_the_requested(website_server, wg_admin):
    requested = factories.AgencyFactory(english_website_url=f"{website_server}/en")
    factories.AgencyFactory(english_website_url=f"{website_server}/en")
    WebsiteCheckRequest.objects.create(agency=requested, requested_by=wg_admin, requested_at=timezone.now())
    assert tasks.check_requested_websites.apply().get() == {"checked": 1, "flagged": 0}
    assert list(WebsiteCheck.objects.values_list("agency_id", flat=True)) == [requested.pk]


def test_the_weekly_beat_entry_exists():
    task = PeriodicTask.objects.get(task="guides.websites.tasks.check_english_websites")
    assert task.enabled and task.crontab is not None
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("0", "3", "1")


def test_the_beat_migration_is_reversible():
    """Unscheduling removes the entry, scheduling again restores it (the migration's own functions)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("guides.migrations.0002_website_check_schedule")
    migration.unschedule(apps, None)
    assert not PeriodicTask.objects.filter(name=migration.TASK_NAME).exists()
    migration.schedule(apps, None)
    migration.schedule(apps, None)  # twice: still one
    assert PeriodicTask.objects.filter(name=migration.TASK_NAME).count() == 1
