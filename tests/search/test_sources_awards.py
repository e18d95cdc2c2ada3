"""The awards area in search (PostgreSQL): programmes, categories, editions and verified results, found by their
titles and by their names in other languages; an unverified result, or a result's unpublished project, never."""

import datetime as dt

import pytest
from django.utils import timezone

from awards.models import AwardCategory, AwardProgramme
from portal import search
from portal.models import ActionLine, ReviewState
from tests.factories import AgencyFactory, AwardEditionFactory, ProjectFactory, award_result
from tests.search.sources import assert_nowhere, entry, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return AwardProgramme.objects.create(
        slug="dijital-donusum-odulleri",
        name="Dijital Dönüşüm Ödülleri",
        name_tr="Dijital Dönüşüm Ödülleri",
        name_en="Digital Transformation Awards",
        name_ru="Премия цифровой трансформации",
        acronym="DDÖ",
        organiser="Dijital Dönüşüm Ofisi",
        website="https://ddo.example",
        description_en="A yearly award for public digital services.",
    )


def test_a_programme_is_found_by_its_title_and_by_its_name_in_another_language(programme):
    assert found("Dönüşüm ödülleri", "tr", kind="award_programme") == ["Dijital Dönüşüm Ödülleri"]
    assert found("Digital Transformation", "en", kind="award_programme") == ["Digital Transformation Awards"]
    # The Russian name finds it on the English page, under its English title.
    assert found("Премия", "en", kind="award_programme") == ["Digital Transformation Awards"]
    assert [s.title for s in search.suggest("DDÖ", kinds=["award_programme"], language="en")] == [
        "Digital Transformation Awards"
    ]


def test_a_category_is_found_with_its_programme_and_action_lines(programme):
    category = AwardCategory.objects.create(
        programme=programme, code="DX1", title="Akıllı şehirler", title_tr="Akıllı şehirler", title_en="Smart cities"
    )
    category.action_lines.set(ActionLine.objects.filter(code="C7"))
    assert found("Smart cities", "en", kind="award_category") == ["DX1 Smart cities"]
    assert found("Akıllı şehirler", "en", kind="award_category") == ["DX1 Smart cities"]
    results = search.run(search.Query.build("", kind="award_category", facets={"action_line": ["C7"]}, language="en"))
    assert [hit.url for hit in results.hits] == ["/en/awards/dijital-donusum-odulleri/"]


def test_an_open_edition_is_found_and_open_until_its_nomination_deadline(programme):
    year = timezone.now().year + 1
    edition = AwardEditionFactory(
        programme=programme, year=year, nomination_deadline=dt.date(year, 3, 15), ceremony_place_en="Geneva"
    )
    assert found(f"Digital Transformation Awards {year}", "en", kind="award_edition") == [
        f"Digital Transformation Awards {year}"
    ]
    assert found("DDÖ", "ru", kind="award_edition") == [f"Премия цифровой трансформации {year}"]
    assert entry(edition).open_until == edition.nomination_deadline_at
    assert found("", "en", kind="award_edition", open_only=True) == [f"Digital Transformation Awards {year}"]
    # The programme is open while one of its editions is.
    assert entry(programme).open_until == edition.nomination_deadline_at
    edition.nomination_deadline = dt.date(year - 3, 3, 15)
    edition.year = year - 3
    edition.save()
    assert entry(edition).open_until is None
    assert entry(programme).open_until is None
    assert found("", "en", kind="award_edition", open_only=True) == []


def test_a_verified_result_is_found_by_agency_and_project_names():
    agency = AgencyFactory(
        name="Bilgi Teknolojileri Kurumu", name_en="Information Technologies Authority", acronym="BTK"
    )
    project = ProjectFactory(agency=agency, published=True, title="e-Devlet Kapısı", title_en="e-Government Gateway")
    edition = AwardEditionFactory(past=True)
    result = award_result(edition, agency, "C7-E-government", project=project)
    title = f"e-Government Gateway — winner, WSIS Prizes {edition.year}"
    assert found("e-Government Gateway", "en", kind="award_result") == [title]
    assert found("BTK", "en", kind="award_result") == [title]
    assert found("Kapısı", "en", kind="award_result") == [title]
    assert found("", "en", kind="award_result", facets={"country": ["TR"], "agency_kind": ["regulator"]}) == []
    assert found("", "en", kind="award_result", facets={"country": ["TR"], "year": [str(edition.year)]}) == [title]
    assert entry(result) is not None


def test_an_unverified_result_is_nowhere_until_verified_and_leaves_when_unverified():
    agency = AgencyFactory(name="Gizli Belediye", name_en="Hidden Municipality", acronym="GZB")
    edition = AwardEditionFactory(past=True)
    result = award_result(edition, agency, "C7-E-government", verified=False)
    assert_nowhere(result, "award_result", "Hidden Municipality", language="en")
    result.verified_at = timezone.now()
    result.save()
    assert found("Hidden Municipality", "en", kind="award_result") == [
        f"Hidden Municipality — winner, WSIS Prizes {edition.year}"
    ]
    result.verified_at = None
    result.save()
    assert_nowhere(result, "award_result", "Hidden Municipality", language="en")


def test_a_results_unpublished_project_is_not_named_and_is_once_published():
    agency = AgencyFactory(name_en="Open Ministry")
    project = ProjectFactory(agency=agency, title="Taslak platform", title_en="Draft platform")
    edition = AwardEditionFactory(past=True)
    award_result(edition, agency, "C7-E-government", project=project)
    assert found("Draft platform", "en", kind="award_result") == []
    assert found("Open Ministry", "en", kind="award_result") == [f"Open Ministry — winner, WSIS Prizes {edition.year}"]
    project.review_state = ReviewState.PUBLISHED
    project.published_at = timezone.now()
    project.save()
    assert found("Draft platform", "en", kind="award_result") == [
        f"Draft platform — winner, WSIS Prizes {edition.year}"
    ]
