"""Distribution lists as CSV (`import_inventory distribution-lists`): lists found by slug or added with their name,
agencies by slug, acronym or name in any language, all rows or none, errors named by line and column, dry runs, the
command, and export = import."""

import io

import pytest
from django.core.management import CommandError, call_command

from coordination.circulars.models import DistributionList
from portal import imports
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "list,name_tr,name_en,agency\n"


@pytest.fixture
def agencies():
    return {
        "btk": factories.AgencyFactory(slug="btk", acronym="BTK", name="Bilgi Teknolojileri Kurumu", name_en="ICTA"),
        "health": factories.AgencyFactory(slug="saglik", name="Sağlık Bakanlığı", name_en="Ministry of Health"),
        "justice": factories.AgencyFactory(slug="adalet", name="Adalet Bakanlığı", name_en="Ministry of Justice"),
    }


def run(lines: str, header: str = HEADER, **options):
    return imports.run_import("distribution-lists", io.StringIO(header + lines), **options)


def members() -> dict[str, set[str]]:
    return {
        listed.slug: set(listed.agencies.values_list("slug", flat=True))
        for listed in DistributionList.objects.prefetch_related("agencies")
    }


def errors(report) -> list[tuple[int, str]]:
    return [(error.line, error.column) for error in report.errors]


GOOD = (
    "ministries,Bakanlıklar ve Cumhurbaşkanlığı,Ministries and presidencies,BTK\n"
    "ministries,,,Ministry of Health\n"
    "ministries,,,adalet bakanligi\n"
    "cluster-14,Küme 14,Cluster 14,saglik\n"
)


def test_a_file_adds_lists_with_their_names_and_agencies(agencies):
    report = run(GOOD)
    assert report.ok, report.errors
    assert report.counts == {"created": 4, "updated": 0, "unchanged": 0}
    assert members() == {"ministries": {"btk", "saglik", "adalet"}, "cluster-14": {"saglik"}}
    listed = DistributionList.objects.get(slug="ministries")
    assert (listed.name_tr, listed.name_en) == ("Bakanlıklar ve Cumhurbaşkanlığı", "Ministries and presidencies")


def test_importing_again_changes_nothing_and_a_known_list_gets_more_agencies(agencies):
    run(GOOD)
    again = run(GOOD)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 4}
    factories.DistributionListFactory(slug="universities", agencies=[agencies["btk"]])
    report = run("universities,,,saglik\nuniversities,,,btk\n")
    assert report.counts == {"created": 1, "updated": 0, "unchanged": 1}
    assert members()["universities"] == {"btk", "saglik"}


def test_a_name_given_renames_a_known_list(agencies):
    run(GOOD)
    report = run("cluster-14,Küme 14 (yeni),,saglik\n")
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0}
    listed = DistributionList.objects.get(slug="cluster-14")
    assert (listed.name_tr, listed.name_en) == ("Küme 14 (yeni)", "Cluster 14")


def test_a_dry_run_checks_everything_and_writes_nothing(agencies):
    report = run(GOOD, dry_run=True)
    assert report.ok and not report.written
    assert report.counts["created"] == 4
    assert not DistributionList.objects.exists()


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("ministries,Bakanlıklar,Ministries,Ministry of Finance\n", "agency"),  # not an agency of the portal
        ("bad slug!,Bakanlıklar,Ministries,btk\n", "list"),
        ("new-list,,,btk\n", "name_tr"),  # a new list needs its name
        ("ministries,Bakanlıklar,Ministries,\n", "agency"),
        ("ministries," + "x" * 201 + ",Ministries,btk\n", "name_tr"),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_nothing_is_written(agencies, line, column):
    report = run("cluster-14,Küme 14,Cluster 14,saglik\n" + line)
    assert errors(report) == [(3, column)]
    assert not DistributionList.objects.exists()


def test_a_list_named_two_ways_and_an_agency_twice_are_refused(agencies):
    report = run(
        "ministries,Bakanlıklar,Ministries,btk\n"
        "ministries,Bakanlıklar,Other ministries,saglik\n"
        "ministries,,,ICTA\n"  # BTK again, by its English name
    )
    assert errors(report) == [(3, "name_en"), (4, "agency")]
    assert "2" in report.errors[1].message
    assert not DistributionList.objects.exists()


def test_an_ambiguous_agency_names_the_candidates(agencies):
    factories.AgencyFactory(slug="saglik-az", name="Sağlık Bakanlığı", name_en="Ministry of Health", country="AZ")
    report = run("ministries,Bakanlıklar,Ministries,Ministry of Health\n")
    assert errors(report) == [(2, "agency")]
    assert "AZ" in report.errors[0].message


def test_the_command(tmp_path, capsys, agencies):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + GOOD + "cluster-14,,,Nowhere Agency\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported: 1 errors"):
        call_command("import_inventory", "distribution-lists", str(bad))
    [error] = capsys.readouterr().err.splitlines()
    assert "6" in error and "“agency”" in error
    good = tmp_path / "good.csv"
    good.write_text(HEADER + GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_inventory", "distribution-lists", str(good), "--dry-run", stdout=out)
    assert "4 created" in out.getvalue()
    assert not DistributionList.objects.exists()
    call_command("import_inventory", "distribution-lists", str(good), stdout=out)
    assert members() == {"ministries": {"btk", "saglik", "adalet"}, "cluster-14": {"saglik"}}


def test_the_export_imports_again_unchanged(tmp_path, agencies):
    run(GOOD)
    target = tmp_path / "out.csv"
    call_command("export_inventory", "distribution-lists", "--output", str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER.strip()
    assert lines[1] == "cluster-14,Küme 14,Cluster 14,saglik"
    assert len(lines) == 5
    with imports.open_text(str(target)) as stream:
        report = imports.run_import("distribution-lists", stream)
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 4}
