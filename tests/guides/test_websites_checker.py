"""The English-website checker against a local HTTP server (127.0.0.1, never the internet): a 200 English page is
current, an old Last-Modified makes it outdated, 404/500/timeouts/redirect loops are broken, a redirect to a Turkish
page is not English, `<html lang>` wins over `Content-Language`, and private addresses are refused."""

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest

from guides.websites import checker, services
from guides.websites.models import CheckOutcome, WebsiteCheck
from portal.models import EnglishWebsiteState
from tests import factories
from tests.guides import website_server as server

website_server = server.website_server


def check(url: str):
    agency = factories.AgencyFactory(english_website_url=url)
    result = services.check_agency(agency)
    agency.refresh_from_db()
    return result, agency


def test_a_200_english_page_is_current(website_server):
    result, agency = check(f"{website_server}/en")
    assert (result.status, result.outcome, result.state, result.html_lang) == (200, "ok", "current", "en")
    assert result.last_modified is not None and result.last_modified.tzinfo is not None
    assert agency.english_website_state == EnglishWebsiteState.CURRENT
    assert agency.english_website_checked_on == services.local_date(result.checked_at)
    assert result.final_url == f"{website_server}/en"


def test_an_english_page_changed_two_years_ago_is_outdated(website_server):
    result, agency = check(f"{website_server}/old")
    assert (result.outcome, result.state) == (CheckOutcome.OK, EnglishWebsiteState.OUTDATED)
    assert agency.english_website_state == EnglishWebsiteState.OUTDATED


def test_the_outdated_limit_is_a_setting(website_server, settings):
    settings.GUIDES_WEBSITE_OUTDATED_DAYS = 1000
    result, _agency = check(f"{website_server}/old")
    assert result.state == EnglishWebsiteState.CURRENT


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/broken", 500)])
def test_an_error_status_is_broken(website_server, path, status):
    result, agency = check(f"{website_server}{path}")
    assert (result.status, result.outcome, result.state) == (status, CheckOutcome.BROKEN, EnglishWebsiteState.NONE)
    assert agency.english_website_state == EnglishWebsiteState.NONE
    assert agency.english_website_checked_on is not None


def test_a_redirect_to_a_turkish_page_is_not_english(website_server):
    result, agency = check(f"{website_server}/moved")
    assert result.final_url == f"{website_server}/tr"
    assert (result.status, result.html_lang, result.outcome) == (200, "tr", CheckOutcome.NOT_ENGLISH)
    assert agency.english_website_state == EnglishWebsiteState.NONE


def test_a_redirect_to_an_english_page_is_followed(website_server):
    result, _agency = check(f"{website_server}/moved-en")
    assert (result.final_url, result.outcome, result.state) == (f"{website_server}/en", "ok", "current")


def test_a_redirect_loop_stops_after_the_limit(website_server, settings):
    settings.GUIDES_WEBSITE_CHECK_MAX_REDIRECTS = 3
    result, _agency = check(f"{website_server}/loop")
    assert result.outcome == CheckOutcome.BROKEN
    assert "redirects" in result.error


def test_a_server_slower_than_the_timeout_is_broken_and_the_check_ends_by_its_own_timeout(website_server, settings):
    settings.GUIDES_WEBSITE_CHECK_TIMEOUT = 0.5
    started = time.monotonic()
    result, agency = check(f"{website_server}/slow")
    elapsed = time.monotonic() - started
    assert elapsed < 5, elapsed  # the server answers only when the test ends (30 s at most)
    assert (result.status, result.outcome) == (None, CheckOutcome.BROKEN)
    assert "0.5 s" in result.error
    assert agency.english_website_state == EnglishWebsiteState.NONE


def test_the_html_lang_wins_over_the_content_language_header(website_server):
    result, _agency = check(f"{website_server}/header-en-page-tr")
    assert (result.content_language, result.html_lang, result.outcome) == ("en", "tr", CheckOutcome.NOT_ENGLISH)


@pytest.mark.parametrize(("path", "outcome"), [("/header-ru", "not_english"), ("/header-en", "ok")])
def test_without_html_lang_the_content_language_header_decides(website_server, path, outcome):
    result, _agency = check(f"{website_server}{path}")
    assert result.html_lang == ""
    assert result.outcome == outcome


def test_only_the_first_kilobytes_are_read(website_server, settings):
    settings.GUIDES_WEBSITE_CHECK_MAX_BYTES = 64 * 1024
    result, _agency = check(f"{website_server}/big")  # its only lang is after 2 MB
    assert (result.html_lang, result.outcome) == ("", CheckOutcome.OK)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.7/en",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url, settings):
    settings.GUIDES_WEBSITE_CHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    result, agency = check(url)
    assert (result.outcome, result.status, result.state) == (CheckOutcome.REFUSED, None, EnglishWebsiteState.NONE)
    assert "non-public" in result.error
    assert agency.english_website_state == EnglishWebsiteState.NONE


def test_loopback_is_refused_unless_a_setting_allows_it(website_server, settings):
    settings.GUIDES_WEBSITE_CHECK_ALLOWED_NETWORKS = []
    result, _agency = check(f"{website_server}/en")
    assert result.outcome == CheckOutcome.REFUSED


def test_only_the_allowed_network_is_reached(website_server):
    """127.0.0.1/32 is allowed; 127.0.0.2, loopback too, is refused before any connection."""
    assert checker.fetch(f"{website_server}/en").status == 200
    refused = checker.fetch("http://127.0.0.2:9/")
    assert refused.refused and refused.status is None


def test_an_agency_without_an_address_is_not_checked():
    agency = factories.AgencyFactory(english_website_url="")
    assert services.check_agency(agency) is None
    assert not WebsiteCheck.objects.exists()


def test_a_changed_address_keeps_the_agencys_state(website_server):
    """The address changed while the check ran: the check is recorded, the agency's entry left alone."""
    agency = factories.AgencyFactory(english_website_url=f"{website_server}/en")

    def fetch_then_change(url):
        fetched = checker.fetch(url)
        type(agency).objects.filter(pk=agency.pk).update(english_website_url="https://new.example/en")
        return fetched

    services.check_agency(agency, fetch=fetch_then_change)
    agency.refresh_from_db()
    assert agency.english_website_state == EnglishWebsiteState.NONE
    assert agency.english_website_checked_on is None
    assert WebsiteCheck.objects.get().state == EnglishWebsiteState.CURRENT


@pytest.mark.pure
def test_the_day_checked_is_the_portals_day():
    late_evening_utc = dt.datetime(2026, 12, 6, 22, 30, tzinfo=dt.UTC)
    assert services.local_date(late_evening_utc) == dt.date(2026, 12, 7)  # Europe/Istanbul, UTC+3
    assert late_evening_utc.astimezone(ZoneInfo("UTC")).date() == dt.date(2026, 12, 6)


@pytest.mark.pure
def test_http_dates_are_read_as_aware_utc():
    assert checker.parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT") == dt.datetime(2015, 10, 21, 7, 28, tzinfo=dt.UTC)
    assert checker.parse_http_date("yesterday") is None
    assert checker.parse_http_date("") is None
