"""[real] Degrade, don't fail: the cache, the broker and the SMTP server stopped in turn (a redis-server and the SMTP
sink of the module's own, stopped by their PID). Logins and registrations answer as usual, the rate limits still
count (in the database while the cache is away), and /healthz names what is down."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest
from django.test import Client
from django.utils import timezone

from config.celery import app as celery_app
from portal.models import Contact, DeliveryState, OutboxMail, RateLimitCounter
from tests import factories

pytest_plugins = ["tests.realstack"]  # the fixtures redis_server and smtp_sink

pytestmark = pytest.mark.realstack

LOGIN = "/tr/accounts/login/"
REGISTER = "/tr/accounts/register/"
PASSWORD = factories.PASSWORD


@pytest.fixture
def running_redis(redis_server):
    if not redis_server.running:
        redis_server.start()
    redis_server.flushall()
    return redis_server


def redis_cache_at(settings, url: str) -> None:
    """The cache at `url`, as CACHE_URL=redis://… configures it (config/settings.py)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": settings.CACHE_REDIS_OPTIONS,
        }
    }


@pytest.fixture
def redis_cache(settings, running_redis):
    """The cache on the module's redis-server."""
    redis_cache_at(settings, running_redis.url)
    return running_redis


@pytest.fixture
def redis_broker(settings, running_redis):
    """This process's Celery as a web process of the full stack has it: not eager, on the module's Redis."""
    settings.CELERY_BROKER_URL = running_redis.url
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, running_redis.url
    yield running_redis
    conf.task_always_eager, conf.broker_url = saved


@pytest.fixture
def smtp_server(settings, smtp_sink):
    """Mail through the module's SMTP sink, as EMAIL_URL=smtp://… configures it."""
    if not smtp_sink.running:
        smtp_sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    return smtp_sink


def healthz() -> tuple[int, dict]:
    started = time.monotonic()
    response = Client().get("/healthz")
    assert time.monotonic() - started < 5, "/healthz must stay cheap with a service down"
    return response.status_code, response.json()


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_with_the_cache_stopped_logins_and_registrations_answer_and_are_still_limited(
    settings, redis_cache, wg_admin, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.CELERY_BROKER_URL = ""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 600)}
    status, report = healthz()
    assert (status, report["down"], report["cache"]) == (200, [], "ok")
    assert Client().post(LOGIN, {"username": wg_admin.email, "password": "wrong"}).status_code == 200
    assert cache.get("ratelimit:login:127.0.0.1") == 1  # counted in Redis while it answers
    assert not RateLimitCounter.objects.exists()

    redis_cache.stop()

    status, report = healthz()
    assert (status, report["status"], report["down"]) == (503, "unhealthy", ["cache"])
    assert report["cache"] == "error: ConnectionError"
    assert (report["database"], report["broker"], report["smtp"]) == ("ok", "not configured", "not configured")

    # The login works, and the limit still holds: its attempts are counted in the database meanwhile.
    wrong = Client()
    assert wrong.post(LOGIN, {"username": wg_admin.email, "password": "wrong"}).status_code == 200
    assert logged_in(wrong) is False
    right = Client()
    response = right.post(LOGIN, {"username": wg_admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in(right) is True
    assert Client().post(LOGIN, {"username": wg_admin.email, "password": "wrong"}).status_code == 200
    refused = Client().post(LOGIN, {"username": wg_admin.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert list(RateLimitCounter.objects.values_list("scope", "key", "count")) == [("login", "127.0.0.1", 4)]

    # A registration is saved and its confirmation queued, as with the cache.
    agency = factories.AgencyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(REGISTER, factories.registration_data(agency, email="aibek@mail.example"))
    assert (response.status_code, response["Location"]) == (302, "/tr/accounts/register/done/")
    contact = Contact.objects.get(email="aibek@mail.example")
    assert contact.confirmed_at is None
    [mail] = OutboxMail.objects.all()
    assert (mail.kind, mail.recipient, mail.state) == ("confirm_email", contact.email, DeliveryState.SENT)
    assert RateLimitCounter.objects.filter(scope="register", count=1).exists()


def test_with_the_broker_stopped_a_saved_change_answers_and_healthz_names_the_broker(
    redis_broker, django_capture_on_commit_callbacks, caplog
):
    redis_broker.stop()
    agency = factories.AgencyFactory()

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = Client().post(REGISTER, factories.registration_data(agency, email="bora@mail.example"))
    assert time.monotonic() - started < 5
    assert (response.status_code, response["Location"]) == (302, "/tr/accounts/register/done/")
    assert callbacks, "the registration asks for its mail to be sent once it commits"
    assert "Could not start portal.tasks.send_outbox_task now" in caplog.text
    [mail] = OutboxMail.objects.all()  # waiting for the next tick of the beat
    assert (mail.recipient, mail.state, mail.attempts) == ("bora@mail.example", DeliveryState.PENDING, 0)

    status, report = healthz()
    assert (status, report["down"]) == (503, ["broker"])
    assert report["broker"] == "error: ConnectionError"
    assert (report["database"], report["cache"]) == ("ok", "ok")
    assert report["outbox_backlog"] == report["pending_backlog"] == 1


def test_with_the_smtp_server_stopped_healthz_names_it_and_registrations_answer(
    settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = ""
    status, report = healthz()
    assert (status, report["down"], report["smtp"]) == (200, [], "ok")

    smtp_server.stop()

    status, report = healthz()
    assert (status, report["status"], report["down"]) == (503, "unhealthy", ["smtp"])
    assert report["smtp"] == "error: ConnectionRefusedError"
    assert (report["database"], report["broker"], report["cache"]) == ("ok", "not configured", "ok")

    agency = factories.AgencyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(REGISTER, factories.registration_data(agency, email="sara@mail.example"))
    assert (response.status_code, response["Location"]) == (302, "/tr/accounts/register/done/")
    [mail] = OutboxMail.objects.all()  # given back for a later try: the server was away, no attempt counted
    assert (mail.recipient, mail.state, mail.attempts) == ("sara@mail.example", DeliveryState.PENDING, 0)
    assert mail.last_error
    assert mail.not_before > timezone.now()
    assert healthz()[1]["outbox_backlog"] == 0  # not due again before its backoff


def test_a_cache_server_that_never_answers_costs_a_login_half_a_second(settings, wg_admin):
    """A cache host that accepts connections and then says nothing (a hung server): the rate limit gives up after
    the cache's timeout and counts in the database; /healthz gives up as fast and names the cache."""
    settings.CELERY_BROKER_URL = ""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # connections wait in the backlog: connected, never answered
        redis_cache_at(settings, f"redis://127.0.0.1:{silent.getsockname()[1]}/0")

        client = Client()
        started = time.monotonic()
        response = client.post(LOGIN, {"username": wg_admin.email, "password": PASSWORD})
        elapsed = time.monotonic() - started
        assert response.status_code == 302
        assert logged_in(client) is True
        assert elapsed < 3, f"the login waited {elapsed:.1f} s on a silent cache"
        assert RateLimitCounter.objects.get().count == 1

        status, report = healthz()
        assert (status, report["down"], report["cache"]) == (503, ["cache"], "error: TimeoutError")


SETTINGS_PROBE = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps(settings.CACHES["default"]))
"""


@pytest.mark.pure
@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("redis://127.0.0.1:6379/1", {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}),
        ("redis://127.0.0.1:6379/1?socket_timeout=2", {"socket_connect_timeout": 0.5, "socket_timeout": 2}),
    ],
)
def test_a_redis_cache_url_gets_short_timeouts_unless_it_names_its_own(tmp_path, url, options):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CACHE_URL": url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    }
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", SETTINGS_PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out)["OPTIONS"] == options
