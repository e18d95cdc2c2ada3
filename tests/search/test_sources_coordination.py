"""The coordination area in search (PostgreSQL): public circulars in force only (never a draft, an addressees-only
letter or a withdrawn one), meetings, resolutions, private-sector partners with their published contributions."""

import pytest

from coordination.circulars.services import send_circular, withdraw_circular
from tests.factories import (
    AgencyFactory,
    BodyFactory,
    CircularFactory,
    CompanyFactory,
    ContributionFactory,
    DistributionListFactory,
    MeetingFactory,
    ResolutionFactory,
    in_days,
    sent_circular,
)
from tests.search.sources import assert_nowhere, entry, found

pytestmark = pytest.mark.django_db


def test_a_sent_public_circular_is_found_open_until_its_reply_deadline_and_leaves_when_withdrawn():
    sender = AgencyFactory(name="Dijital Dönüşüm Ofisi", name_en="Digital Transformation Office", acronym="DDO")
    circular = sent_circular(
        [AgencyFactory()], sender=sender, public=True, subject="WSIS ödülleri başvuruları",
        subject_en="WSIS Prizes applications", reference="E-2026/7",
    )  # fmt: skip
    assert found("WSIS ödülleri", "tr", kind="circular") == ["WSIS ödülleri başvuruları"]
    assert found("Digital Transformation Office", "en", kind="circular") == ["WSIS Prizes applications"]
    assert found("Nominate your projects", "en", kind="circular") == ["WSIS Prizes applications"]
    assert entry(circular).open_until == circular.reply_due_at
    assert found("", "en", kind="circular", open_only=True) == ["WSIS Prizes applications"]
    withdraw_circular(circular, None)
    assert_nowhere(circular, "circular", "WSIS Prizes", language="en")


def test_a_draft_or_addressees_only_circular_is_nowhere():
    draft = CircularFactory(public=True, subject_en="Draft letter")
    assert_nowhere(draft, "circular", "Draft letter", language="en")
    private = sent_circular([AgencyFactory()], subject_en="Private letter")
    assert_nowhere(private, "circular", "Private letter", language="en")
    # Sending the public draft makes it findable.
    send_circular(draft, None, DistributionListFactory(agencies=[AgencyFactory()]))
    assert found("Draft letter", "en", kind="circular") == ["Draft letter"]


def test_a_meeting_and_its_resolution_are_found_by_the_body_and_the_responsible_agencies():
    body = BodyFactory(name="BİT Yürütme Kurulu", name_tr="BİT Yürütme Kurulu", name_en="IT executive council")
    meeting = MeetingFactory(body=body, title="Birinci toplantı", title_tr="Birinci toplantı", title_en="First meeting")
    agency = AgencyFactory(name="Bilim Bakanlığı", name_en="Ministry of Science", acronym="MSRT", country="IR")
    ResolutionFactory(
        meeting=meeting, number="2", text="Web sitesi güncellenecek", text_tr="Web sitesi güncellenecek",
        text_en="The website will be updated", responsible=[agency],
    )  # fmt: skip
    assert found("First meeting", "en", kind="meeting") == ["First meeting"]
    assert found("Yürütme Kurulu", "en", kind="meeting") == ["First meeting"]
    assert found("", "en", kind="meeting", facets={"year": ["2017"]}) == ["First meeting"]
    assert found("website updated", "en", kind="resolution") == ["Resolution 2 of First meeting"]
    assert found("MSRT", "tr", kind="resolution") == ["Birinci toplantı, 2 sayılı karar"]


def test_a_resolution_is_open_until_its_due_date():
    resolution = ResolutionFactory(text_en="Report the progress", due_on=in_days(40, "Asia/Tehran"))
    assert entry(resolution).open_until == resolution.due_at
    resolution.state = "done"
    resolution.save()
    assert found("Report the progress", "en", kind="resolution", open_only=True) == []


def test_a_partner_is_found_by_its_names_and_only_its_published_contributions():
    company = CompanyFactory(name="Bulut Yazılım A.Ş.", name_tr="Bulut Yazılım A.Ş.", name_en="Cloud Software Inc.")
    ContributionFactory(agency=company, published=True, description_en="Sponsored the exhibition booth")
    ContributionFactory(agency=company, description_en="Secret sponsorship talks")
    assert found("Cloud Software", "en", kind="partner") == ["Cloud Software Inc."]
    assert found("Bulut Yazılım", "en", kind="partner") == ["Cloud Software Inc."]
    assert found("exhibition booth", "en", kind="partner") == ["Cloud Software Inc."]
    assert found("Secret sponsorship", "en", kind="partner") == []
    [hit] = search_hits("Cloud Software")
    assert hit.url == f"/en/coordination/partners/{company.slug}/"


def search_hits(text):
    from portal import search

    return search.run(search.Query.build(text, kind="partner", language="en")).hits
