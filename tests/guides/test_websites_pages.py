"""The English-websites report: every agency's state, address and last check, counts and a chart per kind,
filters, the link to the published English-website guide (none when it is missing or a draft), CSV/XLSX
downloads with the same filters (formula-safe), and query counts that do not grow with the agencies."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from guides.websites.models import WebsiteCheck
from portal.models import Agency, EnglishWebsiteState, ReviewState
from tests import factories

URL = "/en/guides/english-websites/"


@pytest.fixture
def agencies():
    ministry = factories.AgencyFactory(
        slug="x-ministry",
        kind=Agency.Kind.MINISTRY,
        country="TR",
        english_website_url="https://ministry.example/en",
        english_website_state=EnglishWebsiteState.CURRENT,
        english_website_checked_on=dt.date(2026, 11, 2),
    )
    old = factories.AgencyFactory(
        slug="y-ministry",
        kind=Agency.Kind.MINISTRY,
        country="AZ",
        english_website_url="https://old.example/en",
        english_website_state=EnglishWebsiteState.OUTDATED,
    )
    university = factories.AgencyFactory(slug="z-university", kind=Agency.Kind.UNIVERSITY, country="TR")
    WebsiteCheck.objects.create(
        agency=old, url=old.english_website_url, checked_at=timezone.now(), status=404, outcome="broken"
    )
    return {"ministry": ministry, "old": old, "university": university}


def rows(response) -> dict[str, str]:
    """agency slug → state, from the page's table."""
    import re

    html = response.content.decode()
    return dict(re.findall(r'data-agency="([^"]+)">.*?data-state="([^"]*)"', html, re.S))


def test_the_report_shows_every_agency_with_counts_and_a_chart(client, agencies):
    response = client.get(URL)
    assert response.status_code == 200
    assert rows(response) == {"x-ministry": "current", "y-ministry": "outdated", "z-university": "none"}
    html = response.content.decode()
    assert 'data-kind="ministry" data-current="1" data-outdated="1" data-none="0"' in html
    assert 'data-kind="university" data-current="0" data-outdated="0" data-none="1"' in html
    assert 'data-chart="kinds"' in html
    assert 'data-outcome="broken"' in html
    assert "https://ministry.example/en" in html
    assert response.context["totals"] == {"current": 1, "outdated": 1, "none": 1}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?state=current", {"x-ministry"}),
        ("?kind=university", {"z-university"}),
        ("?country=AZ", {"y-ministry"}),
        ("?outcome=broken", {"y-ministry"}),
        ("?kind=ministry&state=none", set()),
    ],
)
def test_filters(client, agencies, query, expected):
    assert set(rows(client.get(URL + query))) == expected


def test_a_bad_filter_shows_its_error_and_no_agency(client, agencies):
    response = client.get(URL + "?state=splendid")
    assert response.status_code == 200
    assert response.context["form"].errors["state"]
    assert rows(response) == {}


def test_the_published_checklist_is_linked(client, agencies, monkeypatch):
    from guides.websites import selectors

    factories.GuideFactory(slug="english-website-checklist")
    # The guide's page is the library's; its address here stands for whatever the library routes it to.
    monkeypatch.setattr(selectors, "guide_url", lambda guide: f"/en/guides/{guide.slug}/")
    response = client.get(URL)
    assert response.context["guide"].slug == "english-website-checklist"
    assert 'href="/en/guides/english-website-checklist/" data-guide="english-website-checklist"' in (
        response.content.decode()
    )


@pytest.mark.parametrize("present", ["draft", "missing"])
def test_no_link_to_a_draft_or_missing_guide(client, agencies, present):
    if present == "draft":
        factories.GuideFactory(slug="english-website-checklist", review_state=ReviewState.DRAFT, version=0)
    response = client.get(URL)
    assert response.context["guide"] is None
    assert "data-guide=" not in response.content.decode()


def test_the_page_shows_no_personal_data(client, agencies):
    factories.ContactFactory(agency=agencies["ministry"], email="secret.person@ministry.example")
    html = client.get(URL).content.decode()
    assert "secret.person" not in html


def test_query_counts_do_not_grow_with_the_agencies(client, django_assert_max_num_queries):
    def make(n):
        for i in range(n):
            agency = factories.AgencyFactory(english_website_url=f"https://a{i}.example/en")
            WebsiteCheck.objects.create(
                agency=agency, url=agency.english_website_url, checked_at=timezone.now(), outcome="ok"
            )

    make(3)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
    make(30)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200


def test_the_csv_has_the_filters_rows(client, agencies):
    response = client.get("/en/guides/english-websites/csv/?kind=ministry")
    assert response["Content-Disposition"] == 'attachment; filename="english-websites.csv"'
    lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert lines[0] == ["slug", "name", "kind", "country", "url", "state", "checked_on", "last_outcome", "last_status"]
    assert sorted((line[0], line[5], line[7], line[8]) for line in lines[1:]) == [
        ("x-ministry", "current", "", ""),
        ("y-ministry", "outdated", "broken", "404"),
    ]


def test_a_name_that_looks_like_a_formula_is_quoted_in_the_csv_and_text_in_the_xlsx(client):
    factories.AgencyFactory(slug="formula", name="=1+1", name_en="=1+1")
    lines = list(csv.reader(io.StringIO(client.get("/en/guides/english-websites/csv/").content.decode())))
    assert [line[1] for line in lines[1:]] == ["'=1+1"]
    sheet = load_workbook(io.BytesIO(client.get("/en/guides/english-websites/xlsx/").content)).active
    [name] = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert (name.value, name.data_type) == ("=1+1", "s")
