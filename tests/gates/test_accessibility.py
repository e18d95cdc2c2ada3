"""Accessibility gate: axe-core (WCAG 2.1 A and AA rules) on every public page in all six languages,
and the register and project-submission flows done with the keyboard alone.

The pages come from the URL conf through tests/gates/routes.py: every route flagged `page=True` is checked in
every language, and a route under the language prefixes that answers an HTML page without that flag fails
the discovery test, so a new page is checked from the day it is added.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from playwright.sync_api import Browser, BrowserContext, Page, expect

from portal import services
from portal.models import Contact, Project, ReviewState
from tests import factories
from tests.browser import TIMEOUT_MS
from tests.gates.routes import LANGUAGES, ROUTES, build_world, page_routes, route_names, user_for

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = json.loads((ROOT / "package.json").read_text())["devDependencies"]["axe-core"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations", "incomplete"],  # the passes are not reported in full: faster
}
# Every element's text contrast is checked, except a list box's (`<select multiple>`): the browser draws its
# options in its own colours, and axe reads an option over the middle of the box as an element covering it
# ("needs review: overlapped by another element") once the list is long enough to reach there.
CONTRAST_SELECTOR = "*:not(select[multiple])"
# A page is looked at as the first of these who may see it (the review queue: only a working-group admin).
PAGE_ROLES = ("anonymous", "contact_a", "admin")
# Forms submitted empty so their error summary and field errors are checked too: at least these.
EMPTY_SUBMITTED_AT_LEAST = {"accounts:register", "accounts:login", "project_create"}

PASSWORD = "Tanitim-Portali-2025!"


# --- helpers ---------------------------------------------------------------------------------


def page_role(name: str) -> str:
    route = ROUTES[name]
    roles = [role for role in PAGE_ROLES if route.expect[role] == 200]
    assert roles, f"{name}: a page must answer 200 to one of {PAGE_ROLES}"
    return roles[0]


def route_url(name: str, world, lang: str) -> str:
    route = ROUTES[name]
    with translation.override(lang):
        return reverse(name, kwargs=route.kwargs(world)) + route.query


def session_cookie(user) -> str:
    """A logged-in session for `user`, made without the login form (django-axes counts its failures)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def log_in(context: BrowserContext, base: str, user) -> None:
    context.clear_cookies()
    if user is not None:
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie(user), "url": base}])


def axe_run(page: Page) -> dict:
    """axe's violations, and what it could not decide by itself ("needs review", e.g. a duplicate id
    that aria-describedby points to): on this plain site neither may be there."""
    version, results = page.evaluate(
        """([options, contrastSelector]) => {
             axe.configure({rules: [{id: 'color-contrast', selector: contrastSelector}]});
             return axe.run(document, options)
               .then(r => [axe.version, {violation: r.violations, 'needs review': r.incomplete}]);
           }""",
        [AXE_OPTIONS, CONTRAST_SELECTOR],
    )
    assert version == AXE_VERSION  # the one package.json pins
    return results


def describe(where: str, results: dict) -> str:
    found = [(kind, v) for kind, items in results.items() for v in items]
    lines = [f"{where}: {len(found)} problem(s)"]
    for kind, v in found:
        lines.append(f"  {kind} [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"      at {' '.join(map(str, node['target']))}")
            lines.append(f"         {node['html'][:300]}")
            if node.get("failureSummary"):
                lines.extend(f"         | {s}" for s in node["failureSummary"].splitlines())
            related = {
                " ".join(map(str, r["target"]))
                for c in node["any"] + node["all"] + node["none"]
                for r in c["relatedNodes"]
            }
            if related:
                lines.append(f"         related: {', '.join(sorted(related))}")
    return "\n".join(lines)


def new_context(browser: Browser, lang: str, *, axe: bool = False) -> BrowserContext:
    # bypass_csp lets the injected axe script run under the site's Content-Security-Policy (no inline
    # scripts); the pages' own behaviour does not change.
    context = browser.new_context(bypass_csp=True, locale=lang)
    context.set_default_timeout(TIMEOUT_MS)
    if axe:
        # Handed to Chromium once and run in every page the context opens: sending the 550 kB script
        # with each page (page.add_script_tag) took longer than axe's checks themselves.
        context.add_init_script(path=AXE_JS)
    return context


# --- axe on every page, in every language ------------------------------------------------------


class Gate:
    """Visits pages in one browser page, runs axe on each and collects every problem for one report."""

    def __init__(self, page: Page, base: str):
        self.page = page
        self.base = base
        self.report: list[str] = []
        self.checked: list[str] = []
        self.visited: set[str] = set()

    def check(self, where: str) -> None:
        results = axe_run(self.page)
        self.checked.append(where)
        if any(results.values()):
            self.report.append(describe(where, results))

    def visit(self, path: str, where: str, status: int = 200) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None
        assert response.status == status, f"{where}: GET {path} answered {response.status}"
        assert response.headers["content-type"].startswith("text/html"), where
        self.visited.add(path)
        self.check(where)

    def first_detail(self, list_name: str, lang: str) -> None:
        """Open the first link of a list page's main content that leads to its detail page."""
        detail_name = list_name.removesuffix("_list") + "_detail"
        for href in self.page.locator("main a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            try:
                with translation.override(lang):
                    match = resolve(href.split("?")[0])
            except Resolver404:
                continue
            if match.view_name == detail_name:
                if href not in self.visited:  # already checked as the declared example
                    self.visit(href, f"{lang} {detail_name} (first of {list_name}) {href}")
                return
        pytest.fail(f"{lang} {list_name}: no link to a {detail_name} page in <main>")

    def submit_empty(self, name: str, lang: str) -> bool:
        """Submit the page's main form with every field emptied, then check the page with its errors.

        Password fields get a one-character password instead, which the password validators refuse
        several times over: a field showing more than one error is checked too.
        """
        form = self.page.locator("main form[method=post][novalidate]")
        if form.count() == 0:
            return False
        assert form.count() == 1, f"{lang} {name}: more than one form to submit"
        form.evaluate(
            """form => { for (const el of form.elements) {
                 if (['hidden', 'submit', 'button'].includes(el.type)) continue;
                 if (el.type === 'checkbox' || el.type === 'radio') el.checked = false;
                 else if (el.tagName === 'SELECT') { for (const o of el.options) o.selected = o.value === ''; }
                 else el.value = el.type === 'password' ? '1' : '';
               } }"""
        )
        action = form.evaluate("form => form.action")  # the page itself, or another address that shows it again
        with self.page.expect_response(lambda r: r.url == action and r.request.method == "POST") as info:
            form.locator("[type=submit]").click()
        # The page again, with the errors.
        assert info.value.status == 200, f"{lang} {name}: an empty form answered {info.value.status}"
        expect(self.page.locator("main .error-summary")).to_be_visible()
        expect(self.page.locator("main .field-error").first).to_be_visible()
        self.page.wait_for_load_state("load")  # of the page with the errors, stylesheet included
        self.check(f"{lang} {name} (submitted empty)")
        return True


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_no_wcag_21_aa_violation(lang, chromium, live_server):
    world = build_world()
    base = live_server.url
    context = new_context(chromium, lang, axe=True)
    page = context.new_page()
    gate = Gate(page, base)
    submitted_empty = set()
    try:
        for role in PAGE_ROLES:
            log_in(context, base, user_for(world, role))
            for name in (n for n in page_routes() if page_role(n) == role):
                path = route_url(name, world, lang)
                assert path.startswith(f"/{lang}/"), f"{name}: a page lives under the language prefix"
                gate.visit(path, f"{lang} {name} ({role}) {path}")
                expect(page.locator("html")).to_have_attribute("lang", lang)
                expect(page.locator("html")).to_have_attribute(
                    "dir", "rtl" if lang in settings.LANGUAGES_BIDI else "ltr"
                )
                # A list with detail pages of its own (the deadline calendar links to its sources' pages instead).
                if name.endswith("_list") and name.removesuffix("_list") + "_detail" in route_names():
                    gate.first_detail(name, lang)
                    continue
                if gate.submit_empty(name, lang):
                    submitted_empty.add(name)

        # The page a stale or mangled confirmation link from the e-mail leads to.
        log_in(context, base, None)
        with translation.override(lang):
            path = reverse("accounts:confirm", kwargs={"token": "expired-or-mangled"})
        gate.visit(path, f"{lang} accounts:confirm (link not valid) {path}", status=400)

        # The skip link: the first Tab reaches it, Enter moves the focus to the main content.
        page.goto(f"{base}{route_url('home', world, lang)}")
        page.keyboard.press("Tab")
        skip = page.locator("a.skip-link")
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
        assert skip.get_attribute("href") == "#main"
        page.keyboard.press("Enter")
        expect(page.locator("main#main")).to_be_focused()
    finally:
        context.close()

    if gate.report:
        pytest.fail("axe-core found WCAG 2.1 A/AA problems:\n\n" + "\n\n".join(gate.report), pytrace=False)
    assert submitted_empty >= EMPTY_SUBMITTED_AT_LEAST, submitted_empty
    assert len(gate.checked) >= len(page_routes()) + len(EMPTY_SUBMITTED_AT_LEAST)


# --- discovery: an HTML page nobody flagged still fails the gate ---------------------------------


@pytest.mark.django_db
def test_every_html_page_under_the_language_prefixes_is_declared_a_page():
    world = build_world()
    undeclared = sorted(route_names() - ROUTES.keys())
    assert not undeclared, f"routes missing from tests/gates/routes.py ROUTES: {undeclared}"

    clients = {}
    for role in PAGE_ROLES:
        clients[role] = Client()
        if user := user_for(world, role):
            clients[role].force_login(user)

    forgotten, outside = [], []
    for name in sorted(route_names()):
        for lang in LANGUAGES:
            path = route_url(name, world, lang)
            if not path.startswith(f"/{lang}/"):
                if ROUTES[name].page:
                    outside.append(name)
                break
            if ROUTES[name].page:
                continue
            for role, client in clients.items():
                response = client.get(path)
                if response.streaming:
                    response.getvalue()  # read a download to its end, which closes its file
                if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                    forgotten.append(f"{name} {path} ({role})")
    assert not outside, f"pages outside the language prefixes: {outside}"
    assert not forgotten, f"HTML pages not flagged page=True in tests/gates/routes.py: {forgotten}"


# --- keyboard only -------------------------------------------------------------------------------

FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  return {
    element: el.outerHTML.slice(0, 120),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight,
  };
}"""


def tab_to(page: Page, selector: str, max_steps: int = 80) -> None:
    """Press Tab until `selector` has the focus; every element on the way shows where the focus is."""
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state["outline"] or state["shadow"], f"no visible focus indicator on {state['element']}"
        assert state["onScreen"], f"the focused element is off screen: {state['element']}"
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{selector} not reached with {max_steps} presses of Tab")


def at(url: str) -> re.Pattern:
    """`url`, or `url` with the fragment the skip link left on the page that sent the form."""
    return re.compile(re.escape(url) + "(#main)?$")


def skip_to_main(page: Page) -> None:
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    state = page.evaluate(FOCUS_STATE)
    assert state["outline"] and state["onScreen"], state
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("lang", ["tr", "fa"])
def test_register_and_submit_a_project_with_the_keyboard_only(lang, chromium, live_server):
    base = live_server.url
    agency = factories.AgencyFactory(slug="bilgi", name="Bilgi Ajansı", name_en="Information Agency")
    colleague = factories.ContactFactory(agency=agency, email="ayse@bilgi.gov.tr")
    email = "deniz.yilmaz@bilgi.gov.tr"
    context = new_context(chromium, lang)
    page = context.new_page()
    try:
        # Home: the skip link, then the call to register inside the main content.
        with translation.override(lang):
            home, register, done = reverse("home"), reverse("accounts:register"), reverse("accounts:register_done")
            create = reverse("project_create")
        page.goto(base + home)
        skip_to_main(page)
        tab_to(page, f"main a[href='{register}']")
        page.keyboard.press("Enter")
        expect(page).to_have_url(base + register)

        skip_to_main(page)
        tab_to(page, "#id_name")
        page.keyboard.type("Deniz Yılmaz")
        tab_to(page, "#id_email")
        page.keyboard.type(email)
        tab_to(page, "#id_agency")
        page.keyboard.type("Bilgi")  # the combobox suggests the agency: the first suggestion, taken with Enter
        page.locator("#id_agency-listbox [role=option]").first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        tab_to(page, "#id_title")
        page.keyboard.type("Daire Başkanı")
        tab_to(page, "#id_language")
        page.keyboard.type(dict(settings.LANGUAGES)["en"])  # type-to-select: the option's name
        tab_to(page, "#id_time_zone")
        page.keyboard.type("Europe/Berlin")
        tab_to(page, "main form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page).to_have_url(at(base + done))
        contact = Contact.objects.get(email=email)
        assert contact.agency == agency
        assert contact.language == "en"
        assert contact.time_zone == "Europe/Berlin"
        assert not get_user_model().objects.get(username=email).is_active  # until the e-mail is confirmed

        # The link of the confirmation mail: its page asks for the password, typed with the keyboard too.
        with translation.override(lang):
            confirm = reverse("accounts:confirm", kwargs={"token": services.confirmation_token(contact)})
        page.goto(base + confirm)
        skip_to_main(page)
        tab_to(page, "#id_new_password1")
        page.keyboard.type(PASSWORD)
        tab_to(page, "#id_new_password2")
        page.keyboard.type(PASSWORD)
        tab_to(page, "main form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator("main form")).to_have_count(0)
        contact.refresh_from_db()
        assert contact.confirmed_at is not None
        assert get_user_model().objects.get(username=email).check_password(PASSWORD)

        # A confirmed contact of the agency adds a project and submits it for review.
        log_in(context, base, colleague.user)
        page.goto(base + create)
        skip_to_main(page)
        tab_to(page, "#id_title_tr")
        page.keyboard.type("Klavye ile Proje")
        tab_to(page, "#id_summary_tr")
        page.keyboard.type("Yalnızca klavyeyle girildi.")
        tab_to(page, "input[name=action_lines]")
        page.keyboard.press("Space")
        tab_to(page, "main form button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Klavye ile Proje")
        project = Project.objects.get(title_tr="Klavye ile Proje")
        assert project.agency == agency
        assert project.action_lines.count() == 1
        with translation.override(lang):
            detail, submit = (
                reverse("project_detail", args=[project.slug]),
                reverse("project_submit", args=[project.slug]),
            )
        expect(page).to_have_url(at(base + detail))

        # The form was sent from .../#main and the redirect kept the fragment: Tab goes on from <main>.
        tab_to(page, f"form[action='{submit}'] button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator(f"form[action='{submit}']")).to_have_count(0)
        project.refresh_from_db()
        assert project.review_state == ReviewState.SUBMITTED
        assert project.submitted_by == colleague.user
    finally:
        context.close()
