"""The events inventory as CSV (events/imports.py) on the shared import mechanism: events known by the slug made of
their name and year, the model's date rules as errors named by line and column, all or nothing, dry runs, export =
import (CSV and XLSX), the command, and the back-office's Import and Export buttons."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.imports import event_slug
from events.models import Attendance, Event, EventStatus
from portal import imports
from portal.models import Deadline
from tests import factories

HEADER = "name,kind,organiser,city,country,starts_on,ends_on,timezone,website,registration_deadline,proposal_deadline\n"
WSIS = "WSIS Forum,conference,ITU,Geneva,CH,2026-07-06,2026-07-10,Europe/Zurich,https://www.itu.int/wsis,2026-06-15,"
GITEX = "GITEX Global 2025,fair,Dubai World Trade Centre,Dubai,AE,2025-10-13,2025-10-17,Asia/Dubai,,,2025-08-01"


def run(lines: str, header: str = HEADER, **options):
    return imports.run_import("events", io.StringIO(header + lines), **options)


def counts() -> dict[str, int]:
    """The rows of every table an import may write, and their revisions."""
    return {
        "events": Event.objects.count(),
        "deadlines": Deadline.objects.count(),
        "revisions": sum(Event.objects.values_list("sequence", flat=True)),
    }


def registry(event: Event) -> dict[str, str]:
    """The event's open deadlines in the registry: kind → the instant in UTC."""
    rows = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Event), object_id=event.pk, withdrawn_at__isnull=True
    )
    return {row.kind: row.due_at.astimezone(dt.UTC).isoformat() for row in rows}


def test_a_file_adds_confirmed_events_held_in_person_with_their_deadlines():
    report = run(f"{WSIS}\n{GITEX}\n")
    assert report.ok, report.errors
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0}
    wsis = Event.objects.get(slug="wsis-forum-2026")
    assert (wsis.name_en, wsis.kind, wsis.organiser, wsis.city_en, wsis.country.code) == (
        "WSIS Forum",
        "conference",
        "ITU",
        "Geneva",
        "CH",
    )
    assert (wsis.starts_on, wsis.ends_on, wsis.tz, wsis.website) == (
        dt.date(2026, 7, 6),
        dt.date(2026, 7, 10),
        "Europe/Zurich",
        "https://www.itu.int/wsis",
    )
    assert (wsis.registration_deadline, wsis.proposal_deadline) == (dt.date(2026, 6, 15), None)
    assert (wsis.attendance, wsis.status) == (Attendance.IN_PERSON, EventStatus.CONFIRMED)
    # 23:59 in Geneva (summer time, UTC+2); the start has no time: 23:59 of its first day by the registry's rule.
    assert registry(wsis) == {
        "event.registration": "2026-06-15T21:59:00+00:00",
        "event.start": "2026-07-06T21:59:00+00:00",
    }
    gitex = Event.objects.get(slug="gitex-global-2025")  # the year is in the name already
    assert (gitex.proposal_deadline, gitex.website, gitex.country.code) == (dt.date(2025, 8, 1), "", "AE")
    assert registry(gitex)["event.proposal"] == "2025-08-01T19:59:00+00:00"  # Dubai: UTC+4


@pytest.mark.pure
def test_the_slug_is_made_of_the_name_and_the_year():
    assert event_slug("WSIS Forum", 2026) == "wsis-forum-2026"
    assert event_slug("WSIS Forum 2026", 2026) == "wsis-forum-2026"
    assert event_slug("Forum 2025", 2026) == "forum-2025-2026"
    assert event_slug("Bilişim Zirvesi", 2026) == "bilisim-zirvesi-2026"
    persian = event_slug("نمایشگاه الکامپ", 2026)
    assert persian == event_slug("نمایشگاه الکامپ", 2026)  # stable
    assert persian.startswith("event-") and persian.endswith("-2026") and persian != event_slug("الکامپ", 2026)
    assert len(event_slug("x" * 300, 2026)) == 100
    assert event_slug("x" * 300, 2026).endswith("x-2026")


def test_a_name_in_another_script_imports_under_a_stable_slug():
    line = "نمایشگاه الکامپ,fair,ITRC,Tehran,IR,2026-06-01,2026-06-04,Asia/Tehran,,,\n"
    assert run(line).counts["created"] == 1
    assert run(line).counts == {"created": 0, "updated": 0, "unchanged": 1}
    assert Event.objects.get().slug == event_slug("نمایشگاه الکامپ", 2026)


def test_an_event_imported_again_is_unchanged_and_a_changed_row_updates_it():
    assert run(f"{WSIS}\n").counts["created"] == 1
    before = counts()
    assert run(f"{WSIS}\n").counts == {"created": 0, "updated": 0, "unchanged": 1}
    assert counts() == before  # not even saved again
    moved = WSIS.replace("2026-06-15", "2026-06-20").replace("Geneva", "Genève")
    report = run(f"{moved}\n")
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0}
    event = Event.objects.get()
    assert (event.registration_deadline, event.city_en, event.sequence) == (dt.date(2026, 6, 20), "Genève", 1)
    assert registry(event)["event.registration"] == "2026-06-20T21:59:00+00:00"


def test_an_event_of_the_back_office_is_found_by_its_name_in_any_language_and_year():
    event = factories.EventFactory(
        slug="wsis", name="WSIS Forumu", name_en="", name_tr="WSIS Forumu", city="Cenevre", city_en="Geneva",
        starts_on=dt.date(2026, 7, 6), ends_on=dt.date(2026, 7, 10), website="https://www.itu.int/wsis",
        registration_deadline=dt.date(2026, 6, 15),
    )  # fmt: skip
    factories.EventFactory(slug="wsis-2025", name_tr="WSIS Forumu", starts_on=dt.date(2025, 7, 7))
    report = run("wsis forumu,conference,ITU,Geneva,CH,2026-07-06,2026-07-10,Europe/Zurich,https://www.itu.int/wsis,"
                 "2026-06-15,2026-05-01\n")  # fmt: skip
    assert report.ok, report.errors
    assert report.counts == {"created": 0, "updated": 1, "unchanged": 0}
    event.refresh_from_db()
    assert (event.slug, event.proposal_deadline, event.name_tr, event.name_en) == (
        "wsis",
        dt.date(2026, 5, 1),
        "WSIS Forumu",
        "wsis forumu",  # the file's name is the English one
    )
    assert Event.objects.count() == 2


def test_two_events_of_one_name_in_a_year_are_told_apart_by_their_first_day():
    first = factories.EventFactory(slug="meetup-spring", name_en="Meetup", starts_on=dt.date(2026, 4, 1))
    factories.EventFactory(slug="meetup-autumn", name_en="Meetup", starts_on=dt.date(2026, 10, 1))
    line = "Meetup,conference,ITU,Geneva,CH,2026-04-01,2026-04-05,Europe/Zurich,https://event.example,,\n"
    report = run(line)
    assert report.ok, report.errors
    assert report.counts["unchanged"] == 1
    report = run(line.replace("2026-04-01", "2026-05-01").replace("2026-04-05", "2026-05-05"))
    assert [(error.line, error.column) for error in report.errors] == [(2, "name")]
    assert "meetup-autumn" in report.errors[0].message and "meetup-spring" in report.errors[0].message
    assert Event.objects.get(pk=first.pk).starts_on == dt.date(2026, 4, 1)


def test_a_dry_run_checks_everything_and_writes_nothing():
    run(f"{GITEX}\n")
    before = counts()
    report = run(f"{WSIS}\n{GITEX.replace('Dubai World Trade Centre', 'DWTC')}\n", dry_run=True)
    assert report.ok and not report.written
    assert report.counts == {"created": 1, "updated": 1, "unchanged": 0}
    assert counts() == before
    assert Event.objects.get().organiser == "Dubai World Trade Centre"


@pytest.mark.parametrize(
    ("line", "column", "fragment"),
    [
        # Dates: their form, and the model's rules about them.
        (WSIS.replace("2026-07-06", "06/07/2026"), "starts_on", "06/07/2026"),
        (WSIS.replace("2026-07-10", "2026-02-30"), "ends_on", "2026-02-30"),
        (WSIS.replace(",2026-07-10,", ",,"), "ends_on", ""),
        (WSIS.replace("2026-07-10", "2026-07-05"), "ends_on", ""),  # ends before it starts
        (WSIS.replace("2026-06-15", "2026-07-07"), "registration_deadline", "2026-07-06"),  # after the start
        (WSIS + "2026-08-01", "proposal_deadline", "2026-07-06"),  # after the start
        (WSIS + "tomorrow", "proposal_deadline", "tomorrow"),
        # The zone, the kind, the country, the place.
        (WSIS.replace("Europe/Zurich", "Europe/Geneva"), "timezone", "Europe/Geneva"),
        (WSIS.replace("Europe/Zurich", "CEST"), "timezone", "CEST"),
        (WSIS.replace("Europe/Zurich", ""), "timezone", ""),
        (WSIS.replace("conference", "party"), "kind", "party"),
        (WSIS.replace("conference", ""), "kind", ""),
        (WSIS.replace(",CH,", ",XX,"), "country", "XX"),
        (WSIS.replace(",CH,", ",,"), "country", ""),  # held in person: somewhere
        (WSIS.replace("Geneva", ""), "city", ""),
        # The rest.
        (WSIS.replace("WSIS Forum", ""), "name", ""),
        (WSIS.replace("WSIS Forum", "W" * 256), "name", "255"),
        (WSIS.replace("ITU", ""), "organiser", ""),
        (WSIS.replace("https://www.itu.int/wsis", "www.itu.int"), "website", "www.itu.int"),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_nothing_is_written(line, column, fragment):
    before = counts()
    report = run(f"{GITEX}\n{line}\n")
    assert not report.ok and not report.written
    assert [(error.line, error.column) for error in report.errors] == [(3, column)]
    assert fragment in report.errors[0].message
    assert counts() == before


def test_every_problem_of_a_row_is_named():
    report = run("WSIS Forum,party,ITU,Geneva,Atlantis,2026-07-06,someday,Mars/Olympus,,,\n")
    assert [(error.line, error.column) for error in report.errors] == [
        (2, "kind"),
        (2, "country"),
        (2, "ends_on"),
        (2, "timezone"),
    ]


def test_an_update_that_breaks_a_rule_is_refused():
    event = factories.EventFactory(
        slug="wsis-forum-2026", name_en="WSIS Forum", starts_on=dt.date(2026, 7, 6), ends_on=dt.date(2026, 7, 10),
        exhibition_deadline=dt.date(2026, 6, 1),
    )  # fmt: skip
    before = counts()
    report = run(f"{WSIS.replace('2026-07-06', '2026-05-20').replace('2026-06-15', '')}\n")
    # The exhibition deadline is not in the file: the start the row gives is what clashes with it.
    assert [(error.line, error.column) for error in report.errors] == [(2, "starts_on")]
    assert counts() == before
    assert Event.objects.get(pk=event.pk).starts_on == dt.date(2026, 7, 6)


def test_an_online_event_of_the_back_office_keeps_its_place_empty():
    factories.EventFactory(
        slug="open-data-day-2026", name_en="Open Data Day", attendance="online", city="", city_en="", country="",
        starts_on=dt.date(2026, 3, 7), ends_on=dt.date(2026, 3, 7), tz="UTC", website="",
    )  # fmt: skip
    report = run("Open Data Day,conference,ITU,,,2026-03-07,2026-03-07,UTC,,,\n")
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 1}


@pytest.mark.parametrize("second", [WSIS, WSIS.replace("WSIS Forum", "wsis forum").replace("ITU", "UN")])
def test_a_repeated_row_names_the_earlier_line(second):
    report = run(f"{WSIS}\n{second}\n")
    assert [(error.line, error.column) for error in report.errors] == [(3, "")]
    assert "2" in report.errors[0].message
    assert not Event.objects.exists()


def test_the_header_is_checked():
    report = run(f"{WSIS}\n", header=HEADER.replace(",timezone", ",tz"))
    assert {(error.line, error.column) for error in report.errors} == {(1, "timezone"), (1, "tz")}
    assert not Event.objects.exists()


def test_the_command(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + GITEX + "\n" + WSIS.replace("2026-07-10", "2026-07-01") + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported: 1 errors"):
        call_command("import_inventory", "events", str(bad))
    [error] = capsys.readouterr().err.splitlines()
    assert "3" in error and "“ends_on”" in error
    assert counts() == {"events": 0, "deadlines": 0, "revisions": 0}
    good = tmp_path / "good.csv"
    good.write_text(HEADER + GITEX + "\n" + WSIS + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_inventory", "events", str(good), "--dry-run", stdout=out)
    assert "2 created" in out.getvalue()
    assert not Event.objects.exists()
    call_command("import_inventory", "events", str(good), stdout=out)
    assert "Imported 2 rows: 2 created" in out.getvalue()
    assert sorted(Event.objects.values_list("slug", flat=True)) == ["gitex-global-2025", "wsis-forum-2026"]


# --- export ---------------------------------------------------------------------------------------

EXPORTED = [
    "Open Data Day,hackathon,OKFN,,,2025-03-01,2025-03-01,UTC,,,",
    GITEX,
    '"Forum, with a comma",forum,"UNDP, Istanbul",İstanbul,TR,2026-01-20,2026-01-21,Europe/Istanbul,,2026-01-10,',
    WSIS,
]


@pytest.fixture
def inventory():
    """The file's events (the online one added in the back-office first), and a cancelled one by the admins."""
    factories.EventFactory(
        slug="open-data-day-2025", name_en="Open Data Day", kind="hackathon", organiser="OKFN", attendance="online",
        city="", city_en="", country="", starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 3, 1), tz="UTC",
        website="",
    )  # fmt: skip
    report = run("\n".join(EXPORTED[1:]) + "\n")
    assert report.counts["created"] == 3, report.errors


def test_the_export_equals_the_rows_and_imports_again_unchanged(tmp_path, inventory):
    target = tmp_path / "out.csv"
    call_command("export_inventory", "events", "--output", str(target))
    assert target.read_text(encoding="utf-8").splitlines() == [HEADER.strip(), *EXPORTED]
    before = counts()
    with imports.open_text(str(target)) as stream:
        report = imports.run_import("events", stream)
    assert report.ok, report.errors
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 4}
    assert counts() == before


def test_a_cancelled_event_and_a_turkish_name_are_exported_too(tmp_path):
    factories.EventFactory(
        slug="iptal", name="İptal edilen fuar", name_tr="İptal edilen fuar", name_en="", status="cancelled",
        starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 9, 2),
    )  # fmt: skip
    exporter = imports.EXPORTERS["events"]()
    [row] = exporter.rows(exporter.queryset())
    assert row[:4] == ("İptal edilen fuar", "conference", "ITU", "Geneva")
    out = io.StringIO()
    imports.write_csv(exporter, exporter.queryset(), out)
    report = run(out.getvalue().split("\n", 1)[1])
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 1}


def xlsx_as_csv(content: bytes) -> str:
    """The workbook's rows as a spreadsheet user saves them as CSV: date cells as YYYY-MM-DD."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    out = io.StringIO()
    writer = csv.writer(out)
    for values in sheet.iter_rows(values_only=True):
        writer.writerow(
            [
                "" if value is None else value.date().isoformat() if isinstance(value, dt.datetime) else value
                for value in values
            ]
        )
    return out.getvalue()


def test_the_xlsx_export_has_the_same_rows_as_date_cells_and_imports_again_unchanged(tmp_path, inventory):
    target = tmp_path / "out.xlsx"
    call_command("export_inventory", "events", "--format", "xlsx", "--output", str(target))
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER.strip().split(","))
    assert isinstance(rows[4][5], dt.datetime)  # a date cell (openpyxl reads one as a datetime), not a text
    assert rows[4][5].date() == dt.date(2026, 7, 6)
    text = xlsx_as_csv(target.read_bytes())
    assert text.splitlines() == [HEADER.strip(), *EXPORTED]
    report = imports.run_import("events", io.StringIO(text))
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 4}


def test_the_export_reads_every_event_in_a_constant_number_of_queries(django_assert_max_num_queries):
    Event.objects.bulk_create(
        factories.EventFactory.build(slug=f"e-{n}", name_en=f"E {n}", starts_on=dt.date(2026, 1, 1 + n % 28))
        for n in range(60)
    )
    exporter = imports.EXPORTERS["events"]()
    out = io.StringIO()
    with django_assert_max_num_queries(2):
        assert imports.write_csv(exporter, exporter.queryset(), out) == 60


def test_an_import_reads_what_exists_once():
    run("\n".join(EXPORTED[1:]) + "\n")
    with CaptureQueriesContext(connection) as captured:
        report = run("\n".join(EXPORTED[1:]) + "\n")
    assert report.counts["unchanged"] == 3
    # One read of the events, whatever the number of rows (each row has its savepoint, all-or-nothing's).
    queries = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(queries) == 1, queries


# --- the back-office's Import and Export buttons ------------------------------------------------------

BASE = "/admin/events/event/"
IMPORT, PROCESS, EXPORT = f"{BASE}import/", f"{BASE}process_import/", f"{BASE}export/"


def upload(client, text: str):
    data = {"resource": "0", "format": "0", "import_file": SimpleUploadedFile("events.csv", text.encode())}
    return client.post(IMPORT, data)


def test_the_admin_previews_then_imports_the_same_file(admin_client_wg):
    preview = upload(admin_client_wg, HEADER + GITEX + "\n" + WSIS + "\n")
    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["new", "new"]
    assert not Event.objects.exists()  # the preview wrote nothing
    initial = preview.context["confirm_form"].initial
    done = admin_client_wg.post(PROCESS, {k: v for k, v in initial.items() if v is not None})
    assert done.status_code == 302 and done["Location"] == BASE
    assert sorted(Event.objects.values_list("slug", flat=True)) == ["gitex-global-2025", "wsis-forum-2026"]
    again = upload(admin_client_wg, HEADER + GITEX + "\n" + WSIS.replace("ITU", "ITU Geneva") + "\n")
    assert [row.import_type for row in again.context["result"].rows] == ["skip", "update"]


def test_the_admin_sees_each_bad_cell_and_cannot_confirm(admin_client_wg):
    bad = WSIS.replace("2026-06-15", "2026-07-07").replace("Europe/Zurich", "Europe/Geneva")
    preview = upload(admin_client_wg, HEADER + GITEX + "\n" + bad + "\n")
    result = preview.context["result"]
    assert {row.number: set(row.field_specific_errors) for row in result.invalid_rows} == {3: {"timezone"}}
    assert "confirm_form" not in preview.context
    preview = upload(admin_client_wg, HEADER + WSIS.replace("2026-06-15", "2026-07-07") + "\n")
    result = preview.context["result"]
    assert {row.number: set(row.field_specific_errors) for row in result.invalid_rows} == {2: {"registration_deadline"}}
    assert not Event.objects.exists()


def test_the_admin_export_is_the_command_s_export(admin_client_wg, inventory, tmp_path):
    target = tmp_path / "out.csv"
    call_command("export_inventory", "events", "--output", str(target))
    response = admin_client_wg.post(EXPORT, {"resource": "0", "format": "0"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="events-')
    assert response.content == target.read_bytes()
    xlsx = admin_client_wg.post(EXPORT, {"resource": "0", "format": "1"})
    assert xlsx_as_csv(xlsx.content).splitlines() == [HEADER.strip(), *EXPORTED]


def test_an_agency_contact_cannot_reach_import_or_export(client_a):
    for path in (IMPORT, PROCESS, EXPORT):
        response = client_a.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), path
