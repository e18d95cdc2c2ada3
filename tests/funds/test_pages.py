"""The funds pages: funders and programmes, the open calls (for one agency: those it could apply to, with the
reasons), a call with its deadline in both zones, the grants inventory with its filters, downloads and totals,
and the funds sections of the agency profile and the project page."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from funds import selectors
from funds.models import CallState, Funder, FundingCall, FundingProgramme
from portal.models import ReviewState, Theme
from portal.moments import format_moment
from tests import factories

pytestmark = pytest.mark.clock  # open and closed calls, days left

CALLS = "/en/funds/calls/"
GRANTS = "/en/funds/grants/"
CALL_ZONE = FundingCall._meta.get_field("tz").default  # a call's zone unless told


# --- The records ----------------------------------------------------------------------------------


def call(of: FundingProgramme, title: str, deadline: dt.date, **fields) -> FundingCall:
    """A call of `of` with one title in every language, closing on `deadline` in its zone."""
    return factories.FundingCallFactory(programme=of, title=title, title_en=title, deadline=deadline, **fields)


def grant(agency, of: Funder, amount: str, currency: str, signed_on, review_state=ReviewState.PUBLISHED, **fields):
    """A line of the inventory, published unless told."""
    return factories.GrantFactory(
        agency=agency,
        funder=of,
        amount=Decimal(amount),
        currency=currency,
        signed_on=signed_on,
        published=review_state == ReviewState.PUBLISHED,
        review_state=review_state,
        **fields,
    )


def in_days(n: int, tz: str = CALL_ZONE) -> dt.date:
    """`n` days from today in `tz`: pass the call's zone when it is not the default one."""
    return factories.in_days(n, tz)


def call_ids(response) -> list[int]:
    return [line.call.pk for line in response.context["lines"]]


def page_ids(response) -> list[int]:
    return [line.pk for line in response.context["page"].object_list]


@pytest.fixture
def koica():
    return factories.FunderFactory(
        slug="koica", name="KOICA", name_en="Korea International Cooperation Agency", acronym="KOICA", country="KR"
    )


@pytest.fixture
def for_ministries(koica):
    """Open to ministries in every country."""
    return factories.FundingProgrammeFactory(
        funder=koica,
        slug="koica-egov",
        eligible_agency_kinds=["ministry"],
        amount_max=Decimal("5000000"),
        currency="USD",
    )


@pytest.fixture
def for_universities_in_az(koica):
    return factories.FundingProgrammeFactory(
        funder=koica, slug="koica-campus", eligible_agency_kinds=["university"], eligible_countries=["AZ"]
    )


# --- Landing page, funder, programme -------------------------------------------------------------------


def test_landing_lists_funders_programmes_and_the_next_calls(client, for_ministries, for_universities_in_az):
    soon = call(for_ministries, "Soon", in_days(5, "Asia/Seoul"), tz="Asia/Seoul")
    body = client.get("/en/funds/").content.decode()
    assert 'data-funder="koica"' in body
    assert 'href="/en/funds/funders/koica/"' in body
    assert 'href="/en/funds/programmes/koica-egov/"' in body
    assert 'href="/en/funds/programmes/koica-campus/"' in body
    assert 'data-kinds="ministry"' in body and 'data-kinds="university"' in body
    assert f'href="/en/funds/calls/{soon.pk}/"' in body
    with translation.override("en"):
        assert "5,000,000.00 USD" in body  # the amount with its currency's decimals and its code


def test_funder_and_programme_pages(client, agency_a, for_ministries):
    open_call = call(for_ministries, "Open", in_days(20))
    past_call = call(for_ministries, "Past", in_days(-20))
    published = grant(agency_a, for_ministries.funder, "3700000", "USD", dt.date(2013, 4, 18), programme=for_ministries)
    draft = grant(
        agency_a, for_ministries.funder, "9", "USD", dt.date(2014, 1, 1), ReviewState.DRAFT, programme=for_ministries
    )

    funder_page = client.get("/en/funds/funders/koica/")
    assert funder_page.status_code == 200
    assert [g.pk for g in funder_page.context["grants"]] == [published.pk]
    assert 'href="/en/funds/grants/?funder=koica"' in funder_page.content.decode()

    response = client.get("/en/funds/programmes/koica-egov/")
    body = response.content.decode()
    assert [g.pk for g in response.context["grants"]] == [published.pk]
    assert f'data-grant="{draft.pk}"' not in body
    assert [(c.pk, is_open) for c, _deadline, is_open in response.context["calls"]] == [
        (open_call.pk, True),
        (past_call.pk, False),
    ]
    assert 'href="/en/funds/grants/?programme=koica-egov"' in body
    assert client.get("/en/funds/programmes/no-such/").status_code == 404
    assert client.get("/en/funds/funders/no-such/").status_code == 404


# --- The calls --------------------------------------------------------------------------------------


def test_calls_soonest_deadline_first_across_zones_and_closed_or_cancelled_left_out(client, for_ministries):
    day = in_days(10)
    # 09:00 in Seoul is 03:00 in Istanbul: before 08:00 in Istanbul, although the database orders it after.
    istanbul = call(for_ministries, "Istanbul 08:00", day, deadline_time=dt.time(8), tz="Europe/Istanbul")
    seoul = call(for_ministries, "Seoul 09:00", day, deadline_time=dt.time(9), tz="Asia/Seoul")
    later = call(for_ministries, "Later", in_days(30), tz="Europe/Brussels", state=CallState.TENTATIVE)
    earliest = call(for_ministries, "Earliest", in_days(2))
    call(for_ministries, "Closed", in_days(-1))
    an_hour_ago = timezone.now().astimezone(dt.UTC) - dt.timedelta(hours=1)
    call(for_ministries, "Closed an hour ago", an_hour_ago.date(), tz="UTC", deadline_time=an_hour_ago.time())
    call(for_ministries, "Cancelled", in_days(3), state=CallState.CANCELLED)

    response = client.get(CALLS)
    assert call_ids(response) == [earliest.pk, seoul.pk, istanbul.pk, later.pk]
    body = response.content.decode()
    assert re.search(rf'data-call="{later.pk}" data-state="tentative">\s*<h2[^>]*>.*tag-tentative', body)
    assert body.count("tag-tentative") == 1


def test_a_call_deadline_is_shown_in_its_zone_and_the_viewers(client, contact_a, for_ministries):
    contact_a.time_zone = "Europe/Istanbul"
    contact_a.save()
    client.force_login(contact_a.user)
    seoul = call(for_ministries, "Seoul", in_days(15, "Asia/Seoul"), deadline_time=dt.time(17, 30), tz="Asia/Seoul")
    due_at = dt.datetime.combine(seoul.deadline, dt.time(17, 30), tzinfo=ZoneInfo("Asia/Seoul"))
    for url in (CALLS, f"/en/funds/calls/{seoul.pk}/"):
        body = client.get(url).content.decode()
        with translation.override("en"):
            in_seoul, in_istanbul = format_moment(due_at, "Asia/Seoul"), format_moment(due_at, "Europe/Istanbul")
        assert 'data-zone="Asia/Seoul"' in body and 'data-zone="Europe/Istanbul"' in body
        assert in_seoul in body and in_istanbul in body
    detail = client.get(f"/en/funds/calls/{seoul.pk}/")
    assert detail.context["deadline"].due_at == due_at
    assert not detail.context["deadline"].closed


def test_anonymous_viewer_sees_the_portal_zone(client, for_ministries):
    seoul = call(for_ministries, "Seoul", in_days(15, "Asia/Seoul"), tz="Asia/Seoul")
    body = client.get(f"/en/funds/calls/{seoul.pk}/").content.decode()
    assert 'data-zone="Asia/Seoul"' in body and 'data-zone="Europe/Istanbul"' in body


def test_calls_for_an_agency_with_the_reasons(client, agency_a, agency_b, for_ministries, for_universities_in_az):
    """Agency A is a Turkish ministry: the ministries' programme, not the Azerbaijani universities'."""
    theme = Theme.objects.create(slug="e-learning", title="E-öğrenme", title_en="E-learning")
    topical = factories.FundingProgrammeFactory(
        funder=for_ministries.funder, slug="koica-learning", eligible_agency_kinds=["ministry"]
    )
    topical.themes.add(theme)
    for_ministries_call = call(for_ministries, "Ministries", in_days(9))
    call(for_universities_in_az, "Universities", in_days(8))
    topical_call = call(topical, "Learning", in_days(7))
    project = factories.ProjectFactory(agency=agency_a, published=True)
    project.themes.add(theme)

    response = client.get(f"{CALLS}?agency=agency-a")
    assert response.context["agency"] == agency_a
    assert call_ids(response) == [topical_call.pk, for_ministries_call.pk]
    body = response.content.decode()
    assert 'data-reason="agency_kind"' in body
    assert 'data-reason="any_country"' in body
    assert 'data-reason="theme"' in body
    reasons = {line.call.pk: {r.kind for r in line.reasons} for line in response.context["lines"]}
    assert reasons == {
        topical_call.pk: {"agency_kind", "any_country", "theme"},
        for_ministries_call.pk: {"agency_kind", "any_country"},
    }
    # Agency B is a ministry in Azerbaijan: not a university.
    assert call_ids(client.get(f"{CALLS}?agency=agency-b")) == [for_ministries_call.pk]


def test_unknown_agency_is_a_field_error_and_no_calls(client, for_ministries):
    call(for_ministries, "Open", in_days(9))
    response = client.get(f"{CALLS}?agency=nobody")
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"agency"}
    assert call_ids(response) == []


def test_a_contact_gets_the_link_to_its_own_agencys_calls(client, contact_a, for_ministries):
    assert "data-own-agency" not in client.get(CALLS).content.decode()
    client.force_login(contact_a.user)
    body = client.get(CALLS).content.decode()
    assert 'href="/en/funds/calls/?agency=agency-a" data-own-agency="agency-a"' in body
    assert "data-own-agency" not in client.get(f"{CALLS}?agency=agency-a").content.decode()


def test_call_page_lists_the_eligible_agencies_with_reasons_and_no_contact(
    client, agency_a, agency_b, contact_a, contact_b, for_ministries, for_universities_in_az
):
    university = factories.AgencyFactory(slug="az-university", kind="university", country="AZ")
    open_call = call(for_ministries, "Open", in_days(9), budget=Decimal("1000000"), currency="KRW")
    response = client.get(f"/en/funds/calls/{open_call.pk}/")
    body = response.content.decode()
    assert [agency.slug for agency, _e in response.context["eligible"]] == ["agency-a", "agency-b"]
    assert 'data-agency="agency-a"' in body and 'data-agency="az-university"' not in body
    assert 'data-reason="agency_kind"' in body
    assert contact_a.email not in body and contact_b.email not in body and contact_a.name not in body
    with translation.override("en"):
        assert "1,000,000 KRW" in body  # no decimals in won

    campus = call(for_universities_in_az, "Campus", in_days(9))
    response = client.get(f"/en/funds/calls/{campus.pk}/")
    assert [agency.slug for agency, _e in response.context["eligible"]] == [university.slug]


def test_closed_and_cancelled_calls_still_have_a_page_without_eligible_agencies(client, agency_a, for_ministries):
    for past in (call(for_ministries, "Past", in_days(-3)), call(for_ministries, "Off", in_days(3), state="cancelled")):
        response = client.get(f"/en/funds/calls/{past.pk}/")
        assert response.status_code == 200
        assert response.context["is_open"] is False
        assert 'id="eligible-agencies"' not in response.content.decode()
    assert client.get("/en/funds/calls/999999/").status_code == 404


# --- The grants inventory -------------------------------------------------------------------------------


@pytest.fixture
def inventory(agency_a, agency_b, koica, for_ministries):
    bank = factories.FunderFactory(slug="world-bank", name="WORLD-BANK", kind="multilateral")
    published = factories.ProjectFactory(agency=agency_a, slug="e-gov-centre", published=True)
    secret = factories.ProjectFactory(agency=agency_a, slug="secret-draft", title="Gizli taslak", title_en="Secret")
    return {
        "a_koica": grant(
            agency_a,
            koica,
            "3700000",
            "USD",
            dt.date(2013, 4, 18),
            programme=for_ministries,
            project=published,
            duration_months=24,
            source_url="https://koica.example/az",
        ),
        "a_bank": grant(agency_a, bank, "250000.50", "EUR", dt.date(2020, 6, 1), project=secret),
        "b_koica": grant(agency_b, koica, "1200000", "USD", dt.date(2020, 9, 1)),
        "b_won": grant(agency_b, koica, "500000000", "KRW", None),
        "a_draft": grant(agency_a, koica, "11", "USD", dt.date(2020, 1, 1), ReviewState.DRAFT),
        "a_submitted": grant(agency_a, bank, "12", "EUR", dt.date(2020, 1, 1), ReviewState.SUBMITTED),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"a_koica", "a_bank", "b_koica", "b_won"}),
        ("funder=koica", {"a_koica", "b_koica", "b_won"}),
        ("programme=koica-egov", {"a_koica"}),
        ("agency=agency-b", {"b_koica", "b_won"}),
        ("country=AZ", {"b_koica", "b_won"}),
        ("year=2020", {"a_bank", "b_koica"}),
        ("currency=USD", {"a_koica", "b_koica"}),
        ("currency=USD&amount_min=2000000", {"a_koica"}),
        ("currency=USD&amount_max=2000000", {"b_koica"}),
        ("funder=koica&year=2020&currency=USD", {"b_koica"}),
    ],
)
def test_grants_filters(client, inventory, query, expected):
    response = client.get(f"{GRANTS}?{query}")
    assert response.status_code == 200
    assert set(page_ids(response)) == {inventory[key].pk for key in expected}


@pytest.mark.parametrize(
    ("query", "field"),
    [("year=soon", "year"), ("currency=XYZ", "currency"), ("funder=nobody", "funder"), ("amount_min=-1", "amount_min")],
)
def test_bad_grant_filter_is_a_field_error_with_no_rows_and_no_download(client, inventory, query, field):
    response = client.get(f"{GRANTS}?{query}")
    assert response.context["filter"].form.errors.keys() == {field}
    assert page_ids(response) == []
    assert client.get(f"{GRANTS}?{query}&format=csv")["Content-Type"].startswith("text/html")


def test_drafts_and_submitted_grants_are_never_public(client, contact_a, wg_admin, inventory):
    hidden = {inventory["a_draft"].pk, inventory["a_submitted"].pk}
    for user in (None, contact_a.user, wg_admin):
        if user is not None:
            client.force_login(user)
        response = client.get(GRANTS)
        assert not hidden & set(page_ids(response))
        body = response.content.decode()
        assert not any(f'data-grant="{pk}"' in body for pk in hidden)
        for page in ("/en/agencies/agency-a/", "/en/funds/funders/koica/", "/en/funds/programmes/koica-egov/"):
            page_body = client.get(page).content.decode()
            assert not any(f'data-grant="{pk}"' in page_body for pk in hidden), page
    assert len(csv_rows(client.get(f"{GRANTS}?format=csv"))) == 1 + 4


def test_unpublished_project_is_not_named(client, inventory):
    body = client.get(GRANTS).content.decode()
    assert 'href="/en/projects/e-gov-centre/"' in body
    assert "secret-draft" not in body and "Gizli taslak" not in body
    assert "Gizli taslak" not in client.get(f"{GRANTS}?format=csv").content.decode()
    assert "Secret" not in client.get(f"{GRANTS}?format=csv").content.decode()


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("query", ["", "funder=koica", "agency=agency-b", "year=2020&currency=USD", "currency=EUR"])
def test_csv_and_xlsx_have_exactly_the_filtered_rows(client, inventory, query):
    shown = client.get(f"{GRANTS}?{query}").context["page"].object_list
    expected = [(g.funder.slug, Decimal(g.amount), g.currency) for g in shown]

    rows = csv_rows(client.get(f"{GRANTS}?{query}&format=csv"))
    header = rows[0]
    assert {"funder", "amount", "currency", "recipient_agency"} <= set(header)
    got = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [(row["funder"], Decimal(row["amount"]), row["currency"]) for row in got] == expected

    response = client.get(f"{GRANTS}?{query}&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == header
    named = [
        dict(zip(header, row, strict=False)) for row in cells[1:]
    ]  # a read-only sheet drops empty cells at the end
    assert [(row["funder"], Decimal(str(row["amount"])), row["currency"]) for row in named] == expected


def test_download_ignores_the_page_number(client, agency_a, koica):
    for n in range(25):
        grant(agency_a, koica, str(1000 + n), "USD", dt.date(2000 + n % 20, 1, 1))
    assert len(client.get(f"{GRANTS}?page=2").context["page"].object_list) == 5
    assert len(csv_rows(client.get(f"{GRANTS}?page=2&format=csv"))) == 1 + 25
    body = client.get(f"{GRANTS}?currency=USD&page=2").content.decode()
    assert 'href="?currency=USD&amp;format=csv"' in body


def test_totals_per_currency_are_never_summed_together(client, inventory):
    totals = selectors.grant_totals(selectors.grants_inventory())
    assert [(t.currency, t.count, t.total) for t in totals.per_currency] == [
        ("EUR", 1, Decimal("250000.50")),
        ("KRW", 1, Decimal("500000000")),
        ("USD", 2, Decimal("4900000")),
    ]
    # Per year and currency; the grant without a signing date is in its currency's total only.
    assert [(t.currency, t.year, t.count, t.total) for t in totals.per_year] == [
        ("EUR", 2020, 1, Decimal("250000.50")),
        ("USD", 2013, 1, Decimal("3700000")),
        ("USD", 2020, 1, Decimal("1200000")),
    ]

    response = client.get(GRANTS)
    body = response.content.decode()
    assert re.search(r'<tr data-currency="USD" data-total="4900000(\.00)?">', body)
    assert re.search(r'<tr data-currency="EUR" data-total="250000\.50">', body)
    assert 'data-chart="years-USD"' in body and 'data-chart="years-EUR"' in body
    assert 'data-chart="years-KRW"' not in body  # no dated KRW grant: no chart of years
    assert re.search(r'<tr data-year="2020" data-total="1200000(\.00)?">', body)
    # Each year of the table links to the inventory lines it sums.
    assert 'href="/en/funds/grants/?year=2020&amp;currency=USD"' in body

    # The totals follow the filters.
    filtered = client.get(f"{GRANTS}?agency=agency-b").content.decode()
    assert re.search(r'<tr data-currency="USD" data-total="1200000(\.00)?">', filtered)
    assert 'data-currency="EUR" data-total' not in filtered
    assert 'href="/en/funds/grants/?agency=agency-b&amp;year=2020&amp;currency=USD"' in filtered


def test_totals_take_a_constant_number_of_queries(django_assert_num_queries, inventory):
    with django_assert_num_queries(2):
        selectors.grant_totals(selectors.grants_inventory())


# --- Sections of the agency profile and the project page ------------------------------------------------


def test_agency_profile_lists_its_grants_and_the_calls_it_could_apply_to(client, agency_a, inventory, for_ministries):
    open_call = call(for_ministries, "Open", in_days(9))
    response = client.get("/en/agencies/agency-a/")
    body = response.content.decode()
    assert f'data-grant="{inventory["a_koica"].pk}"' in body and f'data-grant="{inventory["a_bank"].pk}"' in body
    assert f'data-grant="{inventory["b_koica"].pk}"' not in body
    assert 'href="/en/funds/grants/?agency=agency-a"' in body
    section = body[body.index('id="calls-it-could-apply-to"') :]
    assert f'data-call="{open_call.pk}"' in section
    assert 'data-reason="agency_kind"' in section
    assert 'href="/en/funds/calls/?agency=agency-a"' in section


def test_project_page_lists_its_published_grants(client, agency_a, inventory):
    body = client.get("/en/projects/e-gov-centre/").content.decode()
    assert 'id="project-grants"' in body
    assert f'data-grant="{inventory["a_koica"].pk}"' in body
    other = factories.ProjectFactory(published=True)
    assert 'id="project-grants"' not in client.get(f"/en/projects/{other.slug}/").content.decode()


# --- Languages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["funds/", "funds/calls/", "funds/grants/", "funds/programmes/koica-egov/"])
def test_persian_pages_are_right_to_left(client, inventory, for_ministries, path):
    call(for_ministries, "Open", in_days(9, "Asia/Seoul"), tz="Asia/Seoul")
    response = client.get(f"/fa/{path}")
    assert response.status_code == 200
    assert re.search(r'<html lang="fa" dir="rtl">', response.content.decode())
