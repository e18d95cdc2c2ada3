"""API v1 of the library: guides (published for everyone, a contact's own drafts, admins all), versions and files'
metadata read-only; a contact's writes go through the services (a draft of its own agency; a PATCH of a published
guide is stored for review: 202); another agency's guide is refused; Markdown sanitised; query counts."""

import pytest
from django.core.files.base import ContentFile

from guides.library.models import Guide, GuideAttachment
from portal.models import ReviewState, Revision
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.django_db

API = "/api/v1/guides/"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def world(contact_a, agency_b, wg_admin):
    published = factories.GuideFactory(slug="apply", agency=contact_a.agency, body_en="## Steps\n\nGo.")
    draft = factories.GuideFactory(slug="draft-a", agency=contact_a.agency, review_state=ReviewState.DRAFT, version=0)
    other = factories.GuideFactory(slug="other-b", agency=agency_b)
    for guide in (published, draft):
        attachment = GuideAttachment(guide=guide, title="Form")
        attachment.file.save("form.pdf", ContentFile(PDF), save=True)
    return {"published": published, "draft": draft, "other": other}


def test_guides_versions_and_files_with_the_usual_visibility(client, contact_a, contact_b, wg_admin, world):
    assert [g["slug"] for g in results(client.get(API))] == ["apply", "other-b"]
    assert client.get(f"{API}draft-a/").status_code == 404
    detail = client.get(f"{API}apply/").json()
    assert detail["version"] == 1 and detail["languages"] == ["en"] and detail["url"].endswith("/guides/apply/")
    assert "<h2>Steps</h2>" in detail["body_html"] and "body_en" not in detail
    assert [v["guide"] for v in results(client.get(f"{API}versions/"))] == ["apply", "other-b"]
    assert [v["number"] for v in results(client.get(f"{API}versions/?guide=apply"))] == [1]
    files = results(client.get(f"{API}attachments/"))
    assert [f["guide"] for f in files] == ["apply"]
    assert files[0]["download"].endswith(f"/guides/apply/files/{files[0]['id']}/") and "file" not in files[0]
    client.force_login(contact_a.user)
    assert {g["slug"] for g in results(client.get(API))} == {"apply", "draft-a", "other-b"}
    assert {f["guide"] for f in results(client.get(f"{API}attachments/"))} == {"apply", "draft-a"}
    client.force_login(contact_b.user)
    assert client.get(f"{API}draft-a/").status_code == 404
    assert {f["guide"] for f in results(client.get(f"{API}attachments/"))} == {"apply"}
    client.force_login(wg_admin)
    assert len(results(client.get(API))) == 3


def test_filters(client, world):
    assert [g["slug"] for g in results(client.get(f"{API}?agency=agency-b"))] == ["other-b"]
    assert results(client.get(f"{API}?subtopic=portals")) == []
    assert client.get(f"{API}?kind=novel").status_code == 400


def test_a_contact_proposes_a_draft_of_its_own_agency_with_markdown_sanitised(client, contact_a, agency_b):
    client.force_login(contact_a.user)
    data = {
        "title_en": "Posters",
        "body_en": "Hi <script>alert(1)</script>",
        "kind": "checklist",
        "subtopics": ["materials"],
    }
    response = client.post(API, data, content_type="application/json")
    assert response.status_code == 201, response.content
    guide = Guide.objects.get(slug=response.json()["slug"])
    assert (guide.agency, guide.review_state) == (contact_a.agency, ReviewState.DRAFT)
    assert "<script" not in guide.body_html_en
    other = client.post(API, {**data, "agency": "agency-b"}, content_type="application/json")
    assert other.status_code == 403
    bad = client.post(API, {**data, "subtopics": ["nope"]}, content_type="application/json")
    assert bad.status_code == 400 and "subtopics" in bad.json()
    anonymous = client.__class__().post(API, data, content_type="application/json")
    assert anonymous.status_code == 403


def test_a_patch_of_a_published_guide_is_stored_for_review(client, contact_a, world):
    client.force_login(contact_a.user)
    response = client.patch(f"{API}apply/", {"body_en": "Changed."}, content_type="application/json")
    assert response.status_code == 202, response.content
    assert Guide.objects.get(slug="apply").body_en == "## Steps\n\nGo."
    assert Revision.objects.filter(object_id=world["published"].pk).exists()
    draft = client.patch(f"{API}draft-a/", {"title_en": "Renamed"}, content_type="application/json")
    assert draft.status_code == 200 and Guide.objects.get(slug="draft-a").title_en == "Renamed"


def test_a_contact_of_agency_b_may_not_change_agency_as_guide(client, contact_b, world):
    client.force_login(contact_b.user)
    assert client.patch(f"{API}apply/", {"title_en": "Mine"}, content_type="application/json").status_code == 403
    assert client.patch(f"{API}draft-a/", {"title_en": "Mine"}, content_type="application/json").status_code == 404
    assert Guide.objects.get(slug="apply").title_en != "Mine"
    assert not Revision.objects.exists()
    assert client.delete(f"{API}other-b/").status_code == 405


def test_versions_and_files_are_read_only(client, wg_admin, world):
    client.force_login(wg_admin)
    assert client.post(f"{API}versions/", {}, content_type="application/json").status_code == 405
    assert client.post(f"{API}attachments/", {}, content_type="application/json").status_code == 405


@pytest.mark.parametrize("path", ["", "versions/", "attachments/"])
def test_list_queries_do_not_grow(client, agency_a, path):
    def grow(n):
        for _i in range(n):
            guide = factories.GuideFactory(agency=agency_a)
            GuideAttachment.objects.create(guide=guide, title="x", file="guides/x.pdf")

    grow(SMALL)
    small = count_queries(client, API + path)[0]
    grow(LARGE - SMALL)
    large = count_queries(client, API + path)[0]
    assert large <= small, (small, large)
