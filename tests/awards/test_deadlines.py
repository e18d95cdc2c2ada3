"""Award editions keep their dated steps in the deadline registry: registered, moved and withdrawn with them."""

import datetime as dt
from zoneinfo import ZoneInfo

from awards.models import AwardEdition
from portal.models import Deadline
from tests.factories import AwardEditionFactory, award_programme

ZURICH = ZoneInfo("Europe/Zurich")


def rows(edition):
    return {row.kind: row for row in Deadline.objects.filter(object_id=edition.pk, content_type__app_label="awards")}


def test_a_date_only_nomination_deadline_is_2359_in_zurich():
    edition = AwardEditionFactory(year=2026, nomination_deadline=dt.date(2026, 3, 15), tz="Europe/Zurich")
    row = rows(edition)["award.nomination"]
    assert row.due_at == dt.datetime(2026, 3, 15, 23, 59, tzinfo=ZURICH)
    assert row.due_at == dt.datetime(2026, 3, 15, 22, 59, tzinfo=dt.UTC)
    assert (row.tz, row.date_only, row.topic, row.tentative, row.audience) == (
        "Europe/Zurich",
        True,
        "awards",
        False,
        "subscribers",
    )
    assert row.source == edition
    assert row.url == f"/awards/editions/{edition.pk}/"


def test_a_deadline_with_its_time_is_that_time_in_the_editions_zone():
    edition = AwardEditionFactory(
        year=2026, nomination_deadline=dt.date(2026, 6, 30), nomination_deadline_time=dt.time(12, 0), tz="UTC"
    )
    row = rows(edition)["award.nomination"]
    assert (row.due_at, row.date_only, row.tz) == (dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC), False, "UTC")


def test_every_dated_step_is_registered_with_titles_in_every_language():
    edition = AwardEditionFactory(
        year=2026,
        nomination_opens=dt.date(2025, 11, 3),
        nomination_deadline=dt.date(2026, 3, 15),
        voting_starts=dt.date(2026, 3, 20),
        voting_ends=dt.date(2026, 4, 20),
        ceremony_on=dt.date(2026, 7, 6),
    )
    registered = rows(edition)
    assert set(registered) == {"award.nomination_opens", "award.nomination", "award.voting", "award.ceremony"}
    assert registered["award.nomination"].title_en == "WSIS Prizes 2026 — nomination deadline"
    assert registered["award.nomination"].title_tr == "WSIS Ödülleri 2026 — adaylık son başvuru tarihi"
    assert registered["award.nomination_opens"].title_en == "WSIS Prizes 2026 — nominations open"
    assert registered["award.ceremony"].title_en == "WSIS Prizes 2026 — award ceremony"
    # Voting: the day the vote closes.
    voting = registered["award.voting"]
    assert voting.title_en == "WSIS Prizes 2026 — online voting closes"
    assert voting.due_at == dt.datetime(2026, 4, 20, 23, 59, tzinfo=ZURICH)
    for code in ("ru", "ky", "fa", "az"):
        title = getattr(registered["award.nomination"], f"title_{code}")
        assert "2026" in title
        assert title != registered["award.nomination"].title_en, code


def test_only_the_start_of_the_vote_known_registers_its_first_day():
    edition = AwardEditionFactory(year=2026, voting_starts=dt.date(2026, 3, 20))
    voting = rows(edition)["award.voting"]
    assert voting.due_at == dt.datetime(2026, 3, 20, 23, 59, tzinfo=ZURICH)
    assert voting.title_en == "WSIS Prizes 2026 — online voting opens"


def test_moving_a_date_moves_its_deadline_as_a_new_revision():
    edition = AwardEditionFactory(year=2026, nomination_deadline=dt.date(2026, 3, 15))
    before = rows(edition)["award.nomination"]
    edition.nomination_deadline = dt.date(2026, 3, 31)
    edition.save()
    after = rows(edition)["award.nomination"]
    assert after.pk == before.pk
    assert after.due_at == dt.datetime(2026, 3, 31, 23, 59, tzinfo=ZURICH)
    assert after.sequence == before.sequence + 1


def test_changing_the_zone_moves_the_instant():
    edition = AwardEditionFactory(year=2026, nomination_deadline=dt.date(2026, 3, 15))
    edition.tz = "America/New_York"
    edition.save()
    row = rows(edition)["award.nomination"]
    assert (row.tz, row.due_at) == (
        "America/New_York",
        dt.datetime(2026, 3, 15, 23, 59, tzinfo=ZoneInfo("America/New_York")),
    )


def test_a_cleared_date_withdraws_its_deadline_and_deleting_the_edition_withdraws_all():
    edition = AwardEditionFactory(year=2026, nomination_deadline=dt.date(2026, 3, 15), ceremony_on=dt.date(2026, 7, 6))
    edition.ceremony_on = None
    edition.save()
    registered = rows(edition)
    assert registered["award.ceremony"].withdrawn_at is not None
    assert registered["award.nomination"].withdrawn_at is None
    pk = edition.pk
    edition.delete()
    assert (
        Deadline.objects.filter(object_id=pk, content_type__app_label="awards", withdrawn_at__isnull=True).count() == 0
    )
    assert Deadline.objects.filter(object_id=pk, content_type__app_label="awards").count() == 2


def test_tentative_editions_register_tentative_deadlines_and_confirming_them_is_a_revision():
    edition = AwardEditionFactory(year=2027, nomination_deadline=dt.date(2027, 3, 15), tentative=True)
    row = rows(edition)["award.nomination"]
    assert row.tentative is True
    edition.tentative = False
    edition.save()
    confirmed = rows(edition)["award.nomination"]
    assert (confirmed.tentative, confirmed.sequence) == (False, row.sequence + 1)


def test_an_edition_without_dates_registers_nothing():
    edition = AwardEdition.objects.create(programme=award_programme("unpsa"), year=2031, tz="America/New_York")
    assert rows(edition) == {}


def test_renaming_the_programme_retitles_its_editions_deadlines():
    edition = AwardEditionFactory(year=2026, nomination_deadline=dt.date(2026, 3, 15))
    programme = edition.programme
    programme.name_en = "World Summit on the Information Society Prizes"
    programme.save()
    row = rows(edition)["award.nomination"]
    assert row.title_en == "World Summit on the Information Society Prizes 2026 — nomination deadline"
    assert row.sequence == 1
