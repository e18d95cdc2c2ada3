"""Projects from creation by a contact through submission to publication or a request for changes,
and the promotional materials uploaded to them."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from portal import services
from portal.models import SDG, ActionLine, Project, PromoMaterial, ReviewState
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def html_part(message) -> str:
    assert len(message.alternatives) == 1
    content, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    return content


def admin_action(wg_admin, capture, project, action, **extra):
    admin = Client()
    admin.force_login(wg_admin)
    with capture(execute=True):
        return admin.post("/admin/portal/project/", {"action": action, "_selected_action": [project.pk], **extra})


@pytest.fixture
def submitted_project(contact_a):
    return factories.ProjectFactory(
        agency=contact_a.agency,
        slug="e-government-gateway",
        title="E-Devlet Kapısı",
        title_tr="E-Devlet Kapısı",
        title_en="e-Government Gateway",
        review_state=ReviewState.SUBMITTED,
        reported_by=contact_a.user,
        submitted_by=contact_a.user,
    )


# --- creating and submitting ---------------------------------------------------------------


def test_contact_creates_and_submits_a_project(client_a, contact_a, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            "/tr/projects/new/",
            {
                "title_tr": "E-Devlet Kapısı",
                "title_en": "e-Government Gateway",
                "summary_tr": "Kamu hizmetlerine tek noktadan erişim.",
                "start_year": "2008",
                "end_year": "2025",
                "status": "ongoing",
                "action_lines": [],
            },
        )
    assert response.status_code == 302
    project = Project.objects.get()
    assert response["Location"] == f"/tr/projects/{project.slug}/"
    assert re.fullmatch(r"e-government-gateway-[a-z2-9]{6}", project.slug)
    assert project.agency == contact_a.agency
    assert project.reported_by == contact_a.user
    assert project.review_state == ReviewState.DRAFT
    assert (project.title_tr, project.title_en, project.start_year, project.end_year) == (
        "E-Devlet Kapısı",
        "e-Government Gateway",
        2008,
        2025,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(f"/tr/projects/{project.slug}/submit/")
    assert response.status_code == 302
    assert response["Location"] == f"/tr/projects/{project.slug}/"
    project.refresh_from_db()
    assert project.review_state == ReviewState.SUBMITTED
    assert project.submitted_by == contact_a.user
    assert project.submitted_at is not None
    assert project.published_at is None
    assert mailoutbox == []

    # Not public before it is published.
    assert Client().get(f"/tr/projects/{project.slug}/").status_code == 404


def test_project_form_with_turkish_title_only_and_reference_data(client_a):
    lines = list(ActionLine.objects.filter(code__in=["C7.1", "C3"]).order_by("position"))
    goals = list(SDG.objects.filter(number__in=[9, 16]).order_by("number"))
    response = client_a.post(
        "/tr/projects/new/",
        {
            "title_tr": "Açık Veri Portalı",
            "status": "ongoing",
            "action_lines": [line.pk for line in lines],
            "sdgs": [goal.pk for goal in goals],
        },
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert re.fullmatch(r"acik-veri-portali-[a-z2-9]{6}", project.slug)
    assert project.title_en is None
    assert list(project.action_lines.order_by("position")) == lines
    assert list(project.sdgs.order_by("number")) == goals


def test_project_form_without_turkish_or_english_title(client_a):
    response = client_a.post(
        "/tr/projects/new/",
        {"title_ru": "Только по-русски", "title_fa": "فقط فارسی", "summary_en": "Summary only.", "status": "ongoing"},
    )
    assert response.status_code == 200
    # The form names the Turkish title, the model's own check the English one: both fields are marked.
    assert list(response.context["form"].errors) == ["title_tr"]
    assert Project.objects.count() == 0


def test_project_form_with_end_year_before_start_year(client_a):
    response = client_a.post(
        "/tr/projects/new/", {"title_en": "Backwards", "start_year": "2022", "end_year": "2020", "status": "ongoing"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert Project.objects.count() == 0


def test_unapproved_contact_cannot_create_a_project(client, agency_a):
    contact = factories.ContactFactory(agency=agency_a, approved_at=None)
    client.force_login(contact.user)
    response = client.post("/tr/projects/new/", {"title_en": "Sneaky", "status": "ongoing"})
    assert response.status_code == 403
    assert Project.objects.count() == 0


def test_submitting_a_submitted_project_is_refused(client_a, submitted_project):
    before = Project.objects.values().get(pk=submitted_project.pk)
    response = client_a.post(f"/tr/projects/{submitted_project.slug}/submit/", follow=True)
    assert response.status_code == 200
    assert [m.level for m in get_messages(response.wsgi_request)] == [messages.ERROR]
    assert Project.objects.values().get(pk=submitted_project.pk) == before


@pytest.mark.parametrize("state", [ReviewState.SUBMITTED, ReviewState.PUBLISHED])
def test_submit_project_service_refuses_other_states(contact_a, state):
    project = factories.ProjectFactory(agency=contact_a.agency, review_state=state, published=state == "published")
    with pytest.raises(ValidationError):
        services.submit_project(contact_a.user, project)
    project.refresh_from_db()
    assert project.review_state == state


def test_contact_cannot_submit_another_agencys_project(client_a, contact_b):
    project = factories.ProjectFactory(agency=contact_b.agency, published=True)
    response = client_a.post(f"/tr/projects/{project.slug}/submit/")
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.review_state == ReviewState.PUBLISHED


# --- publishing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "html_tag"), [("fa", '<html lang="fa" dir="rtl">'), ("tr", '<html lang="tr" dir="ltr">')]
)
def test_admin_publishes_and_the_submitter_is_told_in_their_language(
    submitted_project, contact_a, wg_admin, django_capture_on_commit_callbacks, mailoutbox, language, html_tag
):
    contact_a.language = language
    contact_a.save()

    response = admin_action(wg_admin, django_capture_on_commit_callbacks, submitted_project, "publish")

    assert response.status_code == 302
    submitted_project.refresh_from_db()
    assert submitted_project.review_state == ReviewState.PUBLISHED
    assert submitted_project.published_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [contact_a.email]
    assert html_tag in html_part(mailoutbox[0])
    assert f"/{language}/projects/{submitted_project.slug}/" in mailoutbox[0].body
    assert Client().get(f"/tr/projects/{submitted_project.slug}/").status_code == 200


def test_publishing_twice_sends_one_mail(submitted_project, wg_admin, django_capture_on_commit_callbacks, mailoutbox):
    admin_action(wg_admin, django_capture_on_commit_callbacks, submitted_project, "publish")
    submitted_project.refresh_from_db()
    published_at = submitted_project.published_at
    admin_action(wg_admin, django_capture_on_commit_callbacks, submitted_project, "publish")
    submitted_project.refresh_from_db()
    assert submitted_project.published_at == published_at
    assert len(mailoutbox) == 1


def test_contact_cannot_publish(submitted_project, contact_a, django_capture_on_commit_callbacks, mailoutbox):
    with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
        services.publish_project(contact_a.user, submitted_project)
    submitted_project.refresh_from_db()
    assert submitted_project.review_state == ReviewState.SUBMITTED
    assert submitted_project.published_at is None
    assert mailoutbox == []


def test_contact_cannot_use_the_publish_action(client_a, submitted_project):
    response = client_a.post(
        "/admin/portal/project/", {"action": "publish", "_selected_action": [submitted_project.pk]}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    submitted_project.refresh_from_db()
    assert submitted_project.review_state == ReviewState.SUBMITTED


# --- requesting changes --------------------------------------------------------------------


def test_admin_requests_changes_with_a_comment(
    submitted_project, contact_a, wg_admin, django_capture_on_commit_callbacks, mailoutbox, client_a
):
    comment = "Add the English page URL <https://example.gov.tr/en> & the 2024 figures."
    response = admin_action(
        wg_admin, django_capture_on_commit_callbacks, submitted_project, "request_changes", comment=comment
    )

    assert response.status_code == 302
    submitted_project.refresh_from_db()
    assert submitted_project.review_state == ReviewState.CHANGES_REQUESTED
    assert submitted_project.review_comment == comment
    assert submitted_project.published_at is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [contact_a.email]
    assert comment in mailoutbox[0].body
    html = html_part(mailoutbox[0])
    assert "Add the English page URL &lt;https://example.gov.tr/en&gt; &amp; the 2024 figures." in html
    assert '<html lang="tr" dir="ltr">' in html

    # The agency can submit it again.
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(f"/tr/projects/{submitted_project.slug}/submit/")
    submitted_project.refresh_from_db()
    assert submitted_project.review_state == ReviewState.SUBMITTED


@pytest.mark.parametrize("comment", ["", "   "])
def test_request_changes_with_an_empty_comment_changes_nothing(
    submitted_project, wg_admin, django_capture_on_commit_callbacks, mailoutbox, comment
):
    before = Project.objects.values().get(pk=submitted_project.pk)
    response = admin_action(
        wg_admin, django_capture_on_commit_callbacks, submitted_project, "request_changes", comment=comment
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["comment"]
    assert Project.objects.values().get(pk=submitted_project.pk) == before
    assert mailoutbox == []


def test_request_changes_without_comment_asks_for_one(
    submitted_project, wg_admin, django_capture_on_commit_callbacks, mailoutbox
):
    response = admin_action(wg_admin, django_capture_on_commit_callbacks, submitted_project, "request_changes")
    assert response.status_code == 200
    assert response.context["form"].is_bound is False
    assert list(response.context["records"]) == [submitted_project]
    html = response.content.decode()
    assert f'<input type="hidden" name="_selected_action" value="{submitted_project.pk}">' in html
    assert '<input type="hidden" name="action" value="request_changes">' in html
    submitted_project.refresh_from_db()
    assert submitted_project.review_state == ReviewState.SUBMITTED
    assert mailoutbox == []


def test_request_changes_on_a_published_project_unpublishes_it(
    contact_a, wg_admin, django_capture_on_commit_callbacks, mailoutbox
):
    project = factories.ProjectFactory(agency=contact_a.agency, published=True, submitted_by=contact_a.user)
    admin_action(wg_admin, django_capture_on_commit_callbacks, project, "request_changes", comment="Outdated.")
    project.refresh_from_db()
    assert project.review_state == ReviewState.CHANGES_REQUESTED
    assert project.published_at is None
    assert Client().get(f"/tr/projects/{project.slug}/").status_code == 404


def test_contact_cannot_request_changes(submitted_project, contact_a):
    with pytest.raises(PermissionDenied):
        services.request_changes(contact_a.user, submitted_project, "Please change.")
    submitted_project.refresh_from_db()
    assert submitted_project.review_state == ReviewState.SUBMITTED


# --- promotional materials -----------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def own_project(contact_a):
    return factories.ProjectFactory(agency=contact_a.agency, slug="own-project")


def upload(client, project, name, content, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"kind": "brochure", "title": "Brochure", "file": SimpleUploadedFile(name, content), **extra}
    return client.post(f"/tr/projects/{project.slug}/materials/new/", data)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("x.exe", b"MZ\x90\x00" + b"\x00" * 60, "extension"),
        ("noextension", PDF, "extension"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "content"),
        ("fake.png", PDF, "content"),
        ("fake.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "content"),
    ],
)
def test_upload_of_wrong_type_refused(client_a, own_project, media, name, content, code):
    response = upload(client_a, own_project, name, content)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert list(errors) == ["file"]
    assert [e.code for e in errors["file"]] == [code]
    assert PromoMaterial.objects.count() == 0
    assert list(media.rglob("*")) == []


def test_upload_too_large_refused(client_a, own_project, media, settings):
    settings.UPLOAD_MAX_BYTES = 64
    content = PDF + b"%" + b"x" * 64 + b"\n"
    response = upload(client_a, own_project, "big.pdf", content)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert list(errors) == ["file"]
    assert [e.code for e in errors["file"]] == ["size"]
    assert PromoMaterial.objects.count() == 0


def test_genuine_pdf_saved_and_downloaded_as_attachment(client_a, own_project, media):
    response = upload(client_a, own_project, "brochure.pdf", PDF)
    assert response.status_code == 302
    assert response["Location"] == f"/tr/projects/{own_project.slug}/"
    material = PromoMaterial.objects.get()
    assert (material.project, material.kind, material.title, material.url) == (own_project, "brochure", "Brochure", "")
    assert material.file.name.startswith("promo/")
    assert material.file.name.endswith("/brochure.pdf")
    assert (media / material.file.name).read_bytes() == PDF

    response = client_a.get(f"/tr/projects/{own_project.slug}/materials/{material.pk}/")
    try:
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="brochure.pdf"'
        assert b"".join(response.streaming_content) == PDF
    finally:
        response.close()


def test_materials_of_a_draft_are_not_public(client_a, own_project, media):
    upload(client_a, own_project, "brochure.pdf", PDF)
    material = PromoMaterial.objects.get()
    response = Client().get(f"/tr/projects/{own_project.slug}/materials/{material.pk}/")
    assert response.status_code == 404


def test_material_with_both_file_and_link_refused(client_a, own_project, media):
    response = upload(client_a, own_project, "brochure.pdf", PDF, url="https://video.example/film")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert PromoMaterial.objects.count() == 0


def test_material_as_a_link(client_a, own_project, media):
    response = client_a.post(
        f"/tr/projects/{own_project.slug}/materials/new/",
        {"kind": "film", "title": "Film", "url": "https://video.example/film"},
    )
    assert response.status_code == 302
    material = PromoMaterial.objects.get()
    assert (material.kind, material.url, material.file.name) == ("film", "https://video.example/film", "")


def test_contact_cannot_add_material_to_another_agencys_project(client_a, contact_b, media):
    project = factories.ProjectFactory(agency=contact_b.agency, published=True)
    response = upload(client_a, project, "brochure.pdf", PDF)
    assert response.status_code == 403
    assert PromoMaterial.objects.count() == 0
