"""Awards: the reference programmes and categories, and the rules of editions, results and applications."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from awards import services
from awards.models import AwardApplication, AwardCategory, AwardEdition, AwardProgramme, AwardResult
from portal.models import Deadline
from tests import factories
from tests.factories import AwardEditionFactory, award_category, award_programme

# --- Reference data -------------------------------------------------------------------------------

WSIS_LINES = {
    "C1": "C1",
    "C2": "C2",
    "C3": "C3",
    "C4": "C4",
    "C5": "C5",
    "C6": "C6",
    "C7-E-government": "C7.1",
    "C7-E-business": "C7.2",
    "C7-E-learning": "C7.3",
    "C7-E-health": "C7.4",
    "C7-E-employment": "C7.5",
    "C7-E-environment": "C7.6",
    "C7-E-agriculture": "C7.7",
    "C7-E-science": "C7.8",
    "C8": "C8",
    "C9": "C9",
    "C10": "C10",
    "C11": "C11",
}


def test_wsis_prizes_has_its_18_categories_in_itus_order_each_on_its_action_line():
    wsis = award_programme("wsis-prizes")
    assert (wsis.acronym, wsis.frequency, wsis.organiser_en) == (
        "WSIS",
        "annual",
        "International Telecommunication Union (ITU)",
    )
    assert wsis.website.startswith("https://www.itu.int/net4/wsis/")
    categories = list(wsis.categories.prefetch_related("action_lines"))
    assert [c.code for c in categories] == list(WSIS_LINES)
    assert [c.position for c in categories] == list(range(1, 19))
    assert {c.code: [line.code for line in c.action_lines.all()] for c in categories} == {
        code: [line] for code, line in WSIS_LINES.items()
    }


def test_the_c7_categories_sit_on_the_sub_line_of_the_same_application():
    # The action line's own title names the same application as the category's.
    for category in AwardCategory.objects.filter(programme__slug="wsis-prizes", code__startswith="C7-"):
        line = category.action_lines.get()
        application = category.code.removeprefix("C7-")
        assert line.title_en.lower().endswith(application.lower()), (category.code, line.title_en)
        assert category.title_en.lower().endswith(application.lower())


def test_category_titles_in_turkish_and_english():
    category = award_category("C7-E-health")
    assert (category.title_tr, category.title_en) == ("BİT uygulamaları: E-sağlık", "ICT Applications: E-health")
    with translation.override("fa"):
        assert category.title == "ICT Applications: E-health"  # Persian falls back to English
    with translation.override("tr"):
        assert category.title == "BİT uygulamaları: E-sağlık"


def test_unpsa_with_the_categories_of_its_2026_call():
    unpsa = award_programme("unpsa")
    assert unpsa.website == "https://publicadministration.desa.un.org/en/unpsa"
    assert "UN DESA" in unpsa.organiser_en
    assert list(unpsa.categories.values_list("code", "title_en")) == [
        ("2026-1", "Delivering inclusive and equitable services to leave no one behind"),
        ("2026-2", "Gender-responsive public services"),
        ("2026-3", "Transparent and accountable public institutions to achieve the SDGs"),
        ("2026-4", "Participation and public engagement for inclusive decision-making"),
    ]
    assert all(unpsa.categories.values_list("title_tr", flat=True))
    assert list(award_category("2026-2", "unpsa").sdgs.values_list("number", flat=True)) == [5]


def test_a_category_code_is_unique_within_its_programme_only():
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardCategory.objects.create(programme=award_programme(), code="C1", title="Again")
    other = AwardCategory.objects.create(programme=award_programme("unpsa"), code="C1", title="Another programme")
    assert other.pk


# --- Editions -------------------------------------------------------------------------------------


def edition(**values):
    values.setdefault("programme", award_programme())
    values.setdefault("year", 2026)
    values.setdefault("tz", "Europe/Zurich")
    return AwardEdition(**values)


def errors_of(record) -> dict:
    with pytest.raises(ValidationError) as caught:
        record.full_clean()
    return caught.value.message_dict


def test_an_edition_with_dates_in_order_is_valid():
    edition(
        nomination_opens=dt.date(2025, 11, 1),
        nomination_deadline=dt.date(2026, 3, 15),
        voting_starts=dt.date(2026, 3, 20),
        voting_ends=dt.date(2026, 4, 20),
        ceremony_on=dt.date(2026, 7, 6),
    ).full_clean()
    edition(nomination_deadline=dt.date(2026, 3, 15), ceremony_on=dt.date(2026, 3, 15)).full_clean()  # same day


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("values", "field", "earlier"),
    [
        (
            {"nomination_opens": dt.date(2026, 3, 16), "nomination_deadline": dt.date(2026, 3, 15)},
            "nomination_deadline",
            "“nominations open” (2026-03-16)",
        ),
        (
            {"nomination_deadline": dt.date(2026, 3, 15), "voting_starts": dt.date(2026, 3, 1)},
            "voting_starts",
            "“nomination deadline” (2026-03-15)",
        ),
        (
            {"voting_starts": dt.date(2026, 4, 1), "voting_ends": dt.date(2026, 3, 31)},
            "voting_ends",
            "“voting starts” (2026-04-01)",
        ),
        (
            {"voting_ends": dt.date(2026, 7, 7), "ceremony_on": dt.date(2026, 7, 6)},
            "ceremony_on",
            "“voting ends” (2026-07-07)",
        ),
        # A gap in the chain: the ceremony is still checked against the last date before it.
        (
            {"nomination_deadline": dt.date(2026, 3, 15), "ceremony_on": dt.date(2026, 1, 1)},
            "ceremony_on",
            "“nomination deadline” (2026-03-15)",
        ),
    ],
)
def test_dates_out_of_order_are_a_field_error_naming_the_earlier_date(english, values, field, earlier):
    errors = errors_of(edition(**values))
    assert errors == {field: [f"This date cannot be before {earlier}."]}


def test_the_date_order_error_in_turkish():
    with translation.override("tr"):
        errors = errors_of(edition(nomination_opens=dt.date(2026, 3, 16), nomination_deadline=dt.date(2026, 3, 15)))
    assert errors == {
        "nomination_deadline": ["Bu tarih “adaylık başvuruları açılıyor” (2026-03-16) tarihinden önce olamaz."]
    }


def test_an_unknown_zone_is_a_field_error(english):
    errors = errors_of(edition(tz="Geneva", nomination_deadline=dt.date(2026, 3, 15)))
    assert errors == {"tz": ["“Geneva” is not a known time zone."]}


def test_a_deadline_time_needs_its_date():
    errors = errors_of(edition(nomination_deadline_time=dt.time(12, 0)))
    assert list(errors) == ["nomination_deadline"]


def test_nomination_due_is_the_date_or_the_local_time_in_the_editions_zone():
    assert edition(nomination_deadline=dt.date(2026, 3, 15)).nomination_due == dt.date(2026, 3, 15)
    timed = edition(nomination_deadline=dt.date(2026, 3, 15), nomination_deadline_time=dt.time(12, 0))
    assert timed.nomination_due == dt.datetime(2026, 3, 15, 11, 0, tzinfo=dt.UTC)  # noon CET
    assert edition().nomination_due is None


def test_one_edition_per_programme_and_year():
    AwardEditionFactory(year=2026)
    errors = errors_of(edition(year=2026))
    assert "__all__" in errors
    with pytest.raises(IntegrityError), transaction.atomic():
        edition(year=2026).save()
    AwardEditionFactory(programme=award_programme("unpsa"), year=2026)  # another programme's


# --- Proposing the next edition -------------------------------------------------------------------


def test_propose_next_edition_keeps_month_day_time_and_zone_and_is_tentative():
    past = AwardEditionFactory(
        year=2026,
        nomination_opens=dt.date(2025, 11, 3),
        nomination_deadline=dt.date(2026, 3, 15),
        nomination_deadline_time=dt.time(17, 0),
        voting_starts=dt.date(2026, 3, 20),
        voting_ends=dt.date(2026, 4, 20),
        ceremony_on=dt.date(2026, 7, 6),
        ceremony_place_en="WSIS Forum, Geneva",
        ceremony_place_tr="WSIS Forumu, Cenevre",
        url="https://www.itu.int/net4/wsis/stocktaking/Prizes/2026",
        tz="Europe/Zurich",
    )
    proposed = services.propose_next_edition(past)
    proposed.refresh_from_db()
    assert (proposed.programme, proposed.year, proposed.tentative, proposed.tz) == (
        past.programme,
        2027,
        True,
        "Europe/Zurich",
    )
    assert (proposed.nomination_opens, proposed.nomination_deadline, proposed.nomination_deadline_time) == (
        dt.date(2026, 11, 3),
        dt.date(2027, 3, 15),
        dt.time(17, 0),
    )
    assert (proposed.voting_starts, proposed.voting_ends, proposed.ceremony_on) == (
        dt.date(2027, 3, 20),
        dt.date(2027, 4, 20),
        dt.date(2027, 7, 6),
    )
    assert (proposed.ceremony_place_en, proposed.ceremony_place_tr) == ("WSIS Forum, Geneva", "WSIS Forumu, Cenevre")
    assert proposed.url == ""  # next year's page is the organiser's to announce
    kinds = set(Deadline.objects.filter(object_id=proposed.pk, tentative=True).values_list("kind", flat=True))
    assert kinds == {"award.nomination_opens", "award.nomination", "award.voting", "award.ceremony"}


def test_propose_next_edition_moves_29_february_to_28_february():
    past = AwardEditionFactory(year=2028, nomination_deadline=dt.date(2028, 2, 29))
    assert services.propose_next_edition(past).nomination_deadline == dt.date(2029, 2, 28)


def test_a_biennial_programme_proposes_an_edition_two_years_on_with_every_date_moved():
    programme = award_programme("unpsa")
    programme.frequency = "biennial"
    programme.save()
    past = AwardEditionFactory(
        programme=programme,
        year=2026,
        nomination_opens=dt.date(2025, 2, 17),
        nomination_deadline=dt.date(2025, 3, 31),
        nomination_deadline_time=dt.time(23, 59),
        ceremony_on=dt.date(2026, 6, 23),
        tz="America/New_York",
    )
    proposed = services.propose_next_edition(past)
    proposed.refresh_from_db()
    assert (proposed.year, proposed.tentative) == (2028, True)
    assert (proposed.nomination_opens, proposed.nomination_deadline, proposed.ceremony_on) == (
        dt.date(2027, 2, 17),
        dt.date(2027, 3, 31),
        dt.date(2028, 6, 23),
    )
    assert proposed.nomination_deadline_at == dt.datetime(2027, 3, 31, 23, 59, tzinfo=ZoneInfo("America/New_York"))
    assert not AwardEdition.objects.filter(programme=programme, year=2027).exists()


def test_an_irregular_programme_repeats_the_gap_between_its_last_two_editions():
    programme = award_programme("unpsa")
    programme.frequency = "irregular"
    programme.save()
    AwardEditionFactory(programme=programme, year=2020)
    past = AwardEditionFactory(programme=programme, year=2024, nomination_deadline=dt.date(2024, 2, 29))
    proposed = services.propose_next_edition(past)
    assert (proposed.year, proposed.nomination_deadline) == (2028, dt.date(2028, 2, 29))  # a leap year again


def test_a_biennial_programme_moves_29_february_to_28_february_in_a_common_year():
    programme = award_programme("unpsa")
    programme.frequency = "biennial"
    programme.save()
    past = AwardEditionFactory(
        programme=programme,
        year=2028,
        nomination_opens=dt.date(2027, 12, 1),
        nomination_deadline=dt.date(2028, 2, 29),
        nomination_deadline_time=dt.time(12, 0),
    )
    proposed = services.propose_next_edition(past)
    assert (proposed.year, proposed.nomination_opens, proposed.nomination_deadline) == (
        2030,
        dt.date(2029, 12, 1),
        dt.date(2030, 2, 28),
    )
    assert proposed.nomination_deadline_at == dt.datetime(2030, 2, 28, 12, 0, tzinfo=ZoneInfo("Europe/Zurich"))


def test_a_text_naming_the_editions_year_takes_the_new_year_and_waits_for_a_curator():
    past = AwardEditionFactory(
        year=2026,
        ceremony_place_en="WSIS Forum 2026, Geneva",
        ceremony_place_tr="WSIS Forumu 2026, Cenevre",
        ceremony_place_ru="Форум ВВУИО 2026 года, Женева",
        ceremony_place_ky="",
        ceremony_place_fa="مجمع WSIS ۲۰۲۶، ژنو (تیر ۱۴۰۵)",
        ceremony_place_az="ÜİCS Forumu-٢٠٢٦, Cenevrə",
    )
    proposed = services.propose_next_edition(past)
    proposed.refresh_from_db()
    assert (
        proposed.ceremony_place_en,
        proposed.ceremony_place_tr,
        proposed.ceremony_place_ru,
        proposed.ceremony_place_ky,
        proposed.ceremony_place_fa,
        proposed.ceremony_place_az,
    ) == (
        "WSIS Forum 2027, Geneva",
        "WSIS Forumu 2027, Cenevre",
        "Форум ВВУИО 2027 года, Женева",
        "",
        "مجمع WSIS ۲۰۲۷، ژنو (تیر ۱۴۰۶)",  # Persian digits, and the Solar Hijri year of the ceremony
        "ÜİCS Forumu-٢٠٢٧, Cenevrə",  # Arabic-Indic digits
    )
    assert proposed.texts_to_confirm == {
        "ceremony_place_en": "WSIS Forum 2026, Geneva",
        "ceremony_place_tr": "WSIS Forumu 2026, Cenevre",
        "ceremony_place_ru": "Форум ВВУИО 2026 года, Женева",
        "ceremony_place_fa": "مجمع WSIS ۲۰۲۶، ژنو (تیر ۱۴۰۵)",
        "ceremony_place_az": "ÜİCS Forumu-٢٠٢٦, Cenevrə",
    }
    assert proposed.unconfirmed_texts == {"ceremony_place"}


def test_a_text_naming_another_year_is_kept_as_it_is_but_waits_for_a_curator_and_one_without_a_year_does_not():
    past = AwardEditionFactory(
        year=2026,
        ceremony_place_en="WSIS+20 review venue (2025), Geneva",
        ceremony_place_tr="Cenevre, 12345 numaralı salon",  # a number that is no year
        ceremony_place_ky="Женева, 2025–2026-жылдардын сезону",  # a span holding the edition's year moves whole
    )
    proposed = services.propose_next_edition(past)
    assert (proposed.ceremony_place_en, proposed.ceremony_place_tr, proposed.ceremony_place_ky) == (
        "WSIS+20 review venue (2025), Geneva",
        "Cenevre, 12345 numaralı salon",
        "Женева, 2026–2027-жылдардын сезону",
    )
    assert proposed.texts_to_confirm == {
        "ceremony_place_en": "WSIS+20 review venue (2025), Geneva",
        "ceremony_place_ky": "Женева, 2025–2026-жылдардын сезону",
    }


def test_a_curator_confirms_the_texts_by_confirming_editing_or_announcing_the_edition():
    past = AwardEditionFactory(
        year=2026, ceremony_place_en="WSIS Forum 2026, Geneva", ceremony_place_tr="WSIS Forumu 2026, Cenevre"
    )
    proposed = services.propose_next_edition(past)
    services.settle_texts_to_confirm(proposed, edited=["ceremony_place_en", "ceremony_on"])
    proposed.refresh_from_db()
    assert proposed.texts_to_confirm == {"ceremony_place_tr": "WSIS Forumu 2026, Cenevre"}
    services.settle_texts_to_confirm(proposed)  # saved, nothing confirmed: still waiting
    proposed.refresh_from_db()
    assert list(proposed.texts_to_confirm) == ["ceremony_place_tr"]
    services.settle_texts_to_confirm(proposed, confirmed=True)
    proposed.refresh_from_db()
    assert (proposed.texts_to_confirm, proposed.tentative) == ({}, True)

    announced = services.propose_next_edition(proposed)  # 2028, its texts waiting again
    assert announced.texts_to_confirm == {
        "ceremony_place_en": "WSIS Forum 2027, Geneva",
        "ceremony_place_tr": "WSIS Forumu 2027, Cenevre",
    }
    announced.tentative = False  # the organiser's announcement checked
    announced.save()
    services.settle_texts_to_confirm(announced)
    announced.refresh_from_db()
    assert (announced.texts_to_confirm, announced.ceremony_place_en) == ({}, "WSIS Forum 2028, Geneva")


def test_proposing_an_edition_that_exists_is_refused_and_changes_nothing(english):
    past = AwardEditionFactory(year=2026)
    existing = AwardEditionFactory(year=2027, nomination_deadline=dt.date(2027, 2, 1))
    with pytest.raises(ValidationError, match="already has an edition in 2027"):
        services.propose_next_edition(past)
    existing.refresh_from_db()
    assert (existing.nomination_deadline, existing.tentative) == (dt.date(2027, 2, 1), False)
    assert AwardEdition.objects.filter(programme=past.programme).count() == 2


# --- Results and applications ---------------------------------------------------------------------


def test_a_result_in_another_programmes_category_or_with_a_foreign_project_is_refused():
    wsis_2026 = AwardEditionFactory(year=2026)
    agency, other = factories.AgencyFactory(), factories.AgencyFactory()
    project = factories.ProjectFactory(agency=other)
    result = AwardResult(
        edition=wsis_2026,
        category=award_category("2026-1", "unpsa"),
        agency=agency,
        project=project,
        outcome="winner",
    )
    assert set(errors_of(result)) == {"category", "project"}
    factories.partners(project, agency)  # a partner's project is fine
    result.category = award_category("C7-E-government")
    result.full_clean()


def test_an_unknown_outcome_is_a_field_error():
    result = AwardResult(edition=AwardEditionFactory(), agency=factories.AgencyFactory(), outcome="gold")
    assert list(errors_of(result)) == ["outcome"]


def test_the_same_result_line_cannot_be_entered_twice_even_without_category_or_project():
    edition_ = AwardEditionFactory()
    agency = factories.AgencyFactory()
    AwardResult.objects.create(edition=edition_, agency=agency, outcome="winner")
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardResult.objects.create(edition=edition_, agency=agency, outcome="finalist")
    with translation.override("en"):
        errors = errors_of(AwardResult(edition=edition_, agency=agency, outcome="finalist"))
    assert errors == {"__all__": ["This result is already in the inventory."]}
    project = factories.ProjectFactory(agency=agency)
    AwardResult.objects.create(edition=edition_, agency=agency, project=project, outcome="finalist")  # another line


def test_an_application_decided_before_it_was_submitted_is_refused():
    project = factories.ProjectFactory()
    application = AwardApplication(
        agency=project.agency,
        project=project,
        edition=AwardEditionFactory(),
        category=award_category("C4"),
        state="not_selected",
        submitted_on=dt.date(2026, 3, 10),
        decided_on=dt.date(2026, 3, 1),
    )
    assert list(errors_of(application)) == ["decided_on"]
    application.decided_on = dt.date(2026, 5, 1)
    application.full_clean()
    application.save()
    duplicate = AwardApplication(
        agency=project.agency, project=project, edition=application.edition, category=application.category
    )
    with translation.override("en"):
        errors = errors_of(duplicate)
    assert errors == {"__all__": ["This project already has an application in this category of the edition."]}


# --- Demo -----------------------------------------------------------------------------------------


def awards_snapshot():
    rows = []
    for model in (AwardProgramme, AwardCategory, AwardEdition, AwardResult, AwardApplication, Deadline):
        data = serializers.serialize("python", model.objects.order_by("pk"))
        for row in data:
            row["fields"].pop("updated_at", None)
        rows.append(data)
    return rows


def test_demo_awards_load_twice_without_changes():
    call_command("load_demo", stdout=io.StringIO())
    first = awards_snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert awards_snapshot() == first


def test_demo_awards_hold_the_seeds_facts():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "award editions" in out.getvalue()
    wsis_2026 = AwardEdition.objects.get(programme__slug="wsis-prizes", year=2026)
    assert (wsis_2026.nomination_deadline, wsis_2026.tz, wsis_2026.tentative) == (
        dt.date(2026, 3, 15),
        "Europe/Zurich",
        False,
    )
    assert wsis_2026.ceremony_on == dt.date(2026, 7, 6)
    assert wsis_2026.ceremony_place_en == "WSIS Forum 2026, Geneva"
    nomination = Deadline.objects.get(object_id=wsis_2026.pk, kind="award.nomination")
    assert nomination.due_at == dt.datetime(2026, 3, 15, 22, 59, tzinfo=dt.UTC)
    wsis_2027 = AwardEdition.objects.get(programme__slug="wsis-prizes", year=2027)
    assert (wsis_2027.tentative, wsis_2027.nomination_deadline) == (True, dt.date(2027, 3, 15))
    # Its ceremony is not said to be at the forum of 2026: the year is moved, and waits for a curator.
    assert (wsis_2027.ceremony_on, wsis_2027.ceremony_place_en, wsis_2027.ceremony_place_tr) == (
        dt.date(2027, 7, 6),
        "WSIS Forum 2027, Geneva",
        "WSIS Forumu 2027, Cenevre",
    )
    assert wsis_2027.texts_to_confirm == {
        "ceremony_place_en": "WSIS Forum 2026, Geneva",
        "ceremony_place_tr": "WSIS Forumu 2026, Cenevre",
    }
    # Every invented result says so.
    results = AwardResult.objects.filter(edition=wsis_2026)
    assert results.count() >= 3
    assert all("Demo" in notes for notes in results.values_list("notes_en", flat=True))
    assert AwardApplication.objects.filter(edition=wsis_2027, state="planned").exists()


def test_tentative_editions_proposed_before_keep_their_texts_naming_another_year_for_a_curator():
    """The data step of migration 0011 on editions as they stood before it: the 2027 edition that still says
    “WSIS Forum 2026” waits for a curator; its own year, an announced edition, a text without a year do not."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("awards.migrations.0011_texts_to_confirm_existing")
    carried = AwardEditionFactory(
        year=2027, tentative=True, ceremony_place_en="WSIS Forum 2026, Geneva", ceremony_place_fa="ژنو ۲۰۲۶"
    )
    own_year = AwardEditionFactory(year=2028, tentative=True, ceremony_place_en="WSIS Forum 2028, Geneva")
    announced = AwardEditionFactory(year=2029, tentative=False, ceremony_place_en="WSIS Forum 2026, Geneva")
    no_year = AwardEditionFactory(year=2030, tentative=True, ceremony_place_en="Geneva")

    migration.flag_texts_naming_another_year(apps, None)

    for edition in (carried, own_year, announced, no_year):
        edition.refresh_from_db()
    assert carried.texts_to_confirm == {
        "ceremony_place_en": "WSIS Forum 2026, Geneva",
        "ceremony_place_fa": "ژنو ۲۰۲۶",
    }
    assert carried.ceremony_place_en == "WSIS Forum 2026, Geneva"  # unchanged: the curator decides
    assert (own_year.texts_to_confirm, announced.texts_to_confirm, no_year.texts_to_confirm) == ({}, {}, {})
