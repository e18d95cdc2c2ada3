"""The circulars' pages in a browser, in every language: axe-core finds no WCAG 2.1 A/AA problem on the list, a
circular's page (with the answer form, and again with its errors), "circulars to my agency" and the area's landing
page, each as the first role of the gate that may see it (tests/gates/test_accessibility.py)."""

import pytest
from playwright.sync_api import expect

from tests.gates.routes import LANGUAGES, ROUTES, build_world, user_for
from tests.gates.test_accessibility import PAGE_ROLES, Gate, log_in, new_context, page_role, route_url

PAGES = ("coordination:index", *sorted(name for name in ROUTES if name.startswith("coordination:circular")))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coordination_pages_have_no_wcag_21_aa_violation(lang, chromium, live_server, settings):
    world = build_world()
    context = new_context(chromium, lang, axe=True)
    page = context.new_page()
    gate = Gate(page, live_server.url)
    pages = [name for name in PAGES if ROUTES[name].page]
    try:
        for role in PAGE_ROLES:
            log_in(context, live_server.url, user_for(world, role))
            for name in (n for n in pages if page_role(n) == role):
                path = route_url(name, world, lang)
                gate.visit(path, f"{lang} {name} ({role}) {path}")
                expect(page.locator("html")).to_have_attribute(
                    "dir", "rtl" if lang in settings.LANGUAGES_BIDI else "ltr"
                )
                gate.submit_empty(name, lang)
    finally:
        context.close()
    if gate.report:
        pytest.fail("axe-core found WCAG 2.1 A/AA problems:\n\n" + "\n\n".join(gate.report), pytrace=False)
    assert len(gate.checked) >= len(pages) + 1  # the answer form with its errors too
