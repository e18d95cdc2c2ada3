import pytest
from django.db import connection

from tests import factories


@pytest.fixture(autouse=True)
def _on_postgresql(db):
    """Database behaviour is tested on PostgreSQL only, never silently on SQLite."""
    assert connection.vendor == "postgresql"


@pytest.fixture
def agency_a():
    return factories.AgencyFactory(slug="agency-a", name="Ajans A", name_en="Agency A")


@pytest.fixture
def agency_b():
    return factories.AgencyFactory(slug="agency-b", name="Ajans B", name_en="Agency B", country="AZ")


@pytest.fixture
def contact_a(agency_a):
    return factories.ContactFactory(agency=agency_a, email="alice@a.example")


@pytest.fixture
def contact_b(agency_b):
    return factories.ContactFactory(agency=agency_b, email="bora@b.example")


@pytest.fixture
def wg_admin():
    return factories.admin_user(email="wg.admin@portal.example")


@pytest.fixture
def client_a(client, contact_a):
    client.force_login(contact_a.user)
    return client


@pytest.fixture
def admin_client_wg(client, wg_admin):
    client.force_login(wg_admin)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in one language must not leave that language active for the next test."""
    from django.utils import translation

    yield
    translation.deactivate()
