"""Permission matrix: every route of the URL conf and the API router, requested as every kind of user.

The expectations live in tests/gates/routes.py (`Route.expect` for GET, `Route.writes` for the unsafe requests
that matter); a route without one fails here. Each request runs on the same untouched world: it is sent
inside a savepoint that is rolled back afterwards, so no request sees what an earlier one changed.
The admin has one generic rule instead of a table: only working-group admins get in.
"""

from __future__ import annotations

import contextlib
import dataclasses
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch, Resolver404
from django.utils import timezone, translation

from portal import selectors
from portal.models import Project, ProjectPartner, ReviewerSettings, Subscription
from tests import factories
from tests.gates import routes
from tests.gates.routes import LANGUAGES, ROLES, ROUTES

PROJECT_APPS = ("portal", "awards", "funds", "events", "guides", "coordination")
# Who may see a page does not depend on its language: the GET matrix asks every role in the default language and
# the right-to-left one. Every page is rendered in all six by the accessibility gate (tests/gates/test_accessibility.py).
MATRIX_LANGUAGES = ("tr", "fa")
assert set(MATRIX_LANGUAGES) <= set(LANGUAGES)
ADMIN_LOGIN = "/admin/login/"
# The unsafe requests the matrix must always cover (route name, method).
REQUIRED_WRITES = {
    ("project_create", "post"),
    ("project_edit", "post"),
    ("project_submit", "post"),
    ("material_add", "post"),
    ("api:project-list", "post"),
    ("api:project-detail", "patch"),
    ("api:project-detail", "put"),
    ("api:project-detail", "delete"),
}
UNSAFE = ("post", "put", "patch", "delete")
# Those who may not see agency A's draft: it must not show up in any page or answer they get.
DRAFT_HIDDEN_FROM = ("anonymous", "contact_b")


# --- helpers -------------------------------------------------------------------------------------


@dataclasses.dataclass
class Mismatch:
    route: str
    language: str
    role: str
    expected: str
    got: str
    path: str


def table(title: str, mismatches: list[Mismatch]) -> str:
    """One readable table of every mismatch, instead of the first one only."""
    head = Mismatch("route", "language", "role", "expected", "got", "path")
    rows = [head, *sorted(mismatches, key=lambda m: (m.route, m.path, ROLES.index(m.role)))]
    fields = [f.name for f in dataclasses.fields(Mismatch)]
    widths = {f: max(len(str(getattr(row, f))) for row in rows) for f in fields}
    lines = ["  ".join(str(getattr(row, f)).ljust(widths[f]) for f in fields).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * widths[f] for f in fields))
    return f"{title}\n" + "\n".join(lines)


def clients(world) -> dict[str, Client]:
    """One test client per role, logged in without the login form (django-axes watches that form)."""
    result = {}
    for role in ROLES:
        result[role] = Client(raise_request_exception=False)  # a server error is a row of the table
        if user := routes.user_for(world, role):
            result[role].force_login(user)
    return result


def send(client: Client, method: str, path: str, **kwargs):
    """The response to one request made on the untouched world; whatever it changed is rolled back."""
    with transaction.atomic():
        response = getattr(client, method)(path, **kwargs)
        consume(response)
        transaction.set_rollback(True)
    return response


def consume(response) -> None:
    """Read a streamed response (a download) to its end: the test client then closes it and its file."""
    if response.streaming:
        b"".join(response.streaming_content)


def localized(lang: str | None, name: str, kwargs: dict, query: str = "") -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs) + query


def is_language_prefixed(name: str, route: routes.Route, world) -> bool:
    kwargs = route.kwargs(world)
    return localized(LANGUAGES[0], name, kwargs) != localized(LANGUAGES[1], name, kwargs)


def all_patterns(patterns=None, namespace="", prefix=""):
    """(qualified name or None, route as in ResolverMatch.route) of every route, the unnamed ones too."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + (str(entry.pattern).removeprefix("^") if prefix else str(entry.pattern))
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            qualified = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from all_patterns(entry.url_patterns, qualified, route)
        elif isinstance(entry, URLPattern):
            name = (f"{namespace}:{entry.name}" if namespace else entry.name) if entry.name else None
            yield name, route


def resolved_route(path: str) -> str:
    try:
        return resolve(path).route
    except Resolver404:
        return f"nothing answers {path}"


# --- 1. completeness -----------------------------------------------------------------------------


@pytest.mark.pure
def test_every_route_has_a_declared_expectation():
    present = routes.route_names()
    undeclared = sorted(present - ROUTES.keys())
    stale = sorted(ROUTES.keys() - present)
    assert not undeclared, (
        f"Routes without a declared expectation: {undeclared}. "
        "Declare each in tests/gates/routes.py ROUTES: what anonymous, contact_a, contact_b and admin get."
    )
    assert not stale, f"tests/gates/routes.py ROUTES declares routes the URL conf no longer has: {stale}. Remove them."


@pytest.mark.pure
def test_every_unnamed_route_outside_the_admin_is_declared():
    """There should be none; one that cannot have a name (a catch-all) is declared by an example address."""
    unnamed = {route for name, route in all_patterns() if name is None and not route.startswith("admin/")}
    examples = {resolved_route(path): path for path in routes.UNNAMED}
    undeclared = sorted(unnamed - examples.keys())
    assert not undeclared, (
        f"Unnamed routes without a declared expectation: {undeclared}. Give each a name and declare it in "
        "tests/gates/routes.py ROUTES, or declare an example address it answers in tests/gates/routes.py UNNAMED."
    )
    stale = sorted(path for route, path in examples.items() if route not in unnamed)
    assert not stale, f"tests/gates/routes.py UNNAMED addresses that reach no unnamed route: {stale}"


@pytest.mark.pure
def test_every_expectation_names_each_role_once():
    problems = []
    for name, route in {**ROUTES, **routes.UNNAMED}.items():
        declared_all = [
            ("GET", route.expect),
            *((f"GET [{ex.target}]", ex.expect) for ex in route.examples),
            *((w.label, w.expect) for w in route.writes),
        ]
        for label, declared in declared_all:
            if set(declared) != set(ROLES) or not all(isinstance(v, int) and 200 <= v < 600 for v in declared.values()):
                problems.append(f"{name} {label}: {declared}")
        for write in route.writes:
            if write.method not in UNSAFE:
                problems.append(f"{name} {write.label}: not an unsafe method")
    assert problems == [], f"Malformed expectations in tests/gates/routes.py: {problems}"


@pytest.mark.pure
def test_the_unsafe_requests_that_matter_are_declared():
    declared = {(name, w.method) for name, route in ROUTES.items() for w in route.writes}
    missing = sorted(REQUIRED_WRITES - declared)
    assert missing == [], f"Declare these writes in tests/gates/routes.py (Route.writes): {missing}"


def test_every_unsafe_method_of_the_api_router_is_declared():
    """A viewset that gains a write (a create, an update, a delete) must declare who may use it."""
    world = routes.build_world()
    accepted = set()
    for name in sorted(routes.route_names()):
        if name.startswith("api:"):
            match = get_resolver().resolve(localized(None, name, ROUTES[name].kwargs(world)))
            actions = getattr(match.func, "actions", None) or {}
            accepted |= {(name, method) for method in actions if method in UNSAFE}
    declared = {(name, w.method) for name, route in ROUTES.items() for w in route.writes}
    undeclared = sorted(accepted - declared)
    assert accepted, "the API router offers no write at all: this test is looking at the wrong place"
    assert undeclared == [], (
        f"API writes without a declared expectation (tests/gates/routes.py Route.writes): {undeclared}"
    )


# --- 2. GET matrix -------------------------------------------------------------------------------


def body(response) -> str:
    return "" if response.streaming else response.content.decode(errors="replace")


def test_get_matrix():
    world = routes.build_world()
    by_role = clients(world)
    draft = world.project_a_draft.slug  # A's draft: no page or endpoint may show it to those outside A
    mismatches, sent, matrix = [], 0, []
    for name in sorted(ROUTES):
        route = ROUTES[name]
        prefixed = is_language_prefixed(name, route, world)
        cases = [(name, route.expect, route.kwargs(world))]
        cases += [(f"{name} [{ex.target}]", ex.expect, ex.kwargs(world)) for ex in route.examples]
        for row, expected, kwargs in cases:
            if prefixed:
                targets = [(lang, localized(lang, name, kwargs, route.query)) for lang in MATRIX_LANGUAGES]
            else:
                targets = [("-", localized(None, name, kwargs, route.query))]
                with contextlib.suppress(NoReverseMatch):  # the router's format-suffix twin of the same endpoint
                    targets.append((".json", localized(None, name, {**kwargs, "format": "json"}, route.query)))
            matrix.append((row, expected, targets))
    for path, route in sorted(routes.UNNAMED.items()):
        matrix.append((f"(unnamed) {resolved_route(path)}", route.expect, [("-", path)]))
    for row, expected, targets in matrix:
        for lang, path in targets:
            for role in ROLES:
                response = send(by_role[role], "get", path)
                sent += 1
                if response.status_code != expected[role]:
                    mismatches.append(Mismatch(row, lang, role, str(expected[role]), str(response.status_code), path))
                elif role in DRAFT_HIDDEN_FROM and draft in body(response):
                    mismatches.append(Mismatch(row, lang, role, f"no trace of {draft}", "shows it", path))
    assert sent >= len(ROUTES) * len(ROLES)
    assert not mismatches, table(
        f"GET permission matrix: {len(mismatches)} of {sent} requests differ from tests/gates/routes.py",
        mismatches,
    )


def test_visiting_a_confirmation_link_changes_nothing():
    """The matrix GETs the confirmation link as every role: its page asks for the password and confirms nothing
    (a mail scanner following the link confirms no address)."""
    world = routes.build_world()
    path = localized("tr", "accounts:confirm", ROUTES["accounts:confirm"].kwargs(world))
    client = Client()
    for _ in range(2):
        response = send(client, "get", path)
        assert response.status_code == 200
        assert "new_password1" in response.context["form"].fields
    world.unconfirmed.refresh_from_db()
    assert world.unconfirmed.confirmed_at is None


# --- 3. write matrix -----------------------------------------------------------------------------


def fingerprint() -> dict[tuple, tuple]:
    """Every stored fact a write could touch, by record, each with the agency it belongs to first: the projects
    and their materials, the partner agencies' answers, the contacts' alert settings, the agencies' award applications
    and results, the grants and event participations they reported, and their changes to published records waiting
    for review."""
    fields = [f.attname for f in Project._meta.concrete_fields]
    rows = {}
    for project in Project.objects.prefetch_related(
        "partnerships", "action_lines", "sdgs", "themes", "materials"
    ).order_by("pk"):
        rows[("project", project.pk)] = (
            project.agency_id,
            tuple(getattr(project, f) for f in fields),
            tuple(sorted(p.agency_id for p in project.partnerships.all())),
            tuple(sorted(a.pk for a in project.action_lines.all())),
            tuple(sorted(s.pk for s in project.sdgs.all())),
            tuple(sorted(t.pk for t in project.themes.all())),
            tuple(sorted((m.kind, m.title, m.url, m.file.name, m.review_state) for m in project.materials.all())),
        )
    # Naming a partner is the project's agency's doing (its proposal, until answered); the answer is the partner's.
    for partnership in ProjectPartner.objects.select_related("project").order_by("pk"):
        rows[("partnership", partnership.pk)] = (
            partnership.project.agency_id,
            (partnership.project_id, partnership.agency_id),
        )
        if not partnership.is_proposed:
            rows[("partnership answer", partnership.pk)] = (
                partnership.agency_id,
                (partnership.state, partnership.decided_by_id, partnership.decided_at),
            )
    subscription_fields = [f.attname for f in Subscription._meta.concrete_fields]
    for subscription in Subscription.objects.select_related("contact").prefetch_related("leads").order_by("pk"):
        contact = subscription.contact
        rows[("subscription", subscription.pk)] = (
            contact.agency_id,
            tuple(getattr(subscription, f) for f in subscription_fields),
            tuple(subscription.lead_days),
            (contact.language, contact.time_zone),
        )
    from awards.models import AwardApplication, AwardResult
    from events.models import EventParticipation
    from funds.models import Grant

    for model in (AwardApplication, AwardResult, Grant, EventParticipation):
        names = [f.attname for f in model._meta.concrete_fields]
        for record in model.objects.order_by("pk"):
            rows[(model._meta.model_name, record.pk)] = (record.agency_id, tuple(getattr(record, f) for f in names))
    # The working group's invitations to agencies with no confirmed contact, each the invited agency's.
    from coordination.participation.models import AgencyInvitation

    names = [f.attname for f in AgencyInvitation._meta.concrete_fields]
    for invitation in AgencyInvitation.objects.order_by("pk"):
        rows[("agencyinvitation", invitation.pk)] = (invitation.agency_id, tuple(getattr(invitation, f) for f in names))
    # Changes to published records waiting for review, each its agency's.
    from portal.models import Revision

    names = [f.attname for f in Revision._meta.concrete_fields]
    for revision in Revision.objects.order_by("pk"):
        rows[("revision", revision.pk)] = (revision.agency_id, tuple(getattr(revision, f) for f in names))
    # A working-group admin's review notices: no agency's.
    names = [f.attname for f in ReviewerSettings._meta.concrete_fields]
    for prefs in ReviewerSettings.objects.order_by("pk"):
        rows[("reviewersettings", prefs.pk)] = (None, tuple(getattr(prefs, f) for f in names))
    # The records of the areas' parts, each module's own (`fingerprint() -> dict`, keyed and shaped as above).
    for module in routes._part_modules():
        if hasattr(module, "fingerprint"):
            rows.update(module.fingerprint())
    return rows


def changed_agencies(before: dict, after: dict) -> set[int]:
    """The agencies of the records a write created, changed or removed (before and after the write)."""
    return {
        rows[key][0]
        for key in before.keys() | after.keys()
        if before.get(key) != after.get(key)
        for rows in (before, after)
        if key in rows
    }


def send_write(client: Client, write: routes.Write, path: str, world):
    """The response to one write and the fingerprints before and after it; the write is rolled back."""
    data = write.data(world)
    with transaction.atomic():
        before = fingerprint()
        if write.json:
            response = getattr(client, write.method)(path, data, content_type="application/json")
        else:
            response = getattr(client, write.method)(path, data)
        consume(response)
        after = fingerprint()
        transaction.set_rollback(True)
    return response, before, after


def test_write_matrix():
    world = routes.build_world()
    by_role = clients(world)  # Client() does not check CSRF tokens: the matrix is about permissions
    contact_agency = {"contact_a": world.agency_a.pk, "contact_b": world.agency_b.pk}
    mismatches, sent = [], 0
    pristine = fingerprint()
    for name in sorted(ROUTES):
        route = ROUTES[name]
        for write in route.writes:
            kwargs = (write.kwargs or route.kwargs)(world)
            if is_language_prefixed(name, route, world):
                lang, path = "tr", localized("tr", name, kwargs)
                login = localized("tr", "accounts:login", {})
            else:
                lang, path, login = "-", localized(None, name, kwargs), None
            row = f"{name} {write.label}"
            for role in ROLES:
                response, before, after = send_write(by_role[role], write, path, world)
                sent += 1
                got, expected = response.status_code, write.expect[role]
                refused = got >= 400 or (got in (301, 302) and login and response["Location"].startswith(login))

                def mismatch(what, role=role, expected=expected, path=path, row=row, lang=lang):
                    mismatches.append(Mismatch(row, lang, role, str(expected), what, path))

                if got != expected:
                    mismatch(str(got))
                elif refused and after != before:
                    mismatch(f"{got}, but the database changed")
                elif not refused and after == before:
                    mismatch(f"{got}, but nothing was saved (is the payload valid?)")
                elif not refused and role in contact_agency:
                    foreign = changed_agencies(before, after) - {contact_agency[role]}
                    if foreign:
                        mismatch(f"{got}, and changed records of agencies {sorted(foreign)}")
                elif not refused and role == "anonymous":
                    mismatch(f"{got}: an anonymous write went through")
    assert fingerprint() == pristine
    assert sent == sum(len(r.writes) for r in ROUTES.values()) * len(ROLES)
    assert not mismatches, table(
        f"Write permission matrix: {len(mismatches)} of {sent} requests differ from tests/gates/routes.py",
        mismatches,
    )


def test_working_group_admin_creates_a_project_for_the_agency_it_chooses():
    """Found by the write matrix: the admin's create page had no agency to choose and its POST failed (500)."""
    world = routes.build_world()
    by_role = clients(world)
    path = localized("tr", "project_create", {})
    assert "agency" in by_role["admin"].get(path).context["form"].fields
    assert "agency" not in by_role["contact_b"].get(path).context["form"].fields
    data = {"title_en": "Chosen agency", "start_year": "2022", "status": "planned", "agency": world.agency_b.pk}
    assert by_role["admin"].post(path, {**data, "agency": ""}).status_code == 200
    assert not Project.objects.filter(title_en="Chosen agency").exists()
    assert by_role["admin"].post(path, data).status_code == 302
    assert Project.objects.get(title_en="Chosen agency").agency == world.agency_b
    assert by_role["contact_a"].post(path, {**data, "title_en": "Own agency"}).status_code == 302
    assert Project.objects.get(title_en="Own agency").agency == world.agency_a


# --- 4. admin ------------------------------------------------------------------------------------


def admin_example(model, world):
    """A real row of every model with a ModelAdmin: the world's, the reference data's, or one made here."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    access = {"user_agent": "matrix", "ip_address": "192.0.2.1", "username": "x@a.example", "http_accept": "*/*"}
    make = {
        Project: lambda: world.project_a_draft,
        Group: lambda: Group.objects.get(name=selectors.ADMIN_GROUP),
        AccessAttempt: lambda: AccessAttempt.objects.create(
            **access, path_info="/admin/login/", get_data="", post_data="", failures_since_start=1
        ),
        AccessLog: lambda: AccessLog.objects.create(**access, path_info="/admin/login/"),
        AccessFailureLog: lambda: AccessFailureLog.objects.create(**access, path_info="/admin/login/"),
        IntervalSchedule: lambda: IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES),
        CrontabSchedule: lambda: CrontabSchedule.objects.create(minute="5"),
        SolarSchedule: lambda: SolarSchedule.objects.create(event="sunrise", latitude=39.9, longitude=32.8),
        ClockedSchedule: lambda: ClockedSchedule.objects.create(clocked_time=timezone.now()),
        PeriodicTask: lambda: PeriodicTask.objects.create(
            name="matrix", task="portal.tasks.noop", interval=IntervalSchedule.objects.create(every=1, period="days")
        ),
    }
    make |= alert_examples(world)
    make |= award_examples(world)
    make |= funds_examples(world)
    if model in make:
        return make[model]()
    existing = model._default_manager.order_by("pk").first()
    assert existing is not None, (
        f"No {model._meta.label} to open in the admin: add an example to admin_example() in {__name__}"
    )
    return existing


def alert_examples(world) -> dict:
    """A deadline, an alert of it, a planning run and an outgoing mail, made on demand (the world may have none)."""
    from portal.deadlines import DeadlineSpec, sync
    from portal.models import AlertDelivery, Deadline, OutboxMail, PlanningRun

    def deadline():
        today = timezone.localdate(timezone=ZoneInfo("Europe/Zurich"))  # today where the deadline is
        spec = DeadlineSpec("award.nomination", today, "Europe/Zurich", {"en": "Matrix prize"})
        return Deadline.objects.order_by("pk").first() or sync(world.agency_a, [spec])[0]

    return {
        Deadline: deadline,
        AlertDelivery: lambda: AlertDelivery.objects.create(
            contact=world.contact_a,
            deadline=deadline(),
            lead_days=7,
            due_at=deadline().due_at,
            planned_at=timezone.now(),
        ),
        PlanningRun: lambda: PlanningRun.objects.update_or_create(pk=1, defaults={"finished_at": timezone.now()})[0],
        OutboxMail: lambda: (
            OutboxMail.objects.order_by("pk").first()
            or OutboxMail.objects.create(
                kind="contact_approved",
                recipient=world.contact_a.email,
                language="tr",
                subject="Matris",
                text="Matris",
                message_id="<matrix@portal.example>",
            )
        ),
    }


def award_examples(world) -> dict:
    """An award edition (the programmes and categories come with the reference data), a result and an
    application of agency A's project in it, and an invitation of agency A to it."""
    from awards.models import AwardApplication, AwardEdition, AwardInvitation, AwardProgramme, AwardResult

    def edition():
        programme = AwardProgramme.objects.get(slug="wsis-prizes")
        return AwardEdition.objects.get_or_create(programme=programme, year=2026, defaults={"tz": "Europe/Zurich"})[0]

    return {
        AwardEdition: edition,
        AwardResult: lambda: AwardResult.objects.get_or_create(
            edition=edition(), agency=world.agency_a, project=world.project_a_draft, defaults={"outcome": "nominee"}
        )[0],
        AwardApplication: lambda: AwardApplication.objects.get_or_create(
            edition=edition(), agency=world.agency_a, project=world.project_a_draft
        )[0],
        AwardInvitation: lambda: AwardInvitation.objects.get_or_create(edition=edition(), agency=world.agency_a)[0],
    }


def funds_examples(world) -> dict:
    """A funder, its programme open to ministries and a call of it two months ahead, a grant agency A reported
    from that funder, and an invitation of agency A to the call."""
    from decimal import Decimal

    from funds.models import Funder, FundingCall, FundingProgramme, FundInvitation, Grant

    def funder():
        return Funder.objects.get_or_create(
            slug="matrix-funder",
            defaults={"name": "Matris", "name_en": "Matrix", "kind": "bilateral", "website": "https://matrix.example"},
        )[0]

    def programme():
        return FundingProgramme.objects.get_or_create(
            slug="matrix-programme",
            defaults={"funder": funder(), "name": "Matris", "name_en": "Matrix", "eligible_agency_kinds": ["ministry"]},
        )[0]

    def call():
        deadline = factories.in_days(60, FundingCall._meta.get_field("tz").default)
        return FundingCall.objects.get_or_create(
            programme=programme(), defaults={"title": "Matris", "title_en": "Matrix", "deadline": deadline}
        )[0]

    return {
        Funder: funder,
        FundingProgramme: programme,
        FundingCall: call,
        Grant: lambda: Grant.objects.get_or_create(
            funder=funder(), agency=world.agency_a, defaults={"amount": Decimal("1000"), "currency": "USD"}
        )[0],
        FundInvitation: lambda: FundInvitation.objects.get_or_create(call=call(), agency=world.agency_a)[0],
    }


def refused_pages(world) -> set[str]:
    """The add and delete pages of the ModelAdmins that refuse adding or deleting (read-only records):
    the working-group admin gets 403 there."""
    request = RequestFactory().get("/admin/")
    request.user = world.admin
    refused = set()
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if not model_admin.has_add_permission(request):
            refused.add(f"{prefix}_add")
        if not model_admin.has_delete_permission(request):
            refused.add(f"{prefix}_delete")
    return refused


def admin_targets(world) -> list[tuple[str, str, bool]]:
    """(route, path, is a page of a project app's ModelAdmin) for every URL pattern of the admin site."""
    targets = []
    registry = {f"{m._meta.app_label}/{m._meta.model_name}/": (m, ma) for m, ma in admin.site._registry.items()}
    project = world.project_a_draft
    site_kwargs = {
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(project).pk,
            "object_id": project.pk,
        }
    }
    for entry in admin.site.get_urls():
        if isinstance(entry, URLResolver):
            model, _model_admin = registry[str(entry.pattern)]
            example = admin_example(model, world)
            own = model._meta.app_label in PROJECT_APPS
            base = f"/admin/{entry.pattern}"
            for pattern in entry.url_patterns:
                route = str(pattern.pattern)
                converters = set(pattern.pattern.converters)
                assert converters <= {"object_id", "id"}, f"admin route {route} of {model}: say how to reach it"
                kwargs = dict.fromkeys(converters, example.pk)
                if pattern.name:
                    targets.append((f"admin:{pattern.name}", reverse(f"admin:{pattern.name}", kwargs=kwargs), own))
                else:  # the short object URL that redirects to the change page
                    assert route == "<path:object_id>/", f"unnamed admin route {route}: say how to reach it"
                    targets.append((f"admin {base}<id>/", f"{base}{example.pk}/", own))
        elif entry.name == "app_list":
            for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
                targets.append(("admin:app_list", reverse("admin:app_list", kwargs={"app_label": app_label}), False))
        elif entry.name:
            targets.append(
                (
                    f"admin:{entry.name}",
                    reverse(f"admin:{entry.name}", kwargs=site_kwargs.get(f"admin:{entry.name}", {})),
                    False,
                )
            )
        else:
            assert str(entry.pattern.regex.pattern) == "(?P<url>.*)$", f"unnamed admin route {entry.pattern}"
            targets.append(("admin catch-all", "/admin/no-such-page/", False))
    return targets


def test_admin_is_only_for_working_group_admins():
    world = routes.build_world()
    by_role = clients(world)
    targets = admin_targets(world)
    own_models = [m for m in admin.site._registry if m._meta.app_label in PROJECT_APPS]
    own_pages = [t for t in targets if t[2]]
    assert len(own_pages) >= 6 * len(own_models), own_pages
    refused = refused_pages(world)
    mismatches = []
    for route, path, own in targets:
        for role in ROLES:
            response = send(by_role[role], "get", path)
            got = response.status_code
            location = response.get("Location", "")
            if role == "admin":
                shortcut = route.startswith("admin /") and got == 302 and location.endswith("/change/")
                if own and route.endswith("_process_import"):  # import-export's confirmation: POST only
                    if got != 405:
                        mismatches.append(Mismatch(route, "-", role, "405", f"{got} {location}".strip(), path))
                elif own and route in refused:
                    if got != 403:
                        mismatches.append(Mismatch(route, "-", role, "403", f"{got} {location}".strip(), path))
                elif own and not (got == 200 or shortcut):
                    mismatches.append(Mismatch(route, "-", role, "200", f"{got} {location}".strip(), path))
                elif got >= 500:
                    mismatches.append(Mismatch(route, "-", role, "< 500", str(got), path))
            elif route == "admin:login":
                if got != 200:  # the login form itself
                    mismatches.append(Mismatch(route, "-", role, "200", f"{got} {location}".strip(), path))
            elif route == "admin:logout":
                if got == 200 or got >= 500:  # logging out nobody goes to the index, and on to the login
                    mismatches.append(Mismatch(route, "-", role, "not 200", str(got), path))
            elif not (got == 302 and location.startswith(ADMIN_LOGIN)):
                mismatches.append(Mismatch(route, "-", role, f"302 {ADMIN_LOGIN}", f"{got} {location}".strip(), path))
    assert not mismatches, table(
        f"Admin permission matrix: {len(mismatches)} of {len(targets) * len(ROLES)} requests went wrong",
        mismatches,
    )
