"""The results award_inventory as XLSX: the page's download of the filtered lines and `export_inventory --format xlsx`,
with the same header and rows as the CSV, numbers as numbers and no text ever a formula."""

import csv
import datetime as dt
import decimal
import io
import zipfile
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from awards import selectors
from awards.filters import ResultFilter
from awards.models import AwardResult
from portal import imports
from tests import factories

RESULTS = "/en/awards/results/"


def xlsx_rows(content: bytes) -> list[list]:
    """The cells of the workbook's one sheet, empty cells as ""."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    [sheet] = workbook.worksheets
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def as_text(rows: list[list]) -> list[list[str]]:
    return [[str(value) for value in row] for row in rows]


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode())))


@pytest.mark.parametrize(
    "query", ["", "programme=wsis-prizes", "agency=agency-a", "year_min=2025&category=C4", "outcome=gold"]
)
def test_xlsx_has_exactly_the_filtered_rows_of_the_csv(client, award_inventory, query):
    response = client.get(f"{RESULTS}?{query}&format=xlsx")
    if query == "outcome=gold":
        # A bad filter is not a download of everything: the page with its error, as for the CSV.
        assert response["Content-Type"].startswith("text/html")
        assert response.context["filter"].form.errors.keys() == {"outcome"}
        return
    assert response.status_code == 200
    assert response["Content-Type"] == imports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="award-results.xlsx"'
    rows = xlsx_rows(response.content)
    assert as_text(rows) == csv_rows(client.get(f"{RESULTS}?{query}&format=csv").content)
    # …and to the database: the filter's lines, the exporter's rows.
    filterset = ResultFilter(client.get(f"{RESULTS}?{query}").wsgi_request.GET, queryset=AwardResult.objects.all())
    assert filterset.is_valid()
    exporter = selectors.PublicResultExporter()
    expected = list(exporter.rows(selectors.results_inventory_page().filter(pk__in=filterset.qs.values("pk"))))
    assert rows[0] == list(exporter.columns)
    assert [tuple(row) for row in rows[1:]] == expected
    assert all(isinstance(row[1], int) for row in rows[1:])  # the edition's year is a number


def test_the_draft_project_is_not_named_in_the_xlsx(client, award_inventory):
    rows = xlsx_rows(client.get(f"{RESULTS}?outcome=champion&format=xlsx").content)
    assert len(rows) == 2 and rows[1][5] == ""
    assert "Gizli taslak" not in str(xlsx_rows(client.get(f"{RESULTS}?format=xlsx").content))


def test_the_download_links_keep_the_filters(client, award_inventory):
    body = client.get(f"{RESULTS}?programme=unpsa&page=1").content.decode()
    assert 'href="?programme=unpsa&amp;format=csv"' in body
    assert 'href="?programme=unpsa&amp;format=xlsx"' in body


def test_a_formula_looking_cell_stays_text(client, award_inventory, agency_b):
    formulas = ['=HYPERLINK("https://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "#N/A"]
    agency_b.name_en = formulas[0]
    agency_b.save()
    edition = factories.AwardEditionFactory(year=2023)
    for text in formulas[1:]:
        project = factories.ProjectFactory(agency=agency_b, title_en=text, published=True)
        factories.award_result(edition, agency_b, None, "nominee", project=project)
    content = client.get(f"{RESULTS}?agency=agency-b&format=xlsx").content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for row in workbook.active.iter_rows(min_row=2) for cell in row[3:6:2]]
    assert {cell.value for cell in cells} >= set(formulas)
    assert {cell.data_type for cell in cells if cell.value in formulas} == {"s"}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read(next(name for name in archive.namelist() if name.startswith("xl/worksheets/")))
    assert b"<f>" not in sheet and b"<f " not in sheet  # no formula anywhere in the sheet
    assert b't="e"' not in sheet  # nor an error cell


@pytest.mark.pure
def test_values_keep_their_type():
    instant = dt.datetime(2026, 3, 15, 22, 59, tzinfo=dt.UTC)
    out = io.BytesIO()
    rows = [(dt.date(2013, 4, 18), instant, decimal.Decimal("3700000.50"), 7, None, "text\x07bell")]
    with timezone.override(ZoneInfo("Europe/Zurich")):
        assert imports.write_xlsx_rows(("signed_on", "due_at", "amount", "n", "empty", "note"), rows, out) == 1
    [header, row] = xlsx_rows(out.getvalue())
    assert header == ["signed_on", "due_at", "amount", "n", "empty", "note"]
    assert row[0].date() == dt.date(2013, 4, 18)  # a date cell (openpyxl reads every date cell as a datetime)
    # An instant: the wall-clock time of the active zone, 23:59 in Geneva.
    assert row[1] == instant.astimezone(ZoneInfo("Europe/Zurich")).replace(tzinfo=None)
    assert row[1].hour == 23
    assert row[2] == pytest.approx(3700000.5)
    assert row[3:5] == [7, ""]
    assert row[5] == "text\N{REPLACEMENT CHARACTER}bell"  # a control character cannot be stored


def test_the_download_reads_in_a_constant_number_of_queries(client, django_assert_max_num_queries):
    def lines(n: int) -> None:
        edition = factories.AwardEditionFactory()
        for _ in range(n):
            project = factories.ProjectFactory(published=True)
            factories.award_result(edition, project.agency, "C4", project=project)

    lines(3)
    with django_assert_max_num_queries(6) as few:
        assert len(xlsx_rows(client.get(f"{RESULTS}?format=xlsx").content)) == 1 + 3
    lines(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(xlsx_rows(client.get(f"{RESULTS}?format=xlsx").content)) == 1 + 30


def test_the_command_writes_xlsx(tmp_path, award_inventory):
    csv_file, xlsx_file = tmp_path / "out.csv", tmp_path / "out.xlsx"
    call_command("export_inventory", "award-results", "-o", str(csv_file))
    call_command("export_inventory", "award-results", "--format", "xlsx", "-o", str(xlsx_file))
    rows = xlsx_rows(xlsx_file.read_bytes())
    assert as_text(rows) == list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    exporter = imports.EXPORTERS["award-results"]()
    assert [tuple(row) for row in rows[1:]] == list(exporter.rows(exporter.queryset()))
    assert len(rows) == 1 + len(award_inventory)  # a dict of the four lines
    with pytest.raises(CommandError, match="--output"):
        call_command("export_inventory", "award-results", "--format", "xlsx")
