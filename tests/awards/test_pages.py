"""The awards pages: programmes, a programme, an edition, the results award_inventory and its CSV download."""

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from awards import selectors
from awards.models import Outcome
from tests import factories

RESULTS = "/en/awards/results/"


def page_ids(response) -> list[int]:
    return [line.pk for line in response.context["page"].object_list]


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- The results award_inventory ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"a_2024", "a_2025", "b_2025", "b_unpsa"}),
        ("programme=wsis-prizes", {"a_2024", "a_2025", "b_2025"}),
        ("programme=unpsa", {"b_unpsa"}),
        ("year_min=2025", {"a_2025", "b_2025", "b_unpsa"}),
        ("year_max=2024", {"a_2024"}),
        ("category=c4", {"a_2024", "b_2025"}),
        ("agency=agency-b", {"b_2025", "b_unpsa"}),
        ("country=AZ", {"b_2025", "b_unpsa"}),
        ("outcome=champion", {"a_2025"}),
        ("action_line=C7", {"a_2025"}),
        ("programme=wsis-prizes&year_min=2025&outcome=finalist", {"b_2025"}),
    ],
)
def test_results_filters(client, award_inventory, query, expected):
    response = client.get(f"{RESULTS}?{query}")
    assert response.status_code == 200
    assert set(page_ids(response)) == {award_inventory[key].pk for key in expected}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year_min=soon", "year_min"),
        ("year_max=1800", "year_max"),
        ("outcome=gold", "outcome"),
        ("programme=no-such", "programme"),
        ("agency=nobody", "agency"),
        ("action_line=C99", "action_line"),
        ("sdg=18", "sdg"),
    ],
)
def test_bad_filter_shows_a_field_error_and_no_results(client, award_inventory, query, field):
    response = client.get(f"{RESULTS}?{query}")
    assert response.status_code == 200
    assert response.context["filter"].form.errors.keys() == {field}
    assert page_ids(response) == []
    assert f'id="id_{field}_error"' in response.content.decode()
    # A CSV asked with a bad filter is not a download of everything: the page with its error.
    bad_csv = client.get(f"{RESULTS}?{query}&format=csv")
    assert bad_csv["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("query", ["", "programme=wsis-prizes", "agency=agency-a", "year_min=2025&category=C4"])
def test_csv_has_exactly_the_filtered_rows(client, award_inventory, query):
    page = client.get(f"{RESULTS}?{query}")
    rows = csv_rows(client.get(f"{RESULTS}?{query}&format=csv"))
    exporter = selectors.PublicResultExporter()
    assert rows[0] == list(exporter.columns)
    shown = page.context["page"].object_list
    expected = [
        [line.edition.programme.slug, str(line.edition.year), line.category.code if line.category else ""]
        for line in shown
    ]
    assert [row[:3] for row in rows[1:]] == expected
    assert [row[6] for row in rows[1:]] == [line.outcome for line in shown]
    assert [row[7] for row in rows[1:]] == [line.evidence_url for line in shown]


def test_csv_ignores_the_page_number(client, award_inventory):
    for n in range(25):
        factories.award_result(factories.AwardEditionFactory(year=1995 + n), factories.AgencyFactory(), "C4")
    assert len(client.get(f"{RESULTS}?page=2").context["page"].object_list) == 29 - 20
    assert len(csv_rows(client.get(f"{RESULTS}?page=2&format=csv"))) == 1 + 29


def test_published_project_is_linked_and_draft_is_not_named(client, award_inventory):
    body = client.get(RESULTS).content.decode()
    assert 'href="/en/projects/open-data/"' in body
    assert 'href="/en/agencies/agency-a/"' in body
    assert "secret-draft" not in body and "Gizli taslak" not in body
    rows = csv_rows(client.get(f"{RESULTS}?outcome=champion&format=csv"))
    assert len(rows) == 2 and rows[1][5] == ""
    assert "Gizli taslak" not in client.get(f"{RESULTS}?format=csv").content.decode()


def test_download_link_keeps_the_filters(client, award_inventory):
    body = client.get(f"{RESULTS}?programme=unpsa&page=1").content.decode()
    assert 'href="?programme=unpsa&amp;format=csv"' in body


def test_no_personal_data_on_the_awards_pages(client, award_inventory, contact_a, contact_b):
    edition = award_inventory["a_2024"].edition
    for url in (
        RESULTS,
        f"{RESULTS}?format=csv",
        "/en/awards/",
        "/en/awards/wsis-prizes/",
        f"/en/awards/editions/{edition.pk}/",
    ):
        body = client.get(url).content.decode()
        for contact in (contact_a, contact_b):
            assert contact.email not in body, url
            assert contact.name not in body, url


@pytest.mark.parametrize("lang", ["fa", "tr"])
def test_inventory_in_persian_and_turkish(client, award_inventory, lang):
    response = client.get(f"/{lang}/awards/results/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'lang="{lang}"' in body
    assert ('dir="rtl"' in body) == (lang == "fa")
    assert len(page_ids(response)) == 4
    # Every column and filter label is rendered from that language's catalogue (and the catalogue has it).
    labels = ["Award results", "Programme", "Year", "Category", "Agency", "Project", "Outcome", "From year", "SDG"]
    with translation.override(lang):
        for label in labels:
            translated = gettext(label)
            assert translated != label, label
            assert html.escape(translated) in body, label
        outcomes = {gettext(str(label)) for label in Outcome.labels}
    assert outcomes & set(re.findall(r"<td>([^<]+)</td>", body)), "outcomes are shown in the page's language"


# --- Programmes and editions --------------------------------------------------------------------------


@pytest.fixture
def upcoming():
    """A WSIS edition whose nomination deadline (17:00 Geneva time) is still ahead."""
    return factories.AwardEditionFactory(
        year=2099, nomination_deadline=dt.date(2099, 3, 15), nomination_deadline_time=dt.time(17, 0)
    )


@pytest.mark.clock
def test_programme_list_shows_the_next_deadline_in_both_zones(client, upcoming):
    response = client.get("/en/awards/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="/en/awards/wsis-prizes/"' in body and 'href="/en/awards/unpsa/"' in body
    assert f'href="/en/awards/editions/{upcoming.pk}/"' in body
    rows = dict(response.context["rows"])
    deadline = rows[upcoming.programme]
    assert deadline.source == upcoming
    assert deadline.due_at == dt.datetime(2099, 3, 15, 16, 0, tzinfo=dt.UTC)
    assert "5 p.m." in body  # Geneva
    assert "7 p.m." in body  # Istanbul, the portal's zone
    assert "days left" in body


def test_viewer_zone_is_the_contacts(client_a, contact_a, upcoming):
    contact_a.time_zone = "Asia/Tehran"
    contact_a.save()
    body = client_a.get("/en/awards/").content.decode()
    assert "In your time zone" in body
    assert "7:30 p.m." in body  # 16:00 UTC in Tehran (no daylight saving time)


@pytest.mark.clock
def test_programme_detail(client, award_inventory, upcoming):
    response = client.get("/en/awards/wsis-prizes/")
    body = response.content.decode()
    assert response.status_code == 200
    categories = list(response.context["categories"])
    assert len(categories) == 18
    assert "C7-E-government" in body and "ICT Applications: E-government" in body and "C7.1" in body
    years = [edition.year for edition in response.context["editions"]]
    assert years == sorted(years, reverse=True) and {2099, 2025, 2024} <= set(years)
    assert response.context["next_deadline"].source == upcoming
    assert response.context["results_count"] == 3
    assert 'href="/en/awards/results/?programme=wsis-prizes"' in body
    assert "Gizli taslak" not in body


def test_unknown_programme_and_edition_are_404(client):
    assert client.get("/en/awards/no-such/").status_code == 404
    assert client.get("/en/awards/editions/999999/").status_code == 404


@pytest.mark.clock
def test_edition_detail(client, award_inventory, upcoming):
    body = client.get(f"/en/awards/editions/{upcoming.pk}/").content.decode()
    assert "5 p.m." in body and "7 p.m." in body and "days left" in body
    past = award_inventory["a_2024"].edition
    response = client.get(f"/en/awards/editions/{past.pk}/")
    assert "Closed" in response.content.decode()
    assert [line.pk for line in response.context["results"]] == [award_inventory["a_2024"].pk]
