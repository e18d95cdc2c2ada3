"""The guides area in search (PostgreSQL): published guides by their text, author agency and public files' titles;
drafts and files waiting for review never; international portals by their names."""

import pytest

from portal.models import ReviewState
from tests.factories import AgencyFactory, GuideAttachmentFactory, GuideFactory, InternationalPortalFactory
from tests.search.sources import assert_nowhere, entry, found

pytestmark = pytest.mark.django_db


def test_a_published_guide_is_found_by_its_text_and_its_agency_in_any_language():
    agency = AgencyFactory(name="Cumhurbaşkanlığı", name_en="Presidency", acronym="CBDDO")
    GuideFactory(
        agency=agency,
        title="WSIS başvuru rehberi",
        title_tr="WSIS başvuru rehberi",
        title_en="WSIS application guide",
        body_en="## Steps\n\nDescribe the **beneficiaries** of the project.",
    )
    assert found("başvuru rehberi", "tr", kind="guide") == ["WSIS başvuru rehberi"]
    assert found("application guide", "en", kind="guide") == ["WSIS application guide"]
    assert found("beneficiaries", "en", kind="guide") == ["WSIS application guide"]
    assert found("Cumhurbaşkanlığı", "en", kind="guide") == ["WSIS application guide"]
    assert found("", "en", kind="guide", facets={"country": ["TR"], "agency_kind": ["ministry"]}) == [
        "WSIS application guide"
    ]


def test_a_draft_guide_is_nowhere_and_a_guide_leaves_when_unpublished():
    draft = GuideFactory(title_en="Secret roadmap", review_state=ReviewState.DRAFT, published_at=None, version=0)
    assert_nowhere(draft, "guide", "Secret roadmap", language="en")
    guide = GuideFactory(title_en="Public roadmap")
    assert entry(guide) is not None
    guide.review_state = ReviewState.CHANGES_REQUESTED
    guide.save()
    assert_nowhere(guide, "guide", "Public roadmap", language="en")


def test_a_public_files_title_finds_its_guide_and_a_pending_files_does_not():
    guide = GuideFactory(title_en="Poster guide")
    GuideAttachmentFactory(guide=guide, title="Nomination form")
    GuideAttachmentFactory(guide=guide, title="Unreviewed checklist", pending=True)
    assert found("Nomination form", "en", kind="guide") == ["Poster guide"]
    assert found("Unreviewed checklist", "en", kind="guide") == []


def test_an_international_portal_is_found_by_its_name_acronym_and_owner():
    InternationalPortalFactory(
        name="Birlikte Çalışabilir Avrupa", name_tr="Birlikte Çalışabilir Avrupa", name_en="Interoperable Europe",
        acronym="JOINUP", owner="European Commission",
    )  # fmt: skip
    assert found("Interoperable Europe", "en", kind="international_portal") == ["Interoperable Europe"]
    assert found("Joinup", "tr", kind="international_portal") == ["Birlikte Çalışabilir Avrupa"]
    assert found("European Commission", "en", kind="international_portal") == ["Interoperable Europe"]
