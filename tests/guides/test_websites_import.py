"""`import_inventory english-websites`: agencies' published entries (agency, url, state), all or nothing, every
error named by line and column; the same file twice changes nothing; an export imports again unchanged."""

import io

import pytest
from django.core.management import call_command

from portal import imports
from portal.models import Agency, EnglishWebsiteState

HEADER = "agency,url,state\n"
GOOD = "agency-a,https://a.example/en/,current\nAgency B,,\n"


def run(lines: str, header: str = HEADER, **options):
    return imports.run_import("english-websites", io.StringIO(header + lines), **options)


def test_a_good_file_sets_the_entries(agency_a, agency_b):
    agency_b.english_website_url = "https://b.example/old/"
    agency_b.save()
    report = run(GOOD)
    assert report.ok, report.errors
    assert report.counts == {"created": 0, "updated": 2, "unchanged": 0}
    entries = dict(Agency.objects.values_list("slug", "english_website_url"))
    assert entries == {"agency-a": "https://a.example/en/", "agency-b": ""}
    assert Agency.objects.get(slug="agency-b").english_website_state == EnglishWebsiteState.NONE
    assert run(GOOD).counts == {"created": 0, "updated": 0, "unchanged": 2}


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("no-such-agency,https://x.example/,current", "agency"),
        ("agency-b,ftp://b.example/,current", "url"),
        ("agency-b,javascript:alert(1),current", "url"),
        ("agency-b,https://b.example/,splendid", "state"),
        ("agency-b,,current", "state"),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_nothing_is_written(agency_a, agency_b, row, column):
    report = run("agency-a,https://a.example/en/,current\n" + row + "\n")
    assert not report.ok
    assert [(error.line, error.column) for error in report.errors] == [(3, column)]
    assert set(Agency.objects.values_list("english_website_url", flat=True)) == {""}


def test_the_command_reads_a_file_and_an_export_imports_again_unchanged(agency_a, agency_b, tmp_path):
    path = tmp_path / "websites.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    call_command("import_inventory", "english-websites", str(path), stdout=io.StringIO())
    assert Agency.objects.get(slug="agency-a").english_website_state == EnglishWebsiteState.CURRENT
    exporter = imports.EXPORTERS["english-websites"]()
    out = io.StringIO()
    assert imports.write_csv(exporter, exporter.queryset(), out) == 2
    report = imports.run_import("english-websites", io.StringIO(out.getvalue()))
    assert report.ok, report.errors
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 2}
