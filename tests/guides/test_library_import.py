"""Guides' metadata as CSV (`import_inventory guides`): guides found by slug or added as drafts of known agencies,
published when told (a version each), a changed published guide a new version, Markdown sanitised, all rows or
none with errors named by line and column, and export = import."""

import io

import pytest

from guides.library.models import Guide
from portal import imports
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "slug,agency,kind,subtopics,title_tr,title_en,audience,body_en,review_by,state\n"


@pytest.fixture
def agencies():
    return {
        "btk": factories.AgencyFactory(slug="btk", acronym="BTK", name="Bilgi Teknolojileri Kurumu", name_en="ICTA"),
        "soros": factories.AgencyFactory(slug="soros-kg", name="Soros Foundation Kyrgyzstan"),
    }


def run(lines: str, header: str = HEADER, **options):
    return imports.run_import("guides", io.StringIO(header + lines), **options)


def errors(report) -> list[tuple[int, str]]:
    return [(error.line, error.column) for error in report.errors]


GOOD = (
    "wsis-apply,BTK,application_guide,awards;events,WSIS başvurusu,Applying to WSIS,agencies,## Steps <script>x</script>,2027-01-31,published\n"
    "ngo-guide,soros-kg,guideline,funds,,NGO guide,ngos,,,\n"
)


def test_a_file_adds_guides_drafts_unless_published(agencies):
    report = run(GOOD)
    assert report.ok, report.errors
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0}
    wsis = Guide.objects.get(slug="wsis-apply")
    assert (wsis.review_state, wsis.version, wsis.subtopics, wsis.agency.slug) == (
        ReviewState.PUBLISHED,
        1,
        ["awards", "events"],
        "btk",
    )
    assert wsis.versions.get().title_en == "Applying to WSIS"
    assert "<script" not in wsis.body_html_en and "<h2>Steps" in wsis.body_html_en
    ngo = Guide.objects.get(slug="ngo-guide")
    assert (ngo.review_state, ngo.version, ngo.audience) == (ReviewState.DRAFT, 0, ["ngos"])


def test_importing_again_changes_nothing_and_a_changed_text_is_a_new_version(agencies):
    run(GOOD)
    assert run(GOOD).counts == {"created": 0, "updated": 0, "unchanged": 2}
    report = run(GOOD.replace("Applying to WSIS", "Applying to the WSIS Prizes"))
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 1}
    assert Guide.objects.get(slug="wsis-apply").version == 2


def test_bad_rows_roll_everything_back_naming_line_and_column(agencies):
    report = run(
        GOOD
        + "bad slug!,nowhere,novel,awards;mars,,Bad,,,31/01/2027,maybe\n"
        + "propose,BTK,checklist,awards,,Reserved,,,,\n"
    )
    assert not report.ok
    assert set(errors(report)) >= {
        (4, "slug"),
        (4, "agency"),
        (4, "kind"),
        (4, "subtopics"),
        (4, "review_by"),
        (4, "state"),
        (5, "slug"),
    }
    assert not Guide.objects.exists()


def test_export_imports_again_unchanged(agencies):
    run(GOOD)
    out = io.StringIO()
    imports.write_csv(imports.EXPORTERS["guides"](), imports.EXPORTERS["guides"]().queryset(), out)
    out.seek(0)
    report = imports.run_import("guides", out)
    assert report.ok, report.errors
    assert report.counts["unchanged"] == 2
