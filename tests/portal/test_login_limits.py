"""Limits on every door that checks a password: the portal's login, the back-office's, and the API (which has
none of its own). Failures are counted per account and address (django-axes, the address normalised) and all
attempts per client address (`portal.ratelimit`)."""

import base64
import datetime as dt

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from portal import services
from portal.models import Project, RateLimitCounter
from tests import factories

PORTAL_LOGIN = "/tr/accounts/login/"
ADMIN_LOGIN = "/admin/login/?next=/admin/"
PASSWORD = factories.PASSWORD


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("door", [PORTAL_LOGIN, ADMIN_LOGIN], ids=["portal", "admin"])
def test_lockout_counts_one_address_however_it_is_typed(client, door, wg_admin):
    """Five failures under five spellings of the same address lock it, and the right password is refused then."""
    spellings = [
        " WG.Admin@Portal.example ",
        "wg.admin@portal.example",
        "WG.ADMIN@PORTAL.EXAMPLE",
        " wg.admin@portal.example",
        "Wg.Admin@portal.Example  ",
    ]
    statuses = [client.post(door, {"username": name, "password": "wrong-password"}).status_code for name in spellings]
    assert statuses == [200, 200, 200, 200, 429]
    response = client.post(door, {"username": "wg.admin@portal.example", "password": PASSWORD})
    assert response.status_code == 429
    assert logged_in(client) is False
    # Another client address is not locked out of that account.
    other = Client(REMOTE_ADDR="10.1.2.3")
    response = other.post(door, {"username": " WG.admin@portal.example ", "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in(other) is True


def test_admin_login_is_limited_per_client_address(client, wg_admin):
    """The finding replayed: 35 failed logins in a row on /admin/login/, each with another address, from one
    client. The portal's per-address limit (30 in 10 minutes) now applies there too."""
    statuses = [
        client.post(ADMIN_LOGIN, {"username": f"guess{n}@portal.example", "password": "wrong"}).status_code
        for n in range(35)
    ]
    assert statuses == [200] * 30 + [429] * 5
    refused = client.post(ADMIN_LOGIN, {"username": wg_admin.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert logged_in(client) is False
    assert client.get(ADMIN_LOGIN).status_code == 200  # reading the form is never limited
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.post(ADMIN_LOGIN, {"username": wg_admin.email, "password": PASSWORD}).status_code == 302


def test_portal_and_admin_logins_share_one_budget_per_client_address(client, settings, wg_admin):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 600)}
    statuses = [
        client.post(PORTAL_LOGIN, {"username": "a@x.example", "password": "wrong"}).status_code,
        client.post(PORTAL_LOGIN, {"username": "b@x.example", "password": "wrong"}).status_code,
        client.post(ADMIN_LOGIN, {"username": "c@x.example", "password": "wrong"}).status_code,
        client.post(ADMIN_LOGIN, {"username": wg_admin.email, "password": PASSWORD}).status_code,
        client.post(PORTAL_LOGIN, {"username": wg_admin.email, "password": PASSWORD}).status_code,
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert logged_in(client) is False


def test_admin_login_hides_the_password_from_error_reports(client):
    from django.views.debug import get_exception_reporter_filter

    response = client.post(ADMIN_LOGIN, {"username": "a@x.example", "password": "never-in-a-report-8812"})
    hidden = get_exception_reporter_filter(response.wsgi_request).get_post_parameters(response.wsgi_request)
    assert hidden["password"] == "********************"


def test_the_api_has_no_password_door_of_its_own(client, contact_a):
    """No session login under /api/v1/ (DRF's `rest_framework.urls` is not included) and no HTTP Basic: the API
    only knows the session made by the limited login pages."""
    with pytest.raises(NoReverseMatch):
        reverse("rest_framework:login")
    assert client.post("/api/v1/auth/login/", {"username": contact_a.email, "password": PASSWORD}).status_code == 404
    assert client.post("/api-auth/login/", {"username": contact_a.email, "password": PASSWORD}).status_code == 404
    basic = base64.b64encode(f"{contact_a.email}:{PASSWORD}".encode()).decode()
    response = client.post(
        "/api/v1/projects/",
        {"title_tr": "Basic ile", "agency": contact_a.agency.slug},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 403
    assert not Project.objects.filter(title_tr="Basic ile").exists()


def test_counted_in_the_database_each_window_starts_again():
    """The rate limits' fallback while the cache is unreachable (tests/portal/test_outages_real.py stops it): one
    counter per form, address and window; a window that is over is removed and the next one counts from 1."""
    # Ten minutes into an hour: the next ten-minute window is still in the same hour's window.
    now = dt.datetime(2026, 3, 2, 10, 10, tzinfo=dt.UTC)
    counts = [services.count_attempt_in_database("login", "10.0.0.1", 600, now) for _ in range(3)]
    assert counts == [1, 2, 3]
    assert services.count_attempt_in_database("login", "10.0.0.2", 600, now) == 1
    assert services.count_attempt_in_database("register", "10.0.0.1", 3600, now) == 1
    later = now + dt.timedelta(seconds=600)
    assert services.count_attempt_in_database("login", "10.0.0.1", 600, later) == 1
    assert sorted(RateLimitCounter.objects.values_list("scope", "key", "count")) == [
        ("login", "10.0.0.1", 1),
        ("register", "10.0.0.1", 1),
    ]
