import pytest
from django.db import connection

from tests import factories

# --clock=HH:MM; the fixtures chromium and browser_page (Playwright); smtp_server (aiosmtpd on loopback).
pytest_plugins = ["tests.clock", "tests.browser", "tests.smtp"]

# The slow tiers run in processes of their own; a test that uses one of these fixtures carries its tier's marker,
# so `make test-fast` (-m "not (browser or fuzz or realstack)") never starts Chromium, schemathesis or Celery.
TIER_FIXTURES = {
    "browser": {"browser_page", "chromium"},
    "fuzz": {"api_server"},
    "realstack": {"real_stack", "redis_server", "smtp_sink"},
}


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_itemcollected(item):
    """Every test has the database (PostgreSQL) but those marked `pure` (a function of its arguments, or the code's own
    declarations): pytest-django refuses them any query. A `django_db(...)` marker of the test or its module is kept
    as it is (e.g. transaction=True)."""
    if item.get_closest_marker("pure"):
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            raise pytest.UsageError(f"{item.nodeid}: marked pure, yet asks for the database")
    elif not item.get_closest_marker("django_db"):
        item.add_marker(pytest.mark.django_db)


def pytest_collection_modifyitems(items):
    unmarked = [
        f"{item.nodeid} (mark it {tier})"
        for item in items
        for tier, fixtures in TIER_FIXTURES.items()
        if fixtures & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker(tier)
    ]
    if unmarked:
        raise pytest.UsageError("tests in a slow tier without its marker:\n  " + "\n  ".join(unmarked))
    # As pytest-django orders them (the tests that commit, which empty the database when they end, after those
    # that roll back), and in each group the longest first (the slow tiers, then the gates): the two test
    # processes then finish together instead of one running a minute-long gate alone at the end.
    items.sort(key=lambda item: (_commits(item), _duration_class(item)))


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    committed = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    return committed or bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def _duration_class(item) -> int:
    if any(item.get_closest_marker(tier) for tier in TIER_FIXTURES):
        return 0
    return 1 if item.nodeid.startswith("tests/gates/") else 2


@pytest.fixture(autouse=True)
def _on_postgresql(request):
    """Database behaviour is tested on PostgreSQL only, never silently on SQLite."""
    if request.node.get_closest_marker("django_db"):
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


@pytest.fixture
def award_inventory(agency_a, agency_b, contact_a, contact_b):
    """Results in two WSIS editions and one UNPSA edition; agency A's 2024 project is published, 2025's a draft."""
    wsis_2024 = factories.AwardEditionFactory(year=2024)
    wsis_2025 = factories.AwardEditionFactory(year=2025)
    unpsa = factories.AwardEditionFactory(programme=factories.award_programme("unpsa"), year=2025)
    published = factories.ProjectFactory(agency=agency_a, slug="open-data", published=True)
    draft = factories.ProjectFactory(agency=agency_a, slug="secret-draft", title="Gizli taslak")
    return {
        "a_2024": factories.award_result(wsis_2024, agency_a, "C4", "winner", project=published),
        "a_2025": factories.award_result(wsis_2025, agency_a, "C7-E-government", "champion", project=draft),
        "b_2025": factories.award_result(wsis_2025, agency_b, "C4", "finalist"),
        "b_unpsa": factories.award_result(unpsa, agency_b, None, "winner", programme="unpsa"),
    }
