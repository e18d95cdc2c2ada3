"""The deadline registry: instants in their own zone, sync on save and delete, revisions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from portal import deadlines
from portal.deadlines import DeadlineSpec
from portal.models import Agency, Deadline, DeadlineKind
from tests import factories

ZURICH = "Europe/Zurich"


def spec(kind=DeadlineKind.AWARD_NOMINATION, due=dt.date(2026, 3, 15), tz=ZURICH, **kwargs):
    kwargs.setdefault("titles", {"en": "WSIS Prizes 2026 nominations", "tr": "WSIS 2026 ödülleri adaylık"})
    return DeadlineSpec(kind=kind, due=due, tz=tz, **kwargs)


@pytest.mark.pure
def test_a_date_means_2359_in_the_deadlines_own_zone():
    instant, date_only = deadlines.due_instant(dt.date(2026, 3, 15), ZURICH)
    assert date_only is True
    assert instant == dt.datetime(2026, 3, 15, 22, 59, tzinfo=dt.UTC)  # CET, UTC+1


@pytest.mark.pure
def test_a_date_on_the_dst_change_day_in_zurich():
    # 29 March 2026: clocks go from 02:00 to 03:00 in Zurich; 23:59 that day is CEST, UTC+2.
    instant, _ = deadlines.due_instant(dt.date(2026, 3, 29), ZURICH)
    assert instant == dt.datetime(2026, 3, 29, 21, 59, tzinfo=dt.UTC)
    assert instant.astimezone(ZoneInfo("Asia/Tehran")) == dt.datetime(
        2026, 3, 30, 1, 29, tzinfo=ZoneInfo("Asia/Tehran")
    )


@pytest.mark.pure
def test_an_aware_time_is_kept_and_a_naive_one_refused():
    aware = dt.datetime(2026, 7, 6, 9, 0, tzinfo=ZoneInfo(ZURICH))
    assert deadlines.due_instant(aware, ZURICH) == (aware, False)
    with pytest.raises(ValueError, match="aware"):
        deadlines.due_instant(dt.datetime(2026, 7, 6, 9, 0), ZURICH)  # noqa: DTZ001 - the naive input under test


@pytest.mark.pure
def test_an_unknown_zone_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        deadlines.due_instant(dt.date(2026, 3, 15), "Geneva")


def test_sync_creates_rows_with_topic_titles_and_audience():
    source = factories.AgencyFactory()
    partner = factories.AgencyFactory()
    rows = deadlines.sync(source, [spec(), spec(kind=DeadlineKind.EVENT_REGISTRATION, agencies=(partner.pk,))])
    nomination, registration = rows
    assert (nomination.topic, nomination.audience, nomination.date_only) == ("awards", "subscribers", True)
    assert (nomination.title, nomination.title_en) == ("WSIS 2026 ödülleri adaylık", "WSIS Prizes 2026 nominations")
    assert (registration.topic, registration.audience) == ("events", "agencies")
    assert list(registration.agencies.all()) == [partner]
    assert Deadline.objects.count() == 2


def test_sync_twice_changes_nothing():
    source = factories.AgencyFactory()
    first = deadlines.sync(source, [spec()])[0]
    again = deadlines.sync(source, [spec()])[0]
    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.sequence, again.updated_at) == (0, first.updated_at)
    assert Deadline.objects.count() == 1


@pytest.mark.parametrize("new_due", [dt.date(2026, 3, 1), dt.date(2026, 4, 1)], ids=["earlier", "later"])
def test_moving_a_deadline_is_a_new_revision(new_due):
    source = factories.AgencyFactory()
    deadlines.sync(source, [spec()])
    moved = deadlines.sync(source, [spec(due=new_due)])[0]
    assert moved.sequence == 1
    assert moved.due_at == dt.datetime.combine(new_due, dt.time(23, 59), tzinfo=ZoneInfo(ZURICH))


def test_a_kind_no_longer_given_is_withdrawn_and_can_come_back():
    source = factories.AgencyFactory()
    deadlines.sync(source, [spec(), spec(kind=DeadlineKind.AWARD_CEREMONY, due=dt.date(2026, 7, 7))])
    deadlines.sync(source, [spec()])
    ceremony = Deadline.objects.get(kind=DeadlineKind.AWARD_CEREMONY)
    assert ceremony.withdrawn_at is not None
    assert ceremony.sequence == 1
    deadlines.sync(source, [spec(), spec(kind=DeadlineKind.AWARD_CEREMONY, due=dt.date(2026, 7, 7))])
    ceremony.refresh_from_db()
    assert (ceremony.withdrawn_at, ceremony.sequence) == (None, 2)


def test_withdraw_only_counts_open_rows():
    source = factories.AgencyFactory()
    deadlines.sync(source, [spec(), spec(kind=DeadlineKind.AWARD_VOTING)])
    assert deadlines.withdraw(source, kinds=[DeadlineKind.AWARD_VOTING]) == 1
    assert deadlines.withdraw(source) == 1
    assert deadlines.withdraw(source) == 0


def test_a_title_in_turkish_or_english_is_required():
    with pytest.raises(ValueError, match="Turkish or English"):
        deadlines.sync(factories.AgencyFactory(), [spec(titles={"fa": "فقط فارسی"})])
    assert Deadline.objects.count() == 0


def test_track_follows_saves_and_deletes():
    def specs_for(agency):
        return [spec(titles={"en": f"{agency.name_en} report"})] if agency.acronym else []

    deadlines.track(Agency, specs_for)
    try:
        agency = factories.AgencyFactory(acronym="")
        assert Deadline.objects.count() == 0
        agency.acronym = "MCIT"
        agency.save()
        row = Deadline.objects.get()
        assert (row.object_id, row.title_en, row.source) == (agency.pk, f"{agency.name_en} report", agency)
        pk = agency.pk
        agency.delete()
        row.refresh_from_db()
        assert (row.object_id, row.withdrawn_at is not None) == (pk, True)
    finally:
        deadlines.untrack(Agency)


def test_track_notice_follows_what_it_reads_and_leaves_its_own_save_alone():
    """A notice (here: a project's, addressed to its agency) is synced by its writer, again when a record it
    follows is saved again, and withdrawn when it is deleted."""
    from portal.models import Project

    def specs_for(project):
        agency = project.agency
        title = f"{agency.parent.name_en} / {agency.name_en}: {project.title_en}"
        return [spec(titles={"en": title}, agencies=(agency.pk,))]

    deadlines.track_notice(Project, specs_for, follows=["agency", "agency__parent"])
    try:
        parent = factories.AgencyFactory(name_en="Ministry")
        project = factories.ProjectFactory(agency=factories.AgencyFactory(parent=parent, name_en="Office"))
        assert Deadline.objects.count() == 0  # its own save is left to its writer
        deadlines.sync(project, specs_for(project))
        row = Deadline.objects.get()
        assert (row.title_en, row.sequence) == (f"Ministry / Office: {project.title_en}", 0)

        project.agency.name_en = "Bureau"
        project.agency.save()
        row.refresh_from_db()
        assert (row.title_en, row.sequence) == (f"Ministry / Bureau: {project.title_en}", 1)
        parent.name_en = "Presidency"
        parent.save()
        row.refresh_from_db()
        assert (row.title_en, row.sequence) == (f"Presidency / Bureau: {project.title_en}", 2)

        written = project.title_en
        project.title_en = "Renamed"
        project.save()
        row.refresh_from_db()
        assert (row.title_en, row.sequence) == (f"Presidency / Bureau: {written}", 2)  # its own save: nothing

        project.delete()
        row.refresh_from_db()
        assert row.withdrawn_at is not None
    finally:
        deadlines.untrack(Project)


def test_one_row_per_source_and_kind_in_the_database():
    source = factories.AgencyFactory()
    row = deadlines.sync(source, [spec()])[0]
    with pytest.raises(IntegrityError):
        Deadline.objects.create(
            content_type=row.content_type, object_id=row.object_id, kind=row.kind, topic="awards",
            title="x", due_at=row.due_at, tz=ZURICH,
        )  # fmt: skip
