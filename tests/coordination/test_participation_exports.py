"""The coverage report's CSV and XLSX downloads: the same agencies and figures as the page, with its filters, and a
name that looks like a formula stays text."""

import csv
import io

import pytest
from openpyxl import load_workbook

from coordination.circulars.models import RecipientState
from coordination.participation import views
from portal.models import Agency, ProjectListing
from tests import factories
from tests.factories import in_days

URL = "/en/coordination/coverage/"
FORMULA = '=HYPERLINK("https://evil.example","click")'


@pytest.fixture
def admin_client(client):
    client.force_login(factories.admin_user(email="wg@portal.example"))
    return client


@pytest.fixture
def agencies():
    evil = factories.AgencyFactory(slug="a-evil", name=FORMULA, name_en=FORMULA, email="info@evil.example")
    kept = factories.AgencyFactory(slug="b-kept", kind=Agency.Kind.UNIVERSITY, country="KG")
    factories.ContactFactory(agency=kept)
    letter = factories.coverage_circular(reply_due_on=in_days(-1, "Asia/Bishkek"), tz="Asia/Bishkek", sender=kept)
    factories.circular_recipient(letter, evil)
    factories.circular_recipient(letter, kept, RecipientState.ANSWERED, late=True)
    project = factories.ProjectFactory(agency=kept, published=True)
    ProjectListing.objects.create(project=project, portal="wsis_stocktaking", url="https://wsis.example/b")
    factories.agency_invitation(evil, days_ago=3)
    return {"evil": evil, "kept": kept}


def page_rows(client, query: str) -> list[tuple]:
    """The page's agencies as the downloads' lines (every agency fits on one page here)."""
    response = client.get(URL + query)
    assert response.status_code == 200
    return list(views.rows(response.context["page"]))


def csv_lines(client, query: str) -> tuple[list[str], list[list[str]]]:
    response = client.get(URL + "coverage.csv" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *lines = csv.reader(io.StringIO(response.content.decode()))
    return header, lines


def as_csv(row: tuple) -> list[str]:
    return ["" if value is None else str(value) for value in row]


@pytest.mark.parametrize("query", ["", "?kind=university", "?without_contact=on", "?country=KG&kind=ministry"])
def test_the_csv_has_the_pages_rows(admin_client, agencies, query):
    header, lines = csv_lines(admin_client, query)
    assert header == list(views.COLUMNS)
    expected = [as_csv(row) for row in page_rows(admin_client, query)]
    quoted = [[("'" + cell if cell == FORMULA else cell) for cell in line] for line in expected]
    assert lines == quoted


def test_the_csv_counts_match_the_data(admin_client, agencies):
    header, lines = csv_lines(admin_client, "")
    by_slug = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
    kept = by_slug["b-kept"]
    assert (kept["confirmed_contacts"], kept["circulars_late"], kept["portal_listings"]) == ("1", "1", "1")
    assert (kept["kind"], kept["country"], kept["published_projects"]) == ("university", "KG", "1")
    evil = by_slug["a-evil"]
    assert (evil["confirmed_contacts"], evil["circulars_not_answered"], evil["email"]) == (
        "0",
        "1",
        "info@evil.example",
    )
    assert evil["invited_at"]


def test_a_name_that_looks_like_a_formula_is_quoted_in_the_csv_and_text_in_the_xlsx(admin_client, agencies):
    header, lines = csv_lines(admin_client, "?without_contact=on")
    names = [line[header.index("name")] for line in lines]
    assert names == ["'" + FORMULA]

    response = admin_client.get(URL + "coverage.xlsx?without_contact=on")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    [title, *cells] = list(sheet.iter_rows())
    assert [cell.value for cell in title] == list(views.COLUMNS)
    [row] = cells
    name = row[list(views.COLUMNS).index("name")]
    assert name.value == FORMULA
    assert name.data_type == "s"  # text, never a formula


def test_the_xlsx_has_the_pages_rows(admin_client, agencies):
    response = admin_client.get(URL + "coverage.xlsx?kind=university")
    sheet = load_workbook(io.BytesIO(response.content)).active
    [_title, *cells] = [[cell.value for cell in row] for row in sheet.iter_rows()]
    expected = [
        [None if value == "" else value for value in row] for row in page_rows(admin_client, "?kind=university")
    ]
    assert cells == expected
