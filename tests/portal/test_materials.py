"""Promotional files a contact adds to a published project wait for the working group's review: not public, not
downloadable by others, listed in the review queue, until an admin publishes them. An admin's are public at once; a
draft project's are published with the project."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.models import OutboxMail, PromoMaterial, ReviewState, Revision
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def published(agency_a):
    return factories.ProjectFactory(agency=agency_a, slug="published", published=True)


@pytest.fixture
def admin(wg_admin):
    client = Client()
    client.force_login(wg_admin)
    return client


def upload(client, project, title="Brochure"):
    data = {"kind": "brochure", "title": title, "file": SimpleUploadedFile("brochure.pdf", PDF)}
    return client.post(f"/tr/projects/{project.slug}/materials/new/", data)


def download(client, project, material) -> int:
    response = client.get(f"/tr/projects/{project.slug}/materials/{material.pk}/")
    if response.streaming:  # read to its end, which closes the file the way the test client expects
        assert b"".join(response.streaming_content) == PDF
    return response.status_code


def test_a_contacts_file_on_a_published_project_waits_for_review(
    client_a, contact_a, contact_b, published, admin, media, django_capture_on_commit_callbacks, wg_admin
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_a, published)
    assert response.status_code == 302
    material = PromoMaterial.objects.get()
    assert (material.review_state, material.agency, material.submitted_by) == (
        ReviewState.SUBMITTED,
        published.agency,
        contact_a.user,
    )
    # Not public: neither on the project's page nor as a download, to visitors and other agencies alike.
    visitor, other = Client(), Client()
    other.force_login(contact_b.user)
    for client in (visitor, other):
        assert "Brochure" not in client.get(published.get_absolute_url()).content.decode()
        assert download(client, published, material) == 404
    # The contact sees it, as waiting, and may download it; so may the working group.
    page = client_a.get(published.get_absolute_url()).content.decode()
    assert "Brochure" in page and 'data-review-state="submitted"' in page
    assert download(client_a, published, material) == 200
    assert download(admin, published, material) == 200
    # The working group hears of it and finds it in the review queue.
    assert OutboxMail.objects.filter(kind="review_submitted", recipient=wg_admin.email).count() == 1
    queue = admin.get("/tr/reviews/?kind=portal.promomaterial")
    assert [w.record for w in queue.context["page"]] == [material]

    response = admin.post(f"/tr/reviews/portal.promomaterial/{material.pk}/publish/")
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.review_state == ReviewState.PUBLISHED
    assert "Brochure" in visitor.get(published.get_absolute_url()).content.decode()
    assert download(visitor, published, material) == 200


def test_a_file_sent_back_stays_private(client_a, published, admin, media):
    upload(client_a, published)
    material = PromoMaterial.objects.get()
    response = admin.post(
        f"/tr/reviews/portal.promomaterial/{material.pk}/send-back/", {"comment": "Use the English brochure."}
    )
    assert response.status_code == 302
    assert download(Client(), published, material) == 404
    page = client_a.get(published.get_absolute_url()).content.decode()
    assert "Use the English brochure." in page


def test_an_admins_file_is_public_at_once(admin, published, media):
    assert upload(admin, published, title="Poster of the group").status_code == 302
    material = PromoMaterial.objects.get()
    assert material.review_state == ReviewState.PUBLISHED
    assert "Poster of the group" in Client().get(published.get_absolute_url()).content.decode()
    assert download(Client(), published, material) == 200


def test_a_draft_projects_file_is_published_with_the_project(client_a, agency_a, admin, media):
    draft = factories.ProjectFactory(agency=agency_a, slug="draft")
    upload(client_a, draft)
    material = PromoMaterial.objects.get()
    assert material.review_state == ReviewState.DRAFT
    client_a.post(f"/tr/projects/{draft.slug}/submit/")
    assert admin.post(f"/tr/reviews/portal.project/{draft.pk}/publish/").status_code == 302
    material.refresh_from_db()
    assert material.review_state == ReviewState.PUBLISHED
    assert download(Client(), draft, material) == 200


def test_the_admin_publishes_a_waiting_file_from_its_list(client_a, published, admin, media):
    upload(client_a, published)
    material = PromoMaterial.objects.get()
    changelist = admin.get("/admin/portal/promomaterial/?review_state=submitted")
    assert list(changelist.context["cl"].result_list) == [material]
    response = admin.post("/admin/portal/promomaterial/", {"action": "publish", "_selected_action": [material.pk]})
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.review_state == ReviewState.PUBLISHED


def test_the_project_page_queries_do_not_grow_with_waiting_files(client, published, agency_a, media):
    from tests.queries import count_queries

    def add(n):
        for i in range(n):
            for state in (ReviewState.PUBLISHED, ReviewState.SUBMITTED):
                PromoMaterial.objects.create(
                    project=published,
                    agency=agency_a,
                    kind="film",
                    title=f"Film {state} {i}",
                    url=f"https://video.example/{state}/{i}",
                    review_state=state,
                )

    add(2)
    small, response = count_queries(client, published.get_absolute_url())
    assert len(response.context["materials"]) == 2
    add(8)
    large, response = count_queries(client, published.get_absolute_url())
    assert len(response.context["materials"]) == 10
    assert small == large


def test_a_staff_contacts_change_of_a_published_file_is_reviewed_again(client, agency_a, published, media):
    """The back-office's project page lets a staff contact change its materials: a changed link is not public until
    the working group has published it again."""
    contact = factories.ContactFactory(agency=agency_a, email="staff@a.example")
    contact.user.is_staff = True
    contact.user.save()
    codenames = ["view_project", "change_project", "view_promomaterial", "change_promomaterial"]
    contact.user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="portal", codename__in=codenames)
    )
    material = PromoMaterial.objects.create(
        project=published,
        agency=agency_a,
        kind="film",
        title="Film",
        url="https://video.example/old",
        review_state=ReviewState.PUBLISHED,
        published_at=published.published_at,
    )
    client.force_login(contact.user)
    data = {
        "agency": agency_a.pk,
        "slug": published.slug,
        "title_tr": published.title_tr,
        "title_en": published.title_en or "",
        "status": published.status,
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
        "listings-TOTAL_FORMS": "0",
        "listings-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "1",
        "materials-INITIAL_FORMS": "1",
        "materials-0-id": material.pk,
        "materials-0-project": published.pk,
        "materials-0-kind": "film",
        "materials-0-title": "Film",
        "materials-0-url": "https://video.example/swapped",
    }
    response = client.post(f"/admin/portal/project/{published.pk}/change/", data)
    assert response.status_code == 302
    material.refresh_from_db()
    # The published link stays as it was; the change waits as the material's pending revision.
    assert (material.url, material.review_state) == ("https://video.example/old", ReviewState.PUBLISHED)
    revision = Revision.objects.get(
        content_type=ContentType.objects.get_for_model(PromoMaterial), object_id=material.pk, state="pending"
    )
    assert revision.data["url"] == "https://video.example/swapped"
    page = Client().get(published.get_absolute_url()).content.decode()
    assert "video.example/swapped" not in page and "video.example/old" in page
