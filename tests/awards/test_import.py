"""The results inventory as CSV (awards/imports.py) on the shared import mechanism, with the reference data of the
awards migration (WSIS Prizes with its 18 categories, UNPSA with its 2026 categories)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.models import AwardCategory, AwardEdition, AwardResult
from portal import imports
from portal.models import Agency, Project, ReviewState
from tests.factories import AgencyFactory, AwardEditionFactory, ProjectFactory, award_category, award_programme

pytestmark = pytest.mark.django_db

HEADER = "programme,edition_year,category,agency,agency_country,project,outcome,evidence_url\n"


def run(lines: str, header: str = HEADER, **options):
    return imports.run_import("award-results", io.StringIO(header + lines), **options)


def counts() -> dict[str, int]:
    """The rows of every table an import may write."""
    return {
        model.__name__: model.objects.count()
        for model in (AwardResult, AwardEdition, AwardCategory, Agency, Project, Project.partner_agencies.through)
    }


@pytest.fixture
def btk():
    return AgencyFactory(
        slug="btk",
        acronym="BTK",
        name="Bilgi Teknolojileri ve İletişim Kurumu",
        name_tr="Bilgi Teknolojileri ve İletişim Kurumu",
        name_en="Information and Communication Technologies Authority",
        country="TR",
    )


@pytest.fixture
def gateway(btk):
    return ProjectFactory(
        agency=btk,
        slug="e-devlet",
        title="e-Devlet Kapısı",
        title_tr="e-Devlet Kapısı",
        title_en="e-Government Gateway",
    )


def only_result() -> AwardResult:
    [result] = AwardResult.objects.select_related("edition__programme", "category", "agency", "project")
    return result


def test_happy_path_creates_what_is_missing_and_marks_it_imported(gateway):
    report = run(
        "WSIS Prizes,2024,C7 ICT applications: E-government,BTK,TR,e-Government Gateway,winner,https://itu.int/a\n"
        "WSIS Prizes,2024,Action Line C4,Kenya ICT Authority,Kenya,Ajira Digital,champion,\n"
        "UNPSA,2021,2026-1,btk,,e-devlet kapisi,finalist,\n"
    )
    assert report.ok and report.written, report.errors
    assert (report.rows, report.counts) == (3, {"created": 3, "updated": 0, "unchanged": 0})
    kenya = Agency.objects.get(name_en="Kenya ICT Authority")
    assert (kenya.country.code, kenya.imported, kenya.kind) == ("KE", True, Agency.Kind.PUBLIC_AGENCY)
    ajira = Project.objects.get(title_en="Ajira Digital")
    assert (ajira.agency, ajira.imported, ajira.review_state) == (kenya, True, ReviewState.PUBLISHED)
    assert ajira.published_at is not None
    assert not Agency.objects.get(pk=gateway.agency_id).imported and not Project.objects.get(pk=gateway.pk).imported
    assert set(AwardEdition.objects.values_list("programme__slug", "year")) == {("wsis-prizes", 2024), ("unpsa", 2021)}
    results = {
        (r.edition.year, r.category.code, r.agency.slug, r.project.slug, r.outcome, r.evidence_url, r.imported)
        for r in AwardResult.objects.select_related("edition", "category", "agency", "project")
    }
    assert results == {
        (2024, "C7-E-government", "btk", "e-devlet", "winner", "https://itu.int/a", True),
        (2024, "C4", kenya.slug, ajira.slug, "champion", "", True),
        (2021, "2026-1", "btk", "e-devlet", "finalist", "", True),
    }


def test_the_same_file_again_is_unchanged_and_a_new_outcome_updates(gateway):
    line = "WSIS,2024,C1,BTK,TR,e-Government Gateway,{},{}\n"
    assert run(line.format("nominee", "")).counts["created"] == 1
    assert run(line.format("nominee", "")).counts == {"created": 0, "updated": 0, "unchanged": 1}
    assert run(line.format("winner", "")).counts == {"created": 0, "updated": 1, "unchanged": 0}
    assert run(line.format("winner", "https://x.example/r")).counts["updated"] == 1
    assert (only_result().outcome, only_result().evidence_url) == ("winner", "https://x.example/r")


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("C7 ICT applications: E-government", "C7-E-government"),
        ("C7-E-government", "C7-E-government"),
        ("c7 e-government", "C7-E-government"),
        ("E-Government", "C7-E-government"),
        ("ICT Applications: E-government", "C7-E-government"),
        ("C7.1", "C7-E-government"),
        ("Action Line C1", "C1"),
        (
            "Action Line C1 The role of public governance authorities and all stakeholders in the promotion of ICTs "
            "for development",
            "C1",
        ),
        ("AL C7. ICT applications: E-health", "C7-E-health"),
        ("AL C7. ICT applications: … E-health", "C7-E-health"),
        ("Category 10", "C7-E-health"),
        ("category 10", "C7-E-health"),
        ("10", "C7-E-health"),
        ("BİT uygulamaları: E-sağlık", "C7-E-health"),
        ("bit uygulamalari e saglik", "C7-E-health"),
        ("Capacity-building", "C4"),
        ("C9 Media", "C9"),
        ("AL C11", "C11"),
    ],
)
def test_every_spelling_of_a_category(gateway, spelling, code):
    report = run(f'WSIS Prizes,2024,"{spelling}",BTK,TR,,winner,\n')
    assert report.ok, report.errors
    assert only_result().category.code == code


@pytest.mark.parametrize(
    ("spelling", "slug"),
    [
        ("WSIS Prizes", "wsis-prizes"),
        ("wsis-prizes", "wsis-prizes"),
        ("WSIS", "wsis-prizes"),
        ("W.S.I.S. prizes", "wsis-prizes"),
        ("WSIS Ödülleri", "wsis-prizes"),
        ("wsis odulleri", "wsis-prizes"),
        ("UNPSA", "unpsa"),
        ("united nations public service awards", "unpsa"),
        ("Birleşmiş Milletler Kamu Hizmeti Ödülleri", "unpsa"),
        # As organisers, the press and agencies write them: "UN", singular or plural, the year or the edition.
        ("UN Public Service Awards", "unpsa"),
        ("U.N. Public Service Award", "unpsa"),
        ("United Nations Public Service Award", "unpsa"),
        ("unpsa", "unpsa"),
        ("UNPSA 2024", "unpsa"),
        ("WSIS Prize 2019", "wsis-prizes"),
        ("2019 WSIS Prizes", "wsis-prizes"),
        ("WSIS Prizes, 12th edition", "wsis-prizes"),
        ("World Summit on the Information Society Prizes", "wsis-prizes"),
        ("WSIS Ödülü", "wsis-prizes"),
        ("Birleşmiş Milletler Kamu Hizmeti Ödülü", "unpsa"),
    ],
)
def test_every_spelling_of_a_programme(btk, spelling, slug):
    category = "C1" if slug == "wsis-prizes" else "Category 1"
    report = run(f'"{spelling}",2024,{category},BTK,,,winner,\n')
    assert report.ok, report.errors
    assert only_result().edition.programme.slug == slug


@pytest.mark.parametrize(
    ("spelling", "outcome"),
    [
        ("Winner", "winner"),
        ("HONORABLE MENTION", "honourable_mention"),
        ("honourable_mention", "honourable_mention"),
        ("Honourable mention", "honourable_mention"),
        ("champion", "champion"),
    ],
)
def test_every_spelling_of_an_outcome(btk, spelling, outcome):
    assert run(f"WSIS,2024,C1,BTK,,,{spelling},\n").ok
    assert only_result().outcome == outcome


def test_agencies_and_projects_by_name_in_any_language(gateway):
    lines = (
        "WSIS,2024,C1,Bilgi Teknolojileri ve Iletisim Kurumu,,E-DEVLET KAPISI,winner,\n"
        "WSIS,2024,C2,information and communication technologies authority,Türkiye,e-government gateway,winner,\n"
        "WSIS,2024,C3,btk,TUR,e-devlet,winner,\n"
    )
    before = counts()
    assert run(lines).counts["created"] == 3
    assert counts()["Agency"] == before["Agency"] and counts()["Project"] == before["Project"]
    assert set(AwardResult.objects.values_list("agency__slug", "project__slug")) == {("btk", "e-devlet")}


def test_a_dry_run_checks_everything_and_writes_nothing(gateway):
    before = counts()
    report = run("WSIS,2019,C1,New Agency,KE,New Project,winner,\n", dry_run=True)
    assert report.ok and not report.written
    assert report.counts["created"] == 1
    assert counts() == before


GOOD = "WSIS Prizes,2023,C1,New Agency,Kenya,New Project,winner,\n"


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("Nobel Prize,2024,C1,BTK,TR,,winner,", "programme", "Nobel Prize"),
        ("WSIS,2024,C1,BTK,TR,,gold medal,", "outcome", "honourable_mention"),
        ("WSIS,20x4,C1,BTK,TR,,winner,", "edition_year", "20x4"),
        ("WSIS,1985,C1,BTK,TR,,winner,", "edition_year", "1990"),
        ("WSIS,2024,C12 Space,BTK,TR,,winner,", "category", "--create-categories"),
        ("WSIS,2024,C7,BTK,TR,,winner,", "category", "C7-E-health"),
        ("WSIS,2024,C1,Atlantis Agency,Atlantis,,winner,", "agency_country", "Atlantis"),
        ("WSIS,2024,C1,Atlantis Agency,,,winner,", "agency_country", "Atlantis Agency"),
        ("WSIS,2024,C1,BTK,TR,,winner,ftp://files.example/x", "evidence_url", "ftp://files.example/x"),
        ("WSIS,2024,C1,BTK,TR,,winner,not a link", "evidence_url", "not a link"),
        ("WSIS,,C1,BTK,TR,,winner,", "edition_year", ""),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_nothing_is_written(btk, line, column, fragment):
    before = counts()
    report = run(GOOD + line + "\n")
    assert not report.ok and not report.written
    assert [(error.line, error.column) for error in report.errors] == [(3, column)]
    assert fragment in report.errors[0].message
    assert counts() == before


def test_an_ambiguous_category_names_every_candidate(btk):
    [error] = run("WSIS,2024,AL C7,BTK,TR,,winner,\n").errors
    for code in ("C7-E-government", "C7-E-business", "C7-E-science"):
        assert code in error.message
    assert "C1 " not in error.message


def test_a_missing_column_is_named(btk):
    before = counts()
    report = run("WSIS,2024,C1,BTK,TR,,\n", header=HEADER.replace(",outcome", ""))
    assert [(error.line, error.column) for error in report.errors] == [(1, "outcome")]
    assert counts() == before


@pytest.mark.parametrize(
    "second",
    [
        "WSIS Prizes,2023,C1,New Agency,Kenya,New Project,finalist,",  # the same line, another outcome
        "wsis-prizes,2023,Action Line C1,new agency,KE,NEW PROJECT,winner,",  # the same result, spelt otherwise
    ],
)
def test_a_repeated_row_names_the_earlier_line(btk, second):
    before = counts()
    report = run(GOOD + second + "\n")
    assert [(error.line, error.column) for error in report.errors] == [(3, "")]
    assert "2" in report.errors[0].message
    assert counts() == before


def test_unknown_categories_can_be_created_for_programmes_that_change_them(btk):
    lines = (
        "UNPSA,2027,Innovation in digital public services,BTK,,,winner,\n"
        "UNPSA,2027,innovation in digital public services,New Agency,KE,,finalist,\n"
    )
    before = counts()
    assert [(e.line, e.column) for e in run(lines).errors] == [(2, "category"), (3, "category")]
    assert counts() == before
    report = run(lines, create_categories=True)
    assert report.counts["created"] == 2, report.errors
    category = AwardCategory.objects.get(title_en="Innovation in digital public services")
    assert category.programme == award_programme("unpsa")
    assert category.position == 5  # after the four categories of the 2026 call
    assert set(AwardResult.objects.values_list("category", flat=True)) == {category.pk}
    # An ambiguous category is still refused.
    assert [e.column for e in run("WSIS,2024,C7,BTK,TR,,winner,\n", create_categories=True).errors] == ["category"]


def test_the_command(tmp_path, capsys, btk):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + GOOD + "WSIS,2024,C1,BTK,TR,,gold,\n", encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match="Nothing was imported: 1 errors"):
        call_command("import_inventory", "award-results", str(bad))
    [error] = capsys.readouterr().err.splitlines()
    assert "3" in error and "“outcome”" in error and "gold" in error
    assert counts() == before
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "UNPSA,2027,Digital inclusion,BTK,TR,,winner,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_inventory", "award-results", str(good))
    out = io.StringIO()
    call_command("import_inventory", "award-results", str(good), "--create-categories", "--dry-run", stdout=out)
    assert "nothing was written" in out.getvalue() and counts() == before
    call_command("import_inventory", "award-results", str(good), "--create-categories", stdout=out)
    assert "1 created" in out.getvalue()
    assert only_result().category.title_en == "Digital inclusion"


def test_the_export_equals_the_rows_and_imports_again_unchanged(tmp_path, gateway):
    rows = [
        "unpsa,2021,2026-2,Information and Communication Technologies Authority,TR,e-Government Gateway,nominee,",
        "wsis-prizes,2019,C1,Information and Communication Technologies Authority,TR,,winner,https://itu.int/w",
        "wsis-prizes,2019,C7-E-health,Kenya ICT Authority,KE,Ajira Digital,honourable_mention,",
        'wsis-prizes,2024,C4,"Agency, with a comma",FR,"Project, with a comma",champion,',
    ]
    assert run("\n".join(reversed(rows)) + "\n").counts["created"] == 4
    target = tmp_path / "out.csv"
    call_command("export_inventory", "award-results", "--output", str(target))
    assert target.read_text(encoding="utf-8").splitlines() == [HEADER.strip(), *rows]
    with imports.open_text(str(target)) as stream:
        report = imports.run_import("award-results", stream)
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 4}


def test_the_export_reads_every_record_in_a_constant_number_of_queries(django_assert_max_num_queries, btk):
    edition = AwardEditionFactory(year=2020)
    projects = Project.objects.bulk_create(
        ProjectFactory.build(agency=btk, slug=f"p-{n}", title_en=f"P {n}") for n in range(60)
    )
    AwardResult.objects.bulk_create(
        AwardResult(
            edition=edition,
            category=award_category("C1"),
            agency=btk,
            project=project,
            outcome="winner",
            verified_at=timezone.now(),
        )
        for project in projects
    )
    exporter = imports.EXPORTERS["award-results"]()
    out = io.StringIO()
    with django_assert_max_num_queries(2):
        assert imports.write_csv(exporter, exporter.queryset(), out) == 60


def _rows(agency, year, projects) -> str:
    return "".join(f"WSIS,{year},C1,{agency.acronym},TR,{project.title_en},winner,\n" for project in projects)


def test_queries_grow_only_with_what_rows_create(btk):
    """Lookups come from dictionaries built once: a row that creates a result costs its savepoint and insert, a
    row that changes nothing costs its savepoint alone."""
    AwardEditionFactory(year=2020)
    AwardEditionFactory(year=2021)
    projects = Project.objects.bulk_create(
        ProjectFactory.build(agency=btk, slug=f"p-{n}", title_en=f"P {n}") for n in range(500)
    )

    def queries(text):
        with CaptureQueriesContext(connection) as captured:
            report = run(text)
        assert report.ok, report.errors
        return len(captured), report

    few, report = queries(_rows(btk, 2020, projects[:50]))
    assert report.counts["created"] == 50
    many, report = queries(_rows(btk, 2021, projects))
    assert report.counts["created"] == 500
    # SAVEPOINT, INSERT, RELEASE per row; no lookup. The results are indexed for search once, at the end, in a few
    # batched statements (one more per 100 results' documents in six languages).
    assert many - few <= 450 * 3 + 5
    few, report = queries(_rows(btk, 2020, projects[:50]))
    many, report = queries(_rows(btk, 2021, projects))
    assert report.counts["unchanged"] == 500
    assert many - few <= 450 * 2  # SAVEPOINT, RELEASE per row


def test_a_long_file_streams(tmp_path, btk):
    categories = list(AwardCategory.objects.filter(programme__slug="wsis-prizes").values_list("code", flat=True))
    path = tmp_path / "long.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(56):
            for year in range(2000, 2020):
                for code in categories:
                    out.write(f"WSIS Prizes,{year},{code},BTK,TR,Project {n},nominee,\n")
    rows = 56 * 20 * len(categories)
    assert rows >= 20_000
    seen = []
    with imports.open_text(str(path)) as stream:
        report = imports.run_import("award-results", stream, progress=seen.append)
    assert report.ok, report.errors[:3]
    assert report.counts["created"] == rows == AwardResult.objects.count()
    assert seen[:2] == [1000, 2000] and seen[-1] == rows
    assert Project.objects.filter(agency=btk, imported=True).count() == 56
    assert AwardEdition.objects.filter(year__range=(2000, 2019)).count() == 20


def test_a_real_results_file_naming_the_programme_otherwise_is_read_whole(btk):
    lines = "".join(f"UN Public Service Awards,2024,Category {n % 4 + 1},BTK,,,winner,\n" for n in range(4))
    report = run(lines)
    assert report.ok and report.counts["created"] == 4, report.errors
    assert set(AwardResult.objects.values_list("edition__programme__slug", flat=True)) == {"unpsa"}


def test_a_name_close_to_a_programme_is_refused_with_a_suggestion_grouped_once(btk):
    before = counts()
    report = run("".join(f"UN Public Servise Awards,2024,Category {n},BTK,,,winner,\n" for n in (1, 2, 3)))
    assert not report.ok and counts() == before
    [error] = report.grouped_errors()
    assert (error.column, error.lines) == ("programme", (2, 3, 4))
    assert "“UN Public Servise Awards”" in error.message
    assert "“United Nations Public Service Awards”" in error.message
    assert "WSIS" not in error.message  # the suggestion, not the list of every programme


def test_a_name_far_from_every_programme_lists_them(btk):
    [error] = run("Nobel Prize in Physics,2024,C1,BTK,,,winner,\n").errors
    assert "United Nations Public Service Awards" in error.message and "WSIS Prizes" in error.message


def test_a_category_close_to_one_known_gets_a_suggestion(btk):
    [error] = run("WSIS Prizes,2024,E-helth,BTK,,,winner,\n").errors
    assert error.column == "category" and "C7-E-health" in error.message


def test_an_ambiguous_name_is_still_refused_naming_the_candidates(btk):
    programme = award_programme("unpsa")
    programme.aliases = "Public Service Prizes"
    programme.save()
    wsis = award_programme("wsis-prizes")
    wsis.aliases = "Public Service Prize"
    wsis.save()
    [error] = run("Public Service Prizes 2024,2024,C1,BTK,,,winner,\n").errors
    assert error.column == "programme"
    assert "United Nations Public Service Awards" in error.message and "WSIS Prizes" in error.message


def test_aliases_of_programmes_categories_and_agencies_match(btk):
    programme = award_programme("unpsa")
    programme.aliases = "Prix des Nations Unies pour le service public\nUNPSA Awards"
    programme.save()
    category = AwardCategory.objects.get(programme=programme, position=2)
    category.aliases = "Inclusive services"
    category.save()
    btk.aliases = "Turkish ICT Authority"
    btk.save()
    report = run(
        "Prix des Nations Unies pour le service public,2024,inclusive service,Turkish ICT Authority,,,winner,\n"
    )
    assert report.ok, report.errors
    result = only_result()
    assert (result.edition.programme, result.category, result.agency) == (programme, category, btk)


def test_an_alias_added_in_the_admin_matches(admin_client_wg, btk):
    from django.forms.models import model_to_dict
    from django.urls import reverse

    category = award_category("C1")
    url = reverse("admin:awards_awardcategory_change", args=[category.pk])
    assert 'name="aliases"' in admin_client_wg.get(url).content.decode()
    data = {
        key: value
        for key, value in model_to_dict(category).items()
        if value is not None and key not in ("id", "action_lines", "sdgs", "themes")
    }
    data["action_lines"] = [line.pk for line in category.action_lines.all()]
    data["sdgs"] = [sdg.pk for sdg in category.sdgs.all()]
    data["aliases"] = "Governments and partnerships"
    response = admin_client_wg.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    report = run("WSIS Prizes,2024,GOVERNMENTS & PARTNERSHIPS,BTK,,,winner,\n")
    assert report.ok, report.errors
    assert only_result().category == category
    # A curator finds it by its other name.
    assert "partnership" not in f"{category.code} {category.title_en} {category.title_tr}".casefold()
    search = admin_client_wg.get(reverse("admin:awards_awardcategory_changelist"), {"q": "partnerships"})
    assert category in search.context["cl"].result_list
    for name in ("awards_awardprogramme_change", "portal_agency_change"):
        pk = award_programme().pk if "programme" in name else btk.pk
        assert 'name="aliases"' in admin_client_wg.get(reverse(f"admin:{name}", args=[pk])).content.decode()
