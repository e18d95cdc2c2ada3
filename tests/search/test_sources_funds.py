"""The funds area in search (PostgreSQL): funders, programmes, calls and published grants, found by their titles and
by their names in other languages; a draft grant never, a call open until its deadline and no longer once cancelled."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from funds.models import CallState
from portal import search
from portal.models import ReviewState
from tests.factories import AgencyFactory, FunderFactory, FundingCallFactory, FundingProgrammeFactory, GrantFactory
from tests.search.sources import assert_nowhere, entry, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def koica():
    return FunderFactory(
        slug="koica",
        name="Kore Uluslararası İşbirliği Ajansı",
        name_tr="Kore Uluslararası İşbirliği Ajansı",
        name_en="Korea International Cooperation Agency",
        acronym="KOICA",
        country="KR",
    )


def test_a_funder_and_its_programme_are_found_by_their_names_in_any_language(koica):
    FundingProgrammeFactory(
        funder=koica, slug="ict-fellowship", name="BİT burs programı", name_tr="BİT burs programı",
        name_en="ICT fellowship programme", action_lines=["C4"],
    )  # fmt: skip
    assert found("Korea International Cooperation", "en", kind="funder") == ["Korea International Cooperation Agency"]
    assert found("KOICA", "tr", kind="funder") == ["Kore Uluslararası İşbirliği Ajansı"]
    assert found("ICT fellowship", "en", kind="fund_programme") == ["ICT fellowship programme"]
    # The funder's name in another language finds its programme.
    assert found("İşbirliği Ajansı", "en", kind="fund_programme") == ["ICT fellowship programme"]
    assert found("", "en", kind="fund_programme", facets={"country": ["KR"], "action_line": ["C4"]}) == [
        "ICT fellowship programme"
    ]


def test_a_call_is_open_until_its_deadline_and_not_once_cancelled(koica):
    programme = FundingProgrammeFactory(funder=koica, name="Kalkınma", name_en="Development")
    call = FundingCallFactory(programme=programme, title="Sayısal devlet çağrısı", title_en="Digital government call")
    assert found("Digital government call", "en", kind="fund_call") == ["Digital government call"]
    assert found("çağrısı", "en", kind="fund_call") == ["Digital government call"]
    assert found("KOICA", "en", kind="fund_call") == ["Digital government call"]
    assert entry(call).open_until == call.deadline_at
    assert found("", "en", kind="fund_call", open_only=True) == ["Digital government call"]
    assert entry(programme).open_until == call.deadline_at
    assert entry(koica).open_until == call.deadline_at
    call.state = CallState.CANCELLED
    call.save()
    assert entry(call).open_until is None
    assert (entry(programme).open_until, entry(koica).open_until) == (None, None)
    assert found("", "en", kind="fund_call", open_only=True) == []
    assert found("Digital government call", "en", kind="fund_call") == ["Digital government call"]


def test_a_published_grant_is_found_and_a_draft_is_nowhere(koica):
    agency = AgencyFactory(
        name="Azerbaycan Bakanlığı", name_en="Ministry of Azerbaijan", acronym="MINCOM", country="AZ"
    )
    grant = GrantFactory(
        funder=koica, agency=agency, amount=Decimal("3700000"), signed_on=dt.date(2013, 4, 18),
        purpose="e-Devlet eğitim merkezi", purpose_en="e-Government education centre",
    )  # fmt: skip
    assert_nowhere(grant, "grant", "education centre", language="en")
    assert_nowhere(grant, "grant", "MINCOM", language="en")
    grant.review_state = ReviewState.PUBLISHED
    grant.published_at = timezone.now()
    grant.save()
    title = "Korea International Cooperation Agency grant to Ministry of Azerbaijan"
    assert found("education centre", "en", kind="grant") == [title]
    assert found("MINCOM", "en", kind="grant") == [title]
    assert found("Bakanlığı", "en", kind="grant") == [title]
    assert found("", "en", kind="grant", facets={"country": ["AZ"], "year": ["2013"]}) == [title]
    grant.review_state = ReviewState.DRAFT
    grant.save()
    assert_nowhere(grant, "grant", "education centre", language="en")


def test_renaming_the_recipient_agency_reindexes_its_grants(koica):
    agency = AgencyFactory(name_en="Lavender")
    GrantFactory(funder=koica, agency=agency, published=True)
    agency.name_en = "Orchidaceae"
    agency.save()
    assert found("Orchidaceae", "en", kind="grant") == ["Korea International Cooperation Agency grant to Orchidaceae"]
    assert search.run(search.Query.build("Lavender", kind="grant", language="en")).total == 0
