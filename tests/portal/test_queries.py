"""The number of queries of list pages and API lists does not grow with the data."""

import pytest
from django.utils import timezone

from portal.models import SDG, ActionLine, Agency, Theme
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

LINES = ["C1", "C3", "C7", "C7.1", "C7.4", "C10"]
SDG_NUMBERS = [4, 9, 16, 17]


@pytest.fixture
def hub():
    """The agency whose detail page is measured: owner of some projects, partner in others."""
    parent = factories.AgencyFactory(slug="hub-parent")
    return factories.AgencyFactory(slug="hub", parent=parent, kind="presidency", country="KG")


@pytest.fixture
def themes():
    return [Theme.objects.create(slug=f"theme-{n}", title=f"Tema {n}", title_en=f"Theme {n}") for n in range(3)]


def add_records(count: int, start: int, hub: Agency, themes: list) -> None:
    """`count` agencies (each with a parent) and `count` published projects, each with several
    action lines, SDGs, themes and partner agencies; plus a draft that must not be listed."""
    lines = list(ActionLine.objects.filter(code__in=LINES))
    sdgs = list(SDG.objects.filter(number__in=SDG_NUMBERS))
    for n in range(start, start + count):
        parent = factories.AgencyFactory(slug=f"parent-{n:03}")
        agency = factories.AgencyFactory(slug=f"member-{n:03}", parent=parent, acronym=f"M{n}")
        owner = hub if n % 2 else agency
        project = factories.ProjectFactory(
            slug=f"project-{n:03}", agency=owner, published=True, start_year=2000 + n % 20, end_year=None
        )
        project.action_lines.set(lines[n % 2 :])
        project.sdgs.set(sdgs[n % 3 :])
        project.themes.set(themes)
        factories.partners(project, *([parent, hub] if owner != hub else [parent, agency]))
        factories.ProjectFactory(slug=f"draft-{n:03}", agency=agency, action_lines=LINES, sdgs=SDG_NUMBERS)


def listed(url: str, response) -> int:
    """How many records the answer shows, so the test proves the data grew on screen too."""
    if url.startswith("/api/"):
        return len(response.json()["results"])
    if url == "/tr/agencies/hub/":
        return len(response.context["projects"])
    return len(response.context["page"].object_list)


URLS = [
    "/tr/projects/",
    "/tr/agencies/",
    "/tr/agencies/hub/",
    "/api/v1/projects/",
    "/api/v1/agencies/",
    "/api/v1/action-lines/",
    "/api/v1/sdgs/",
]


def measure(client, url, hub, themes, django_assert_max_num_queries):
    add_records(SMALL, 0, hub, themes)
    client.get(url)  # warm per-process caches (content types, translations) before counting
    small, response = count_queries(client, url)
    shown_small = listed(url, response)

    add_records(LARGE - SMALL, SMALL, hub, themes)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    large, response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} records, {large} with {LARGE}"
    return shown_small, listed(url, response)


@pytest.mark.parametrize("url", URLS)
def test_query_count_is_constant_for_anonymous(client, hub, themes, django_assert_max_num_queries, url):
    shown_small, shown_large = measure(client, url, hub, themes, django_assert_max_num_queries)
    if url in ("/api/v1/action-lines/", "/api/v1/sdgs/"):
        assert shown_small == shown_large  # reference data: fixed size, still measured
    else:
        assert shown_large > shown_small


@pytest.mark.parametrize("url", ["/api/v1/projects/", "/tr/projects/"])
def test_query_count_is_constant_for_contact(client_a, hub, themes, django_assert_max_num_queries, url):
    shown_small, shown_large = measure(client_a, url, hub, themes, django_assert_max_num_queries)
    assert shown_large > shown_small


@pytest.mark.parametrize("url", ["/api/v1/projects/", "/tr/projects/"])
def test_query_count_is_constant_for_working_group_admin(
    admin_client_wg, hub, themes, django_assert_max_num_queries, url
):
    shown_small, shown_large = measure(admin_client_wg, url, hub, themes, django_assert_max_num_queries)
    assert shown_large > shown_small


def test_query_count_of_project_detail_is_constant(client, hub, themes, django_assert_max_num_queries):
    add_records(SMALL, 0, hub, themes)
    client.get("/tr/projects/project-001/")
    small, _response = count_queries(client, "/tr/projects/project-001/")
    add_records(LARGE - SMALL, SMALL, hub, themes)
    with django_assert_max_num_queries(small):
        assert client.get("/tr/projects/project-029/").status_code == 200


def test_project_list_numbers(client, hub, themes):
    """The data built for the counts is what the lists show: published only, 20 a page."""
    add_records(LARGE, 0, hub, themes)
    assert client.get("/api/v1/projects/").json()["count"] == LARGE
    page = client.get("/tr/projects/").context["page"]
    assert page.paginator.count == LARGE
    assert len(page.object_list) == 20
    assert client.get("/tr/agencies/hub/").context["page"].paginator.count == LARGE
    assert len(client.get("/tr/agencies/hub/?page=2").context["projects"]) == LARGE - 20


# --- The deadline calendar -----------------------------------------------------------------------

DEADLINE_ZONES = ["Europe/Zurich", "Asia/Tehran", "America/New_York", "Asia/Bishkek"]


def add_deadlines(count: int, start: int, agency: Agency) -> None:
    """`count` upcoming deadlines in several zones, some date-only, some tentative, every third one addressed to
    `agency` and another agency."""
    import datetime as dt

    from django.utils import timezone

    from portal import deadlines
    from portal.deadlines import DeadlineSpec
    from portal.models import DeadlineKind

    other = factories.AgencyFactory(slug=f"addressee-{start}")
    for n in range(start, start + count):
        due = timezone.now() + dt.timedelta(days=n + 1, hours=n)
        deadlines.sync(
            factories.AgencyFactory(slug=f"source-{n:03}"),
            [
                DeadlineSpec(
                    DeadlineKind.FUND_CALL if n % 2 else DeadlineKind.EVENT_PROPOSAL,
                    due.date() if n % 4 == 1 else due,
                    DEADLINE_ZONES[n % len(DEADLINE_ZONES)],
                    {"tr": f"Son tarih {n}", "en": f"Deadline {n}"},
                    url=f"/events/{n}/" if n % 2 else "",
                    tentative=n % 5 == 0,
                    agencies=(agency.pk, other.pk) if n % 3 == 0 else None,
                )
            ],
        )


def shown_deadlines(url: str, response) -> int:
    if url.startswith("/api/"):
        return len(response.json()["results"])
    if url.endswith(".ics"):
        return response.content.count(b"BEGIN:VEVENT")
    return len(response.context["page"].object_list)


@pytest.mark.parametrize(
    "url", ["/tr/deadlines/", "/tr/deadlines/?topic=funds", "/api/v1/deadlines/", "/deadlines.ics"]
)
@pytest.mark.parametrize("role", ["anonymous", "contact_a", "admin"])
def test_query_count_of_deadline_lists_is_constant(
    client, contact_a, wg_admin, django_assert_max_num_queries, url, role
):
    if role != "anonymous":
        client.force_login(contact_a.user if role == "contact_a" else wg_admin)
    add_deadlines(SMALL, 0, contact_a.agency)
    client.get(url)  # warm per-process caches (content types, translations) before counting
    small, response = count_queries(client, url)
    shown_small = shown_deadlines(url, response)

    add_deadlines(LARGE - SMALL, SMALL, contact_a.agency)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    large, response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} deadlines, {large} with {LARGE}"
    assert shown_deadlines(url, response) > shown_small


def test_query_count_of_the_private_feed_is_constant(client, contact_a, django_assert_max_num_queries):
    path = f"/deadlines/{contact_a.subscription.calendar_token}.ics"
    add_deadlines(SMALL, 0, contact_a.agency)
    client.get(path)
    small, response = count_queries(client, path)
    shown_small = shown_deadlines(path, response)
    add_deadlines(LARGE - SMALL, SMALL, contact_a.agency)
    with django_assert_max_num_queries(small):
        response = client.get(path)
    assert shown_deadlines(path, response) > shown_small


# --- Awards ----------------------------------------------------------------------------------------


def add_award_records(count: int, start: int, agency_a: Agency) -> None:
    """`count` editions, each with a result and an application (half of them agency A's, with a project that has
    action lines and SDGs), and a theme on every category touched."""
    from awards.models import AwardCategory, AwardResult

    categories = list(AwardCategory.objects.filter(programme__slug="wsis-prizes"))
    theme = Theme.objects.get_or_create(slug="award-theme", defaults={"title": "Tema", "title_en": "Theme"})[0]
    for n in range(start, start + count):
        agency = agency_a if n % 2 else factories.AgencyFactory(slug=f"awardee-{n:03}", kind="university")
        edition = factories.AwardEditionFactory(year=1991 + n, nomination_deadline=None)
        project = factories.ProjectFactory(
            slug=f"award-project-{n:03}", agency=agency, published=n % 3 != 0, action_lines=LINES, sdgs=SDG_NUMBERS
        )
        category = categories[n % len(categories)]
        category.themes.add(theme)
        AwardResult.objects.create(
            verified_at=timezone.now(),
            edition=edition,
            category=category,
            agency=agency,
            project=project,
            outcome="winner",
        )
        factories.AwardApplicationFactory(agency=agency, project=project, edition=edition, category=category)


AWARD_URLS = [
    "/api/v1/awards/results/",
    "/api/v1/awards/results/?action_line=C7&year_min=1990",
    "/api/v1/awards/editions/?open=false",
    "/api/v1/awards/categories/",
    "/api/v1/awards/programmes/",
    "/api/v1/awards/applications/",
]


@pytest.mark.parametrize(
    ("url", "role"),
    [
        (url, role)
        for url in AWARD_URLS
        for role in ("anonymous", "contact_a", "admin")
        if role != "anonymous" or "applications" not in url  # the applications need a login
    ],
)
def test_query_count_of_award_lists_is_constant(client, contact_a, wg_admin, django_assert_max_num_queries, url, role):
    if role != "anonymous":
        client.force_login(contact_a.user if role == "contact_a" else wg_admin)
    add_award_records(SMALL, 0, contact_a.agency)
    client.get(url)  # warm per-process caches before counting
    small, response = count_queries(client, url)
    shown_small = len(response.json()["results"])

    add_award_records(LARGE - SMALL, SMALL, contact_a.agency)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    large, response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} rows, {large} with {LARGE}"
    if "categories" in url or "programmes" in url:
        assert len(response.json()["results"]) == shown_small  # reference data: fixed size, still measured
    else:
        assert len(response.json()["results"]) > shown_small


# --- The awards results inventory ----------------------------------------------------------------


def add_award_results(count: int, start: int) -> None:
    """`count` results, each in its own edition, with its own agency and a published project (and every third a
    draft project, which the page must not name)."""
    from awards.models import AwardResult

    category = factories.award_category("C4")
    for n in range(start, start + count):
        agency = factories.AgencyFactory(slug=f"laureate-{n:03}")
        project = factories.ProjectFactory(slug=f"laureate-project-{n:03}", agency=agency, published=n % 3 != 0)
        AwardResult.objects.create(
            verified_at=timezone.now(),
            edition=factories.AwardEditionFactory(year=1990 + n),
            category=category,
            agency=agency,
            project=project,
            outcome="winner",
            evidence_url=f"https://example.org/{n}",
        )


@pytest.mark.parametrize("url", ["/tr/awards/results/", "/tr/awards/results/?programme=wsis-prizes&year_min=1990"])
def test_query_count_of_award_results_is_constant(client, django_assert_max_num_queries, url):
    add_award_results(SMALL, 0)
    client.get(url)
    small, response = count_queries(client, url)
    assert len(response.context["page"].object_list) == SMALL
    add_award_results(LARGE - SMALL, SMALL)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 20


# --- Funds: the calls and the grants inventory ---------------------------------------------------


def add_fund_records(count: int, start: int, agency: Agency) -> None:
    """`count` funders, each with a programme open to ministries (on a theme and action lines agency A's published
    project is filed under), an open call in one of three zones, and a published grant to a new agency in one of
    three currencies, with a project (every third one a draft, which the pages must not name)."""
    import datetime as dt
    from decimal import Decimal

    theme = Theme.objects.get_or_create(slug="fund-theme", defaults={"title": "Tema", "title_en": "Theme"})[0]
    if not agency.projects.exists():
        project = factories.ProjectFactory(slug="fund-eligible", agency=agency, published=True, action_lines=LINES)
        project.themes.add(theme)
    zones = ("Asia/Seoul", "Europe/Brussels", "America/New_York")
    for n in range(start, start + count):
        programme = factories.FundingProgrammeFactory(
            funder=factories.FunderFactory(
                slug=f"funder-{n:03}", name=f"Fon {n}", name_en=f"Funder {n}", website="https://f.example"
            ),
            slug=f"programme-{n:03}",
            name=f"Program {n}",
            name_en=f"Programme {n}",
            eligible_agency_kinds=["ministry", "university"],
            eligible_countries=["TR", "KG"],
            amount_max=Decimal(100000 + n),
            currency="EUR",
            themes=[theme],
            action_lines=LINES[n % 2 :],
        )
        factories.FundingCallFactory(
            programme=programme,
            title=f"Çağrı {n}",
            title_en=f"Call {n}",
            days=5 + n,
            deadline_time=dt.time(12) if n % 2 else None,
            tz=zones[n % 3],
            state="tentative" if n % 4 == 0 else "announced",
        )
        recipient = factories.AgencyFactory(slug=f"grantee-{n:03}")
        factories.GrantFactory(
            programme=programme,
            agency=recipient,
            project=factories.ProjectFactory(slug=f"grant-project-{n:03}", agency=recipient, published=n % 3 != 0),
            amount=Decimal(1000 + n),
            currency=("USD", "EUR", "KRW")[n % 3],
            signed_on=dt.date(2000 + n % 7, 1, 1),
            published=True,
        )


def shown_fund_records(url: str, response) -> int:
    if "/calls/" in url:
        return len(response.context["lines"])
    if "/grants/" in url:
        return len(response.context["page"].object_list)
    return len(response.context["funders"])


@pytest.mark.parametrize(
    "url",
    [
        "/tr/funds/",
        "/tr/funds/calls/",
        "/tr/funds/calls/?agency=agency-a",
        "/tr/funds/grants/",
        "/tr/funds/grants/?currency=EUR&year_min=2000",
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "contact_a"])
def test_query_count_of_fund_lists_is_constant(client, contact_a, django_assert_max_num_queries, url, role):
    if role != "anonymous":
        client.force_login(contact_a.user)
    add_fund_records(SMALL, 0, contact_a.agency)
    client.get(url)  # warm per-process caches before counting
    small, response = count_queries(client, url)
    shown_small = shown_fund_records(url, response)

    add_fund_records(LARGE - SMALL, SMALL, contact_a.agency)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    large, response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} records, {large} with {LARGE}"
    assert shown_fund_records(url, response) > shown_small
