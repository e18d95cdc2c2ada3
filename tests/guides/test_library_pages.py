"""The library's pages: the library with its filters and counts (drafts never counted), a guide's page (body in the
reader's language with its table of contents, the out-of-date flag, versions, files), old versions at their own
addresses, the comparison of two versions, the files' downloads, and the contact's form (attachments checked by
content, Markdown sanitised); private drafts invisible everywhere; another agency's guide refused; query counts."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guides.library import services
from guides.library.models import Guide, GuideAttachment
from portal.models import ReviewState, Revision
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name, *args, lang="en", query=""):
    with translation.override(lang):
        return reverse(f"guides:{name}", args=args) + query


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def attach(guide, name="form.pdf", content=PDF, **extra) -> GuideAttachment:
    attachment = GuideAttachment(guide=guide, title="Form", **extra)
    attachment.file.save(name, ContentFile(content), save=True)
    return attachment


@pytest.fixture
def world(contact_a, agency_b, wg_admin):
    published = factories.GuideFactory(
        slug="apply-wsis",
        agency=contact_a.agency,
        kind="application_guide",
        subtopics=["awards", "events"],
        title_en="Applying to the WSIS Prizes",
        body_en="## Steps\n\nRead the call.\n\n### Categories\n\nEighteen.",
        body_ru="## Шаги\n\nПрочитайте.",
        change_note_en="First edition.",
    )
    services.save_guide(
        wg_admin,
        published,
        {
            "body_en": "## Steps\n\nRead the call twice.\n\n### Categories\n\nEighteen.",
            "change_note_en": "Clearer steps.",
        },
    )
    draft = factories.GuideFactory(
        slug="secret-draft",
        agency=contact_a.agency,
        review_state=ReviewState.DRAFT,
        version=0,
        kind="roadmap",
        subtopics=["websites"],
        title_en="Secret draft roadmap",
    )
    other = factories.GuideFactory(slug="agency-b-guide", agency=agency_b, subtopics=["portals"], title_en="B's guide")
    return {
        "published": published,
        "draft": draft,
        "other": other,
        "published_file": attach(published),
        "draft_file": attach(draft),
        "a": contact_a,
        "b": factories.ContactFactory(agency=agency_b, email="b2@b.example"),
        "admin": wg_admin,
    }


def test_the_library_lists_published_guides_by_subtopic_with_counts_never_counting_drafts(world):
    for user in (None, world["a"].user, world["admin"]):
        page = client_of(user).get(url("index"))
        assert page.status_code == 200
        text = page.content.decode()
        assert 'data-total="2"' in text  # the two published guides, whoever looks
        assert '<tr data-subtopic="awards"><th scope="row"><a href="?subtopic=awards">' in text
        assert ("secret-draft" in text) == (user is not None)
    anonymous = client_of().get(url("index")).content.decode()
    assert 'data-guide="apply-wsis"' in anonymous and 'data-guide="agency-b-guide"' in anonymous
    assert "Secret draft" not in anonymous
    filtered = client_of().get(url("index", query="?subtopic=portals")).content.decode()
    assert 'data-guide="agency-b-guide"' in filtered and 'data-guide="apply-wsis"' not in filtered
    assert 'data-total="1"' in filtered
    words = client_of().get(url("index", query="?q=wsis&language=ru&kind=application_guide")).content.decode()
    assert 'data-guide="apply-wsis"' in words and 'data-guide="agency-b-guide"' not in words
    assert "{# reports" not in anonymous


def test_a_bad_filter_is_a_field_error(world):
    page = client_of().get(url("index", query="?kind=novel&agency=nowhere"))
    assert page.status_code == 400
    assert page.context["form"].errors.keys() == {"kind", "agency"}
    assert 'data-guide="apply-wsis"' not in page.content.decode()


def test_the_guide_page_in_the_readers_language_with_contents_versions_and_files(world):
    text = client_of().get(url("guide", "apply-wsis", lang="ru")).content.decode()
    assert '<h2 id="шаги">Шаги</h2>' in text and 'href="#шаги"' in text
    assert 'data-languages="en,ru"' in text
    assert 'data-version="2"' in text and 'data-version="1"' in text
    assert url("guide_attachment", "apply-wsis", world["published_file"].pk, lang="ru") in text
    assert url("guide_compare", "apply-wsis", lang="ru") in text
    english = client_of().get(url("guide", "apply-wsis", lang="fa")).content.decode()  # no Persian: English
    assert 'data-fallback="en"' in english and '<h3 id="categories">' in english


def test_out_of_date_flag(world):
    guide = world["published"]
    Guide.objects.filter(pk=guide.pk).update(review_by=dt.date(2020, 1, 1))
    assert "data-out-of-date" in client_of().get(url("guide", guide.slug)).content.decode()
    Guide.objects.filter(pk=guide.pk).update(review_by=dt.date(2999, 1, 1))
    assert "data-out-of-date" not in client_of().get(url("guide", guide.slug)).content.decode()


def test_old_versions_stay_readable_at_their_own_address(world):
    old = client_of().get(url("guide_version", "apply-wsis", 1))
    assert old.status_code == 200
    text = old.content.decode()
    assert "data-old-version" in text and "Read the call." in text and "twice" not in text
    assert f'href="{url("guide", "apply-wsis")}" data-current-link' in text
    current = client_of().get(url("guide_version", "apply-wsis", 2)).content.decode()
    assert "data-current" in current and "twice" in current
    assert client_of().get(url("guide_version", "apply-wsis", 3)).status_code == 404


@pytest.mark.parametrize("view", ["inline", "side"])
def test_compare_two_versions_per_language(world, view):
    page = client_of().get(url("guide_compare", "apply-wsis", query=f"?from=1&to=2&language=en&view={view}"))
    assert page.status_code == 200
    text = page.content.decode()
    assert f'data-view="{view}"' in text and 'data-changed="true"' in text
    assert "<del>call.</del>" in text and "<ins>call twice.</ins>" in text
    russian = client_of().get(url("guide_compare", "apply-wsis", query="?from=1&to=2&language=ru")).content.decode()
    assert 'data-changed="false"' in russian


def test_compare_refuses_bad_input_with_field_errors(world):
    page = client_of().get(url("guide_compare", "apply-wsis", query="?from=1&to=9&language=xx&view=odd"))
    assert page.status_code == 400
    assert set(page.context["form"].errors) == {"to", "language", "view"}
    same = client_of().get(url("guide_compare", "apply-wsis", query="?from=2&to=2&language=en"))
    assert same.status_code == 400 and "to" in same.context["form"].errors


def test_files_download_as_attachments_and_drafts_files_are_invisible(world):
    response = client_of().get(url("guide_attachment", "apply-wsis", world["published_file"].pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    draft_file = url("guide_attachment", "secret-draft", world["draft_file"].pk)
    assert client_of().get(draft_file).status_code == 404
    assert client_of(world["b"].user).get(draft_file).status_code == 404
    own = client_of(world["a"].user).get(draft_file)
    assert own.status_code == 200
    b"".join(own.streaming_content)
    # A file asked for under another guide's address is not found.
    assert client_of().get(url("guide_attachment", "agency-b-guide", world["published_file"].pk)).status_code == 404


def test_private_drafts_are_404_on_every_page(world):
    # Sent back by the working group after a first version: not public any more, its versions and files neither.
    sent_back = factories.GuideFactory(
        slug="sent-back", agency=world["a"].agency, review_state=ReviewState.CHANGES_REQUESTED, title_en="Sent back"
    )
    sent_back_file = attach(sent_back)
    paths = (
        url("guide", "sent-back"),
        url("guide_version", "sent-back", 1),
        url("guide_compare", "sent-back", query="?from=1&to=1&language=en"),
        url("guide_attachment", "sent-back", sent_back_file.pk),
        url("guide", "secret-draft"),
        url("guide_compare", "secret-draft"),
    )
    for user in (None, world["b"].user):
        client = client_of(user)
        for path in paths:
            assert client.get(path).status_code == 404, path
        assert client.get(url("guide_edit", "sent-back")).status_code == (302 if user is None else 404)
        listing = client.get(url("index")).content.decode()
        assert "sent-back" not in listing and "secret-draft" not in listing
    own = client_of(world["a"].user)
    assert own.get(url("guide", "sent-back")).status_code == 200
    assert own.get(url("guide_version", "sent-back", 1)).status_code == 200


def test_a_contact_proposes_a_guide_with_a_file_and_markdown_is_sanitised(world):
    client = client_of(world["a"].user)
    data = {
        "title_en": "Posters",
        "body_en": "## Print\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
        "kind": "checklist",
        "subtopics": ["materials"],
        "review_tz": "Europe/Istanbul",
        "attachment_title": "Sample poster",
        "attachments": SimpleUploadedFile("poster.pdf", PDF, content_type="application/pdf"),
    }
    response = client.post(url("guide_propose"), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    guide = Guide.objects.get(title_en="Posters")
    assert (guide.agency_id, guide.review_state) == (world["a"].agency_id, ReviewState.DRAFT)
    assert "<script" not in guide.body_html_en and "javascript:" not in guide.body_html_en
    assert guide.attachments.get().title == "Sample poster"
    assert client_of().get(url("guide", guide.slug)).status_code == 404


def test_a_file_with_the_wrong_content_is_a_field_error_and_nothing_is_saved(world):
    client = client_of(world["a"].user)
    data = {
        "title_en": "Fake",
        "kind": "checklist",
        "subtopics": ["materials"],
        "review_tz": "Europe/Istanbul",
        "attachments": SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
    }
    response = client.post(url("guide_propose"), data)
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    assert not Guide.objects.filter(title_en="Fake").exists()


def test_a_contacts_edit_of_a_published_guide_waits_for_review(world):
    client = client_of(world["a"].user)
    form = client.get(url("guide_edit", "apply-wsis")).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update({"body_en": "Changed.", "change_note_en": "Shorter.", "subtopics": ["awards"], "audience": []})
    data = {key: value for key, value in data.items() if value != []}
    data["attachments"] = SimpleUploadedFile("extra.pdf", PDF, content_type="application/pdf")
    response = client.post(url("guide_edit", "apply-wsis"), data)
    assert response.status_code == 302, response.context["form"].errors
    guide = Guide.objects.get(slug="apply-wsis")
    assert guide.body_en != "Changed." and guide.version == 2
    assert Revision.objects.filter(object_id=guide.pk).exists()
    pending = guide.attachments.get(pending=True)
    assert client_of().get(url("guide_attachment", "apply-wsis", pending.pk)).status_code == 404
    assert "data-pending" in client.get(url("guide", "apply-wsis")).content.decode()


def test_a_contact_of_agency_b_may_not_change_agency_as_guide(world):
    client = client_of(world["b"].user)
    assert client.get(url("guide_edit", "apply-wsis")).status_code == 403
    assert client.post(url("guide_edit", "apply-wsis"), {"title_en": "Taken"}).status_code == 403
    assert client.post(url("guide_submit", "apply-wsis")).status_code == 403
    assert Guide.objects.get(slug="apply-wsis").title_en == "Applying to the WSIS Prizes"
    assert not Revision.objects.exists()


def test_list_and_guide_pages_queries_do_not_grow(agency_a, agency_b):
    def grow(n):
        for i in range(n):
            guide = factories.GuideFactory(agency=agency_a if i % 2 else agency_b, subtopics=["awards", "funds"])
            attach(guide)
        factories.GuideFactory(review_state=ReviewState.DRAFT, version=0)

    grow(SMALL)
    small = count_queries(client_of(), url("index"))[0]
    grow(LARGE - SMALL)
    large, response = count_queries(client_of(), url("index"))
    assert large <= small, (small, large)
    assert response.context["counts"]["total"] == LARGE


def test_a_guides_pages_queries_do_not_grow_with_its_versions_and_files(contact_a, agency_a):
    """The guide page (as a visitor and as a signed-in contact, who sees the follow box), an old version's page and
    the comparison run as many queries with 30 versions and files as with 3."""
    guide = factories.GuideFactory(agency=agency_a, slug="growing", subtopics=["awards", "funds"])

    def grow(to):
        while guide.version < to:
            guide.body_en = f"## Steps\n\nVersion {guide.version + 1}."
            factories.publish_guide_version(guide, change_note=f"Change {guide.version + 1}")
            attach(guide, name=f"form-{guide.version}.pdf")

    pages = [
        url("guide", "growing"),
        url("guide_version", "growing", 2),
        url("guide_compare", "growing", query="?from=1&to=2&language=en&view=side"),
    ]
    readers = (lambda: client_of(), lambda: client_of(contact_a.user))
    grow(SMALL)
    small = [count_queries(reader(), page)[0] for reader in readers for page in pages]
    grow(LARGE)
    large = [count_queries(reader(), page)[0] for reader in readers for page in pages]
    assert large == small, (small, large)
    assert guide.versions.count() == LARGE and guide.attachments.count() == LARGE - 1
