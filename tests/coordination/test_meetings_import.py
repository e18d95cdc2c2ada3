"""`import_inventory resolutions`: resolutions of meetings already entered, all or nothing, every error named by
line and column, the same file twice changes nothing, and the due dates follow into the registry."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from coordination.meetings.models import Resolution
from portal import imports
from portal.models import Deadline, DeadlineKind
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "body,meeting_date,number,text,responsible,due_on,timezone,state\n"


@pytest.fixture
def meeting(agency_a, agency_b):
    body = factories.BodyFactory(slug="msrt-it-council", name="Kurul", name_en="MSRT IT executive council")
    return factories.MeetingFactory(body=body, held_on=dt.date(2017, 11, 15), tz="Asia/Tehran")


def run(lines: str, header: str = HEADER, **options):
    return imports.run_import("resolutions", io.StringIO(header + lines), **options)


GOOD = (
    "msrt-it-council,2017-11-15,1,The gateway is the single point of exchange.,agency-a,,,open\n"
    'MSRT IT executive council,2017-11-15,2,Every university connects.,"agency-a; Agency B",2018-03-20,Asia/Tehran,'
    "in_progress\n"
)


def test_a_good_file_adds_resolutions_with_their_agencies_and_deadlines(meeting, agency_a, agency_b):
    report = run(GOOD)
    assert report.ok, report.errors
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0}
    second = Resolution.objects.get(meeting=meeting, number="2")
    assert (second.text_en, second.due_on, second.tz, second.state) == (
        "Every university connects.",
        dt.date(2018, 3, 20),
        "Asia/Tehran",
        "in_progress",
    )
    assert set(second.responsible.values_list("slug", flat=True)) == {"agency-a", "agency-b"}
    deadline = Deadline.objects.get(object_id=second.pk, kind=DeadlineKind.RESOLUTION_DUE)
    assert deadline.due_at == dt.datetime(2018, 3, 20, 23, 59, tzinfo=ZoneInfo("Asia/Tehran"))
    assert set(deadline.agencies.values_list("slug", flat=True)) == {"agency-a", "agency-b"}
    # The same file again changes nothing.
    assert run(GOOD).counts == {"created": 0, "updated": 0, "unchanged": 2}


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("no-such-body,2017-11-15,3,Text,agency-a,,,open", "body"),
        ("msrt-it-council,2017-11-16,3,Text,agency-a,,,open", "meeting_date"),
        ("msrt-it-council,2017-11-15,3,Text,No such agency,,,open", "responsible"),
        ("msrt-it-council,2017-11-15,3,Text,agency-a,2018-02-30,Asia/Tehran,open", "due_on"),
        ("msrt-it-council,2017-11-15,3,Text,agency-a,2018-03-20,Mars/Olympus,open", "timezone"),
        ("msrt-it-council,2017-11-15,3,Text,agency-a,2018-03-20,,open", "timezone"),
        ("msrt-it-council,2017-11-15,3,Text,agency-a,,,finished", "state"),
        ("msrt-it-council,2017-11-15,3,,agency-a,,,open", "text"),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_nothing_is_written(meeting, row, column):
    report = run(GOOD + row + "\n")
    assert not report.ok
    assert [(error.line, error.column) for error in report.errors] == [(4, column)]
    assert not Resolution.objects.exists()
    assert not Deadline.objects.filter(kind=DeadlineKind.RESOLUTION_DUE).exists()


def test_the_command_reads_a_file(meeting, tmp_path):
    path = tmp_path / "resolutions.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    call_command("import_inventory", "resolutions", str(path), stdout=io.StringIO())
    assert Resolution.objects.filter(meeting=meeting).count() == 2


def test_an_exported_file_imports_again_unchanged(meeting, tmp_path, agency_a):
    assert run(GOOD).ok
    persian = Resolution.objects.create(meeting=meeting, number="3", text="", text_fa="درگاه", tz="Asia/Tehran")
    persian.responsible.add(agency_a)
    target = tmp_path / "resolutions.csv"
    call_command("export_inventory", "resolutions", "--output", str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER.strip() + ",language"
    assert lines[2] == (
        "msrt-it-council,2017-11-15,2,Every university connects.,agency-a; agency-b,2018-03-20,Asia/Tehran,"
        "in_progress,en"
    )
    assert lines[3].endswith(",fa")
    with imports.open_text(str(target)) as stream:
        report = imports.run_import("resolutions", stream)
    assert report.ok, report.errors
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 3}


def test_the_back_office_has_the_import_and_export_buttons(admin_client_wg, meeting):
    response = admin_client_wg.get("/admin/coordination/resolution/")
    assert response.status_code == 200
    assert b"/admin/coordination/resolution/import/" in response.content
    assert b"/admin/coordination/resolution/export/" in response.content
