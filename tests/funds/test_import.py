"""The grants inventory as CSV (funds/imports.py) on the shared import mechanism: generous matching, money checked
by the one rule, all or nothing with every error named by line and column, and export = import."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from funds.imports import PublicGrantExporter
from funds.models import Funder, FundingProgramme, Grant
from portal import imports
from portal.models import Agency, Project, ReviewState
from tests.factories import AgencyFactory, FunderFactory, FundingProgrammeFactory, GrantFactory, ProjectFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "funder,programme,recipient_agency,recipient_country,project,amount,currency,signed_on,duration_months,"
    "purpose,source_url\n"
)


def run(lines: str, header: str = HEADER, **options):
    return imports.run_import("grants", io.StringIO(header + lines), **options)


def counts() -> dict[str, int]:
    """The rows of every table an import may write."""
    return {model.__name__: model.objects.count() for model in (Grant, Agency, Project, Funder, FundingProgramme)}


@pytest.fixture
def koica():
    funder = FunderFactory(
        slug="koica",
        acronym="KOICA",
        name="Korea International Cooperation Agency",
        name_tr="Kore Uluslararası İşbirliği Ajansı",
        country="KR",
        website="https://www.koica.go.kr",
    )
    FundingProgrammeFactory(funder=funder, slug="koica-egov", name="e-Government capacity building")
    return funder


@pytest.fixture
def eu():
    funder = FunderFactory(
        slug="eu", acronym="EU", name="European Union", kind=Funder.Kind.EU, website="https://commission.europa.eu"
    )
    FundingProgrammeFactory(funder=funder, slug="digital-europe", name="Digital Europe")
    return funder


@pytest.fixture
def mincom():
    return AgencyFactory(
        slug="mincom-az",
        acronym="MCHT",
        name="Rabitə və Yüksək Texnologiyalar Nazirliyi",
        name_tr="Ulaştırma ve Yüksek Teknolojiler Bakanlığı",
        name_en="Ministry of Communications and High Technologies",
        country="AZ",
    )


@pytest.fixture
def world(koica, eu, mincom):
    return {"koica": koica, "eu": eu, "mincom": mincom}


SEED = (
    'KOICA,,Ministry of Communications and High Technologies,AZ,e-Government Education Centre,"3,700,000",usd,'
    "2013-04-18,24,Training centre for civil servants,https://www.koica.go.kr/az\n"
)


def test_happy_path_creates_what_is_missing_published_and_imported(world):
    report = run(
        SEED + "kore uluslararasi isbirligi ajansi,E-GOVERNMENT capacity-building,New Agency,Kyrgyzstan,,1000000,"
        "KRW,2020-01-02,,,\n"
    )
    assert report.ok, report.errors
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0}
    seed, second = Grant.objects.order_by("signed_on")
    assert (seed.funder, seed.programme, seed.agency) == (world["koica"], None, world["mincom"])
    assert (seed.amount, seed.currency, seed.signed_on, seed.duration_months) == (
        Decimal("3700000"),
        "USD",
        dt.date(2013, 4, 18),
        24,
    )
    assert (seed.purpose_en, seed.source_url) == ("Training centre for civil servants", "https://www.koica.go.kr/az")
    assert (seed.review_state, seed.imported) == (ReviewState.PUBLISHED, True)
    project = seed.project
    assert (project.agency, project.title_en, project.imported) == (
        world["mincom"],
        "e-Government Education Centre",
        True,
    )
    assert project.review_state == ReviewState.PUBLISHED
    assert second.programme.slug == "koica-egov"
    assert (second.amount, second.currency, second.project, second.duration_months) == (
        Decimal(1000000),
        "KRW",
        None,
        None,
    )
    agency = second.agency
    assert (agency.name_en, agency.country.code, agency.imported) == ("New Agency", "KG", True)
    assert (second.review_state, second.imported) == (ReviewState.PUBLISHED, True)


def test_agencies_and_projects_by_name_in_any_language(world):
    project = ProjectFactory(agency=world["mincom"], slug="egov-centre", title_en="e-Government Education Centre")
    report = run(
        "koica,,ulastirma ve yuksek teknolojiler bakanligi,,E-GOVERNMENT education centre,3700000,USD,2013-04-18,,,\n"
        "EU,Digital Europe,mcht,Azerbaijan,egov-centre,500000.50,EUR,,,,\n"
    )
    assert report.ok, report.errors
    assert set(Grant.objects.values_list("agency", "project")) == {(world["mincom"].pk, project.pk)}
    assert Project.objects.count() == 1


def test_a_dry_run_checks_everything_and_writes_nothing(world):
    before = counts()
    report = run(SEED + "EU,,New Agency,KE,New Project,100,EUR,,,,\n", dry_run=True)
    assert report.ok and not report.written
    assert report.counts["created"] == 2
    assert counts() == before


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        ("Atlantis Fund,,MCHT,AZ,,100,USD,2020-01-01,,,", "funder", "Atlantis Fund"),
        (",,MCHT,AZ,,100,USD,2020-01-01,,,", "funder", ""),
        ("KOICA,digital-europe,MCHT,AZ,,100,USD,2020-01-01,,,", "programme", "EU"),
        ("KOICA,Space Grants,MCHT,AZ,,100,USD,2020-01-01,,,", "programme", "e-Government capacity building"),
        ("KOICA,,MCHT,AZ,,-100,USD,2020-01-01,,,", "amount", ""),
        ("KOICA,,MCHT,AZ,,0,USD,2020-01-01,,,", "amount", ""),
        ("KOICA,,MCHT,AZ,,1e5,USD,2020-01-01,,,", "amount", "1e5"),
        ('KOICA,,MCHT,AZ,,"10,5",USD,2020-01-01,,,', "amount", "10,5"),
        ("KOICA,,MCHT,AZ,,NaN,USD,2020-01-01,,,", "amount", "NaN"),
        ("KOICA,,MCHT,AZ,,12345678901234567,USD,2020-01-01,,,", "amount", "16"),
        ("KOICA,,MCHT,AZ,,10.5,KRW,2020-01-01,,,", "amount", "KRW"),
        ("KOICA,,MCHT,AZ,,1.234,USD,2020-01-01,,,", "amount", "USD"),
        ("KOICA,,MCHT,AZ,,,USD,2020-01-01,,,", "amount", ""),
        ("KOICA,,MCHT,AZ,,100,XYZ,2020-01-01,,,", "currency", "XYZ"),
        ("KOICA,,MCHT,AZ,,100,XAU,2020-01-01,,,", "currency", "XAU"),
        ("KOICA,,MCHT,AZ,,100,,2020-01-01,,,", "currency", ""),
        ("KOICA,,MCHT,AZ,,100,USD,18/04/2013,,,", "signed_on", "18/04/2013"),
        ("KOICA,,MCHT,AZ,,100,USD,2013-02-30,,,", "signed_on", "2013-02-30"),
        ("KOICA,,MCHT,AZ,,100,USD,2020-01-01,0,,", "duration_months", "0"),
        ("KOICA,,MCHT,AZ,,100,USD,2020-01-01,601,,", "duration_months", "601"),
        ("KOICA,,MCHT,AZ,,100,USD,2020-01-01,two years,,", "duration_months", "two years"),
        ("KOICA,,Atlantis Agency,,,100,USD,2020-01-01,,,", "recipient_country", "Atlantis Agency"),
        ("KOICA,,Atlantis Agency,Atlantis,,100,USD,2020-01-01,,,", "recipient_country", "Atlantis"),
        ("KOICA,,MCHT,AZ,,100,USD,2020-01-01,,,ftp://files.example/x", "source_url", "ftp://files.example/x"),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_nothing_is_written(world, line, column, fragment):
    before = counts()
    report = run(SEED + line + "\n")
    assert not report.ok and not report.written
    assert [(error.line, error.column) for error in report.errors] == [(3, column)]
    assert fragment in report.errors[0].message
    assert counts() == before


def test_every_problem_of_a_row_is_named(world):
    report = run("Atlantis Fund,,MCHT,AZ,,-5,XYZ,yesterday,,,\n")
    assert [(error.line, error.column) for error in report.errors] == [
        (2, "funder"),
        (2, "currency"),
        (2, "amount"),
        (2, "signed_on"),
    ]


def test_a_missing_column_is_named(world):
    before = counts()
    report = run("KOICA,,MCHT,AZ,,100,2020-01-01,,,\n", header=HEADER.replace(",currency", ""))
    assert [(error.line, error.column) for error in report.errors] == [(1, "currency")]
    assert counts() == before


@pytest.mark.parametrize(
    "second",
    [
        SEED.replace("24", "36"),  # the same grant, another duration
        "koica,,mcht,Azerbaijan,,3700000.00,USD,2013-04-18,,,\n",  # the same grant, spelt otherwise
    ],
)
def test_a_repeated_row_names_the_earlier_line(world, second):
    before = counts()
    report = run(SEED + second)
    assert [(error.line, error.column) for error in report.errors] == [(3, "")]
    assert "2" in report.errors[0].message
    assert counts() == before


def test_a_grant_already_in_the_inventory_is_updated_not_repeated(world):
    assert run(SEED).counts["created"] == 1
    assert run(SEED).counts == {"created": 0, "updated": 0, "unchanged": 1}
    report = run(SEED.replace(",24,", ",30,"))
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0}
    [grant] = Grant.objects.all()
    assert grant.duration_months == 30


def test_the_command(tmp_path, capsys, world):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + SEED + "KOICA,,MCHT,AZ,,10.5,KRW,,,,\n", encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match="Nothing was imported: 1 errors"):
        call_command("import_inventory", "grants", str(bad))
    [error] = capsys.readouterr().err.splitlines()
    assert "3" in error and "“amount”" in error and "KRW" in error
    assert counts() == before
    good = tmp_path / "good.csv"
    good.write_text(HEADER + SEED, encoding="utf-8")
    out = io.StringIO()
    call_command("import_inventory", "grants", str(good), "--dry-run", stdout=out)
    assert counts() == before
    call_command("import_inventory", "grants", str(good), stdout=out)
    assert "1 created" in out.getvalue()
    assert Grant.objects.get().amount == Decimal(3700000)


EXPORTED = [
    'eu,digital-europe,"Agency, with a comma",FR,"Project, with a comma",1250.50,EUR,2024-05-02,12,'
    '"Open data, portal",https://eu.example/g',
    "eu,,Ministry of Communications and High Technologies,AZ,,1000.00,EUR,,,,",
    "koica,koica-egov,Kenya ICT Authority,KE,,150000000,KRW,2021-09-01,36,,",
    "koica,,Ministry of Communications and High Technologies,AZ,e-Government Education Centre,3700000.00,USD,"
    "2013-04-18,24,Training centre for civil servants,https://www.koica.go.kr/az",
]


def test_the_export_equals_the_rows_and_imports_again_unchanged(tmp_path, world):
    assert run("\n".join(reversed(EXPORTED)) + "\n").counts["created"] == 4
    # A draft reported by a contact is not in the inventory, nor in its export.
    GrantFactory(funder=world["eu"], agency=world["mincom"], amount=Decimal(7), currency="EUR")
    target = tmp_path / "out.csv"
    call_command("export_inventory", "grants", "--output", str(target))
    assert target.read_text(encoding="utf-8").splitlines() == [HEADER.strip(), *EXPORTED]
    with imports.open_text(str(target)) as stream:
        report = imports.run_import("grants", stream)
    assert report.ok, report.errors
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 4}
    xlsx = tmp_path / "out.xlsx"
    call_command("export_inventory", "grants", "--format", "xlsx", "--output", str(xlsx))
    assert xlsx.stat().st_size > 0


def test_a_public_export_names_only_published_projects(world):
    run(SEED)
    grant = Grant.objects.get()
    exporter = PublicGrantExporter()
    [row] = exporter.rows(exporter.queryset())
    assert row[4] == "e-Government Education Centre"
    Project.objects.update(review_state=ReviewState.DRAFT)
    [row] = exporter.rows(exporter.queryset())
    assert row[4] == "" and row[0] == grant.funder.slug


def test_the_export_reads_every_record_in_a_constant_number_of_queries(django_assert_max_num_queries, world):
    projects = Project.objects.bulk_create(
        ProjectFactory.build(agency=world["mincom"], slug=f"p-{n}", title_en=f"P {n}") for n in range(60)
    )
    Grant.objects.bulk_create(
        Grant(
            funder=world["koica"],
            programme=world["koica"].programmes.get(),
            agency=world["mincom"],
            project=project,
            amount=Decimal(1000 + n),
            currency="USD",
            review_state=ReviewState.PUBLISHED,
        )
        for n, project in enumerate(projects)
    )
    exporter = imports.EXPORTERS["grants"]()
    out = io.StringIO()
    with django_assert_max_num_queries(2):
        assert imports.write_csv(exporter, exporter.queryset(), out) == 60
