"""The meetings part's demo (seed 003): MSRT's IT executive council, cluster 14, the council's first meeting with
Persian minutes and their translations, and its four resolutions, the second due on 20 March 2018 in Tehran."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from coordination.meetings import demo
from coordination.meetings.models import Body, Meeting, Resolution, ResolutionState
from portal.demo import area_loaders
from portal.languages import CODES
from portal.models import Agency, Deadline, DeadlineKind

pytestmark = pytest.mark.django_db


def test_the_loader_is_registered():
    assert demo.load in area_loaders()


def test_the_demo_creates_seed_003s_council_and_its_resolutions():
    counts = demo.load()
    assert counts == {"coordination bodies": 2, "meetings": 1, "resolutions": 4}
    msrt = Agency.objects.get(slug="msrt")
    assert (msrt.acronym, msrt.kind, msrt.country.code) == ("MSRT", "ministry", "IR")
    council = Body.objects.get(slug="msrt-it-council")
    assert council.name_fa == "شورای اجرایی فناوری اطلاعات وزارت علوم"
    assert council.name_en == "MSRT IT executive council"
    assert all(getattr(council, f"name_{code}") for code in CODES)
    assert list(council.members.all()) == [msrt]
    assert Body.objects.get(slug="cluster-14-education-research").kind == "cluster"
    meeting = Meeting.objects.get(body=council, number=1)
    assert (meeting.tz, meeting.date_is_approximate) == ("Asia/Tehran", True)
    assert all(getattr(meeting, f"minutes_html_{code}") for code in CODES)
    assert "درگاه تبادل اطلاعات" in meeting.minutes_fa
    resolutions = list(Resolution.objects.filter(meeting=meeting).order_by("number"))
    assert [r.number for r in resolutions] == ["1", "2", "3", "4"]
    assert all(getattr(r, f"text_{code}") for r in resolutions for code in CODES)
    due = resolutions[1]
    assert (due.due_on, due.tz) == (dt.date(2018, 3, 20), "Asia/Tehran")
    assert list(due.responsible.all()) == [msrt]
    assert due.state == ResolutionState.IN_PROGRESS and due.is_overdue()
    deadline = Deadline.objects.get(object_id=due.pk, kind=DeadlineKind.RESOLUTION_DUE)
    assert deadline.due_at == dt.datetime(2018, 3, 20, 23, 59, tzinfo=ZoneInfo("Asia/Tehran"))
    assert list(deadline.agencies.all()) == [msrt]


def test_running_the_demo_again_changes_nothing():
    demo.load()
    stamps = list(Resolution.objects.order_by("pk").values_list("updated_at", flat=True))
    sequence = Deadline.objects.get(kind=DeadlineKind.RESOLUTION_DUE).sequence
    demo.load()
    assert list(Resolution.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert Deadline.objects.get(kind=DeadlineKind.RESOLUTION_DUE).sequence == sequence
    assert Body.objects.count() == 2
