"""The search page in a browser: axe (WCAG 2.1 A/AA) on each of its states in all six languages, the header box at
375 px, and a search narrowed by a facet with JavaScript turned off."""

import pytest
from playwright.sync_api import expect

from portal.models import Agency
from tests.browser import TIMEOUT_MS
from tests.factories import AgencyFactory, ProjectFactory
from tests.gates.routes import LANGUAGES
from tests.gates.test_accessibility import Gate, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _records():
    turkish = AgencyFactory(country="TR", kind=Agency.Kind.MINISTRY, name_en="Digital Office", acronym="DO")
    azeri = AgencyFactory(country="AZ", kind=Agency.Kind.UNIVERSITY, name_en="Digital University")
    for n in range(23):
        ProjectFactory(
            agency=(turkish, azeri)[n % 2],
            published=True,
            title_tr=f"Dijital arşiv {n}",
            title_en=f"Digital archive {n}",
            title_ru=f"Цифровой архив {n}",
            title_fa=f"بایگانی دیجیتال {n}",
            summary_en="A digital archive of public records.",
            action_lines=[("C7.1", "C4")[n % 2]],
            sdgs=[(16, 4)[n % 2]],
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_state_of_the_search_page_passes_axe(lang, chromium, live_server):
    _records()
    word = {"tr": "dijital", "ru": "цифровой", "fa": "دیجیتال"}.get(lang, "digital")
    context = new_context(chromium, lang, axe=True)
    page = context.new_page()
    gate = Gate(page, live_server.url)
    try:
        for where, query in (
            ("grouped, with facets", f"?q={word}"),
            ("one kind, second page", f"?q={word}&kind=project&page=2&country=TR&country=AZ"),
            ("nothing found", "?q=zzqx&country=AZ"),
            ("bad parameters", f"?q={word}&year=20x4&kind=spaceship"),
            ("nothing asked", ""),
        ):
            gate.visit(f"/{lang}/search/{query}", f"{lang} search ({where})")
        # The header box at 375 px: on its own line, inside the screen, nothing scrolls sideways.
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(f"{live_server.url}/{lang}/")
        box = page.locator("form.site-search").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        expect(page.locator("#site-search-q")).to_be_visible()
        gate.check(f"{lang} home at 375 px")
    finally:
        context.close()
    assert not gate.report, "\n\n".join(gate.report)


def test_searching_and_narrowing_by_a_facet_works_without_javascript(chromium, live_server):
    _records()
    context = chromium.new_context(java_script_enabled=False, locale="en")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/")
        page.get_by_role("searchbox", name="Search the portal").fill("archive")
        page.get_by_role("searchbox", name="Search the portal").press("Enter")
        expect(page.locator("h1")).to_have_text("Search results for “archive”")
        expect(page.locator("#search-count")).to_have_text("23 results")
        page.get_by_role("checkbox", name="Azerbaijan (11)").check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page.locator("#search-count")).to_have_text("11 results")
        page.get_by_role("link", name="All 11 projects").click()
        expect(page.locator("#search-count")).to_have_text("11 results in projects")
        assert page.locator(".hit").count() == 11
    finally:
        context.close()
