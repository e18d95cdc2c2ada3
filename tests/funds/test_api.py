"""API v1 of the funds area: the public lists and their filters, the grants' agency scope, reporting a grant
through the one service with money checked by the one rule, and constant query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funds.models import Funder, Grant
from portal.models import ReviewState, Theme
from tests import factories

FUNDERS = "/api/v1/funds/funders/"
PROGRAMMES = "/api/v1/funds/programmes/"
CALLS = "/api/v1/funds/calls/"
GRANTS = "/api/v1/funds/grants/"


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> list:
    return [row["id"] for row in results(response)]


def slugs(response) -> list:
    return [row["slug"] for row in results(response)]


@pytest.fixture
def funds():
    theme = Theme.objects.create(slug="fund-api-theme", title="Tema", title_en="Theme")
    koica = factories.FunderFactory(
        slug="koica",
        acronym="KOICA",
        name="Kore Uluslararası İşbirliği Ajansı",
        name_en="Korea International Cooperation Agency",
        country="KR",
        website="https://www.koica.go.kr",
    )
    eu = factories.FunderFactory(
        slug="eu", acronym="EU", name="Avrupa Birliği", name_en="European Union", kind=Funder.Kind.EU,
        website="https://commission.europa.eu",
    )  # fmt: skip
    koica_egov = factories.FundingProgrammeFactory(
        funder=koica,
        slug="koica-egov",
        name="e-Devlet kapasite",
        name_en="e-Government capacity building",
        eligible_agency_kinds=["ministry"],
        eligible_countries=["AZ", "KG"],
        amount_min=Decimal(100000),
        amount_max=Decimal(5000000),
        currency="USD",
        scope="international",
        themes=[theme],
        action_lines=["C7.1"],
    )
    eu_digital = factories.FundingProgrammeFactory(
        funder=eu,
        slug="digital-europe",
        name="Dijital Avrupa",
        name_en="Digital Europe",
        scope="national",
        action_lines=["C4"],
    )
    calls = {  # each closing in its zone: Seoul's, or Brussels' (a call's zone unless told)
        "soon": factories.FundingCallFactory(
            programme=koica_egov,
            title="Çağrı",
            title_en="Call 2026",
            days=20,
            deadline_time=dt.time(18),
            tz="Asia/Seoul",
        ),
        "later": factories.FundingCallFactory(programme=eu_digital, title="Sonra", title_en="Later", days=90),
        "closed": factories.FundingCallFactory(programme=eu_digital, title="Kapandı", title_en="Closed", days=-3),
        "cancelled": factories.FundingCallFactory(
            programme=koica_egov, title="İptal", title_en="Cancelled", days=10, state="cancelled"
        ),
    }
    return {"koica": koica, "eu": eu, "koica_egov": koica_egov, "eu_digital": eu_digital, "calls": calls}


@pytest.fixture
def grants(funds, agency_a, agency_b):
    def grant(funder, agency, amount, currency, signed_on, published=True, **extra):
        return factories.GrantFactory(
            funder=funds[funder],
            agency=agency,
            amount=Decimal(amount),
            currency=currency,
            signed_on=signed_on,
            published=published,
            **extra,
        )

    return {
        "seed": grant(
            "koica", agency_b, "3700000", "USD", dt.date(2013, 4, 18), programme=funds["koica_egov"], duration_months=24
        ),
        "a_eu": grant("eu", agency_a, "250000.50", "EUR", dt.date(2024, 5, 2), programme=funds["eu_digital"]),
        "a_krw": grant("koica", agency_a, "150000000", "KRW", dt.date(2021, 9, 1)),
        "a_draft": grant("eu", agency_a, "1000", "EUR", None, published=False),
        "b_draft": grant(
            "koica", agency_b, "2000", "USD", dt.date(2025, 1, 1), published=False, review_state=ReviewState.SUBMITTED
        ),
    }


# --- funders, programmes, calls ------------------------------------------------------------------


def test_funders_list_and_detail(client, funds):
    assert slugs(client.get(FUNDERS)) == ["eu", "koica"]
    assert slugs(client.get(FUNDERS + "?kind=bilateral")) == ["koica"]
    koica = client.get(FUNDERS + "koica/?lang=en").json()
    assert koica == {
        "slug": "koica",
        "name": "Korea International Cooperation Agency",
        "acronym": "KOICA",
        "kind": "bilateral",
        "country": "KR",
        "website": "https://www.koica.go.kr",
        "description": "",
    }
    assert client.get(FUNDERS + "koica/?lang=tr").json()["name"] == "Kore Uluslararası İşbirliği Ajansı"
    assert client.get(FUNDERS + "eu/").json()["country"] == ""
    assert client.get(FUNDERS + "no-such/").status_code == 404


def test_programme_detail(client, funds):
    body = client.get(PROGRAMMES + "koica-egov/?lang=en").json()
    assert body["funder"] == "koica"
    assert body["name"] == "e-Government capacity building"
    assert (body["themes"], body["action_lines"]) == (["fund-api-theme"], ["C7.1"])
    assert (body["eligible_agency_kinds"], body["eligible_countries"]) == (["ministry"], ["AZ", "KG"])
    assert (body["amount_min"], body["amount_max"], body["currency"]) == ("100000.00", "5000000.00", "USD")
    open_to_all = client.get(PROGRAMMES + "digital-europe/").json()
    assert (open_to_all["eligible_agency_kinds"], open_to_all["eligible_countries"]) == ([], [])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["digital-europe", "koica-egov"]),
        ("funder=koica", ["koica-egov"]),
        ("scope=national", ["digital-europe"]),
        ("theme=fund-api-theme", ["koica-egov"]),
        ("action_line=C7", ["koica-egov"]),  # a main line finds its sub-lines
        ("action_line=C4", ["digital-europe"]),
        ("agency_kind=ministry", ["digital-europe", "koica-egov"]),  # one open to every kind counts
        ("agency_kind=university", ["digital-europe"]),
        ("country=KG", ["digital-europe", "koica-egov"]),
        ("country=TR", ["digital-europe"]),
        ("agency_kind=ministry&country=AZ&funder=koica", ["koica-egov"]),
    ],
)
def test_programme_filters(client, funds, query, expected):
    assert slugs(client.get(f"{PROGRAMMES}?{query}")) == expected


@pytest.mark.clock
def test_calls_soonest_first_with_their_deadline_in_both_forms(client, funds):
    calls = funds["calls"]
    assert ids(client.get(CALLS)) == [
        calls["closed"].pk,
        calls["cancelled"].pk,
        calls["soon"].pk,
        calls["later"].pk,
    ]
    body = client.get(f"{CALLS}{calls['soon'].pk}/?lang=en").json()
    deadline = factories.in_days(20, "Asia/Seoul")
    assert (body["programme"], body["funder"], body["title"], body["tz"]) == (
        "koica-egov",
        "koica",
        "Call 2026",
        "Asia/Seoul",
    )
    assert body["deadline_local"] == f"{deadline.isoformat()}T18:00:00+09:00"
    assert body["deadline"] == f"{deadline.isoformat()}T09:00:00Z"
    assert body["deadline_date_only"] is False
    date_only = client.get(f"{CALLS}{calls['later'].pk}/").json()
    assert date_only["deadline_date_only"] is True
    assert date_only["deadline_local"].startswith(f"{calls['later'].deadline.isoformat()}T23:59:00+")


@pytest.mark.clock
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("open=true", ["soon", "later"]),
        ("open=false", ["closed", "cancelled"]),
        ("funder=koica", ["cancelled", "soon"]),
        ("programme=digital-europe&open=1", ["later"]),
        ("state=cancelled", ["cancelled"]),
        ("agency_kind=university", ["closed", "later"]),
        ("country=AZ&open=true", ["soon", "later"]),
        ("country=TR&open=true", ["later"]),
    ],
)
def test_call_filters(client, funds, query, expected):
    calls = funds["calls"]
    assert ids(client.get(f"{CALLS}?{query}")) == [calls[name].pk for name in expected]


@pytest.mark.parametrize(
    "query",
    ["open=maybe", "funder=nobody", "agency_kind=pirate", "country=XX", "programme=a%00b", "state=lost"],
)
def test_a_bad_call_filter_is_a_400_naming_it(client, funds, query):
    response = client.get(f"{CALLS}?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


def test_the_lists_are_read_only(client_a, funds):
    assert client_a.post(FUNDERS, {"slug": "x"}).status_code == 405
    assert client_a.post(PROGRAMMES, {"slug": "x"}).status_code == 405
    assert client_a.delete(f"{CALLS}{funds['calls']['soon'].pk}/").status_code == 405


# --- grants: filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["b_draft", "a_eu", "a_krw", "seed", "a_draft"]),  # the admin sees every grant: newest first
        ("funder=koica", ["b_draft", "a_krw", "seed"]),
        ("programme=digital-europe", ["a_eu"]),
        ("agency=agency-a", ["a_eu", "a_krw", "a_draft"]),
        ("country=AZ", ["b_draft", "seed"]),
        ("year=2013", ["seed"]),
        ("year_min=2021&year_max=2024", ["a_eu", "a_krw"]),
        ("currency=EUR", ["a_eu", "a_draft"]),
        ("currency=USD&amount_min=3700000", ["seed"]),
        ("currency=EUR&amount_max=250000.50", ["a_eu", "a_draft"]),
        ("currency=EUR&amount_max=250000.49", ["a_draft"]),
        ("amount_min=0", ["b_draft", "a_eu", "a_krw", "seed", "a_draft"]),
    ],
)
def test_grant_filters(admin_client_wg, grants, query, expected):
    assert ids(admin_client_wg.get(f"{GRANTS}?{query}")) == [grants[name].pk for name in expected]


@pytest.mark.parametrize(
    "query",
    [
        "amount_min=-1",
        "amount_max=abc",
        "amount_min=NaN",
        "amount_min=1e40",
        "amount_max=0.001",
        "year=1800",
        "year_min=2013.5",
        "currency=XYZ",
        "currency=usd",
        "funder=nobody",
        "agency=a%00b",
        "country=Atlantis",
    ],
)
def test_a_bad_grant_filter_is_a_400_naming_it(client, grants, query):
    response = client.get(f"{GRANTS}?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


# --- grants: who sees what --------------------------------------------------------------------------


def test_anonymous_and_other_agencies_see_published_grants_only(client, grants, contact_b):
    published = [grants[name].pk for name in ("a_eu", "a_krw", "seed")]
    assert ids(client.get(GRANTS)) == published
    assert client.get(f"{GRANTS}{grants['a_draft'].pk}/").status_code == 404
    client.force_login(contact_b.user)
    assert ids(client.get(GRANTS)) == [grants["b_draft"].pk, *published]
    assert client.get(f"{GRANTS}{grants['a_draft'].pk}/").status_code == 404


def test_a_contact_also_sees_its_agencys_drafts(client_a, grants):
    assert ids(client_a.get(GRANTS)) == [grants[name].pk for name in ("a_eu", "a_krw", "seed", "a_draft")]
    body = client_a.get(f"{GRANTS}{grants['a_draft'].pk}/").json()
    assert (body["state"], body["agency"], body["amount"], body["currency"]) == ("draft", "agency-a", "1000.00", "EUR")
    assert "reported_by" not in body


def test_a_grant_in_full(client, grants):
    body = client.get(f"{GRANTS}{grants['seed'].pk}/?lang=en").json()
    assert set(body) == {
        "id",
        "funder",
        "programme",
        "agency",
        "project",
        "amount",
        "currency",
        "signed_on",
        "duration_months",
        "purpose",
        "source_url",
        "state",
        "imported",
        "created_at",
        "updated_at",
        "revision_pending",
    }
    assert (body["funder"], body["programme"], body["agency"], body["project"]) == (
        "koica",
        "koica-egov",
        "agency-b",
        None,
    )
    assert (body["amount"], body["currency"], body["signed_on"], body["duration_months"]) == (
        "3700000.00",
        "USD",
        "2013-04-18",
        24,
    )


def test_a_draft_project_is_named_only_to_its_agency(client, grants, agency_a, contact_a):
    draft = factories.ProjectFactory(agency=agency_a, slug="secret-draft")
    Grant.objects.filter(pk=grants["a_eu"].pk).update(project=draft)
    url = f"{GRANTS}{grants['a_eu'].pk}/"
    assert client.get(url).json()["project"] is None
    assert "secret-draft" not in client.get(GRANTS).content.decode()
    client.force_login(contact_a.user)
    assert client.get(url).json()["project"] == "secret-draft"


# --- grants: reporting -------------------------------------------------------------------------------


def payload(**extra) -> dict:
    return {
        "funder": "koica",
        "programme": "koica-egov",
        "amount": "3700000",
        "currency": "USD",
        "signed_on": "2013-04-18",
        "duration_months": 24,
        "purpose_en": "e-Government education centre",
        **extra,
    }


def test_a_contact_reports_a_draft_for_its_own_agency(client_a, contact_a, funds, agency_b):
    # Another agency is refused, saving nothing; left out, the agency is the contact's own.
    response = client_a.post(GRANTS, payload(agency="agency-b"), content_type="application/json")
    assert response.status_code == 403, response.content
    assert not Grant.objects.exists()
    response = client_a.post(GRANTS, payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["agency"], body["state"], body["amount"]) == ("agency-a", "draft", "3700000.00")
    grant = Grant.objects.get(pk=body["id"])
    assert (grant.agency, grant.reported_by, grant.purpose_en) == (
        contact_a.agency,
        contact_a.user,
        "e-Government education centre",
    )
    assert client_a.get(f"{GRANTS}{grant.pk}/?lang=en").json()["purpose"] == "e-Government education centre"


def test_anonymous_and_users_without_an_agency_cannot_report(client, funds):
    assert client.post(GRANTS, payload(), content_type="application/json").status_code == 403
    client.force_login(factories.UserFactory())
    assert client.post(GRANTS, payload(), content_type="application/json").status_code == 403
    assert not Grant.objects.exists()


def test_the_admin_reports_for_the_agency_it_names(admin_client_wg, funds, agency_b):
    response = admin_client_wg.post(GRANTS, payload(), content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["agency"]
    response = admin_client_wg.post(GRANTS, payload(agency="agency-b"), content_type="application/json")
    assert response.status_code == 201, response.content
    assert Grant.objects.get().agency == agency_b


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "-5"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "1.234"}, "amount"),  # USD has two decimals
        ({"amount": "10.5", "currency": "KRW"}, "amount"),  # KRW has none
        ({"amount": "1" * 17}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "XAU"}, "currency"),
        ({"currency": ""}, "currency"),
        ({"programme": "digital-europe"}, "programme"),  # another funder's
        ({"duration_months": 0}, "duration_months"),
        ({"duration_months": 601}, "duration_months"),
        ({"signed_on": "18/04/2013"}, "signed_on"),
        ({"funder": "nobody"}, "funder"),
        ({"source_url": "not a link"}, "source_url"),
    ],
)
def test_bad_money_and_references_are_a_400_with_details(client_a, funds, change, field):
    response = client_a.post(GRANTS, payload(**change), content_type="application/json")
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert not Grant.objects.exists()


def test_a_project_of_another_agency_is_refused(client_a, funds, agency_b):
    factories.ProjectFactory(agency=agency_b, slug="b-draft")
    factories.ProjectFactory(agency=agency_b, slug="b-published", published=True)
    for slug in ("b-draft", "b-published"):
        response = client_a.post(GRANTS, payload(project=slug), content_type="application/json")
        assert response.status_code == 400
        assert list(response.json()) == ["project"]
    assert not Grant.objects.exists()


def test_a_contacts_correction_of_a_published_grant_waits_for_review(client_a, grants):
    """The published grant stays as it is until the working group accepts the change (tests/portal/test_revisions.py)."""
    url = f"{GRANTS}{grants['a_eu'].pk}/"
    response = client_a.patch(url, {"duration_months": 12}, content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["duration_months"], body["state"], body["revision_pending"]) == (None, "published", True)
    response = client_a.patch(url, {"amount": "10.5", "currency": "KRW"}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["amount"]
    grant = Grant.objects.get(pk=grants["a_eu"].pk)
    assert (grant.amount, grant.currency, grant.duration_months) == (Decimal("250000.50"), "EUR", None)


def test_no_one_changes_another_agencys_grants(client, grants, contact_b):
    client.force_login(contact_b.user)
    published, draft = f"{GRANTS}{grants['a_eu'].pk}/", f"{GRANTS}{grants['a_draft'].pk}/"
    assert client.patch(published, {"duration_months": 1}, content_type="application/json").status_code == 403
    assert client.patch(draft, {"duration_months": 1}, content_type="application/json").status_code == 404
    assert Grant.objects.get(pk=grants["a_eu"].pk).duration_months is None


def test_no_put_and_no_delete(client_a, grants):
    url = f"{GRANTS}{grants['a_draft'].pk}/"
    assert client_a.put(url, payload(), content_type="application/json").status_code == 405
    assert client_a.delete(url).status_code == 405
    assert Grant.objects.filter(pk=grants["a_draft"].pk).exists()


# --- query counts ---------------------------------------------------------------------------------

SMALL, LARGE = 3, 30


def add_records(count: int, start: int, agency) -> None:
    """`count` funders, each with a programme (themes, action lines), two calls and three grants (one a draft of
    `agency`, one with a draft project)."""
    theme = Theme.objects.get_or_create(slug="q-theme", defaults={"title": "Tema", "title_en": "Theme"})[0]
    for n in range(start, start + count):
        programme = factories.FundingProgrammeFactory(
            funder=factories.FunderFactory(slug=f"q-funder-{n:03}", name=f"Fon {n}", website="https://f.example"),
            slug=f"q-programme-{n:03}",
            name=f"Program {n}",
            eligible_countries=["TR", "AZ"],
            themes=[theme],
            action_lines=["C4", "C7.1"],
        )
        for days in (5 + n, -5 - n):
            factories.FundingCallFactory(
                programme=programme, title=f"Çağrı {n}", days=days, tz=("Asia/Seoul", "Europe/Brussels")[n % 2]
            )
        recipient = factories.AgencyFactory(slug=f"q-grantee-{n:03}")
        project = factories.ProjectFactory(slug=f"q-project-{n:03}", agency=recipient, published=n % 2 == 0)
        for grant_agency, published, grant_project in (
            (recipient, True, project),
            (agency, False, None),
            (agency, True, None),
        ):
            factories.GrantFactory(
                programme=programme,
                agency=grant_agency,
                project=grant_project,
                amount=Decimal(1000 + n),
                currency="EUR",
                signed_on=dt.date(2010 + n % 10, 1, 1),
                published=published,
            )


def count_queries(client, url) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()["results"]


LISTS = [
    FUNDERS,
    PROGRAMMES,
    PROGRAMMES + "?agency_kind=ministry&country=TR&action_line=C7",
    CALLS,
    CALLS + "?open=true&country=AZ",
    GRANTS,
    GRANTS + "?currency=EUR&year_min=2010&amount_min=1000",
]


@pytest.mark.parametrize(
    ("url", "role"),
    [(url, role) for url in LISTS for role in ("anonymous", "contact_a")] + [(GRANTS, "admin")],
)
def test_query_count_of_fund_api_lists_is_constant(client, contact_a, wg_admin, url, role):
    if role == "contact_a":
        client.force_login(contact_a.user)
    elif role == "admin":
        client.force_login(wg_admin)
    add_records(SMALL, 0, contact_a.agency)
    client.get(url)  # warm per-process caches before counting
    small, rows_small = count_queries(client, url)
    add_records(LARGE - SMALL, SMALL, contact_a.agency)
    large, rows_large = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} funders, {large} with {LARGE}"
    assert len(rows_large) > len(rows_small)
