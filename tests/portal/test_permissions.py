"""The one permission rule (`selectors.can_change`) through pages, API and admin:
agency A's contact never changes agency B's projects."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal import selectors
from portal.models import Project, PromoMaterial, ReviewState
from tests import factories

# --- helpers and fixtures ------------------------------------------------------------------


def snapshot(project: Project) -> dict:
    """Every stored fact of a project that an attempted change could touch."""
    project = Project.objects.get(pk=project.pk)
    return {
        "agency_id": project.agency_id,
        "slug": project.slug,
        "title_tr": project.title_tr,
        "title_en": project.title_en,
        "summary_en": project.summary_en,
        "start_year": project.start_year,
        "end_year": project.end_year,
        "status": project.status,
        "review_state": project.review_state,
        "submitted_at": project.submitted_at,
        "updated_at": project.updated_at,
        "action_lines": sorted(project.action_lines.values_list("code", flat=True)),
        "sdgs": sorted(project.sdgs.values_list("number", flat=True)),
        "partner_agencies": sorted(project.partner_agencies.values_list("slug", flat=True)),
        "materials": PromoMaterial.objects.filter(project=project).count(),
    }


@pytest.fixture
def b_published(agency_b):
    return factories.ProjectFactory(
        agency=agency_b,
        slug="b-published",
        title="B yayında",
        title_tr="B yayında",
        title_en="B published",
        published=True,
        action_lines=["C7.1"],
        sdgs=[9],
    )


@pytest.fixture
def b_draft(agency_b):
    return factories.ProjectFactory(
        agency=agency_b, slug="b-draft", title="B taslak", title_tr="B taslak", title_en="B draft"
    )


@pytest.fixture
def a_draft(agency_a):
    return factories.ProjectFactory(
        agency=agency_a, slug="a-draft", title="A taslak", title_tr="A taslak", title_en="A draft"
    )


def edit_form_data(**overrides) -> dict:
    data = {
        "title_tr": "Değiştirildi",
        "title_en": "Changed",
        "start_year": "2021",
        "end_year": "",
        "status": "completed",
        "website": "",
        "english_page_url": "",
    }
    data.update(overrides)
    return data


# --- agency A's contact on agency B's published project ------------------------------------


def test_contact_sees_other_agencys_published_project(client_a, b_published):
    response = client_a.get(f"/tr/projects/{b_published.slug}/")
    assert response.status_code == 200
    assert response.context["project"] == b_published
    assert response.context["can_change"] is False


def test_contact_cannot_open_edit_page_of_other_agency(client_a, b_published):
    before = snapshot(b_published)
    response = client_a.get(f"/tr/projects/{b_published.slug}/edit/")
    assert response.status_code == 403
    assert snapshot(b_published) == before


def test_contact_cannot_post_edit_page_of_other_agency(client_a, b_published):
    before = snapshot(b_published)
    response = client_a.post(f"/tr/projects/{b_published.slug}/edit/", edit_form_data())
    assert response.status_code == 403
    assert snapshot(b_published) == before


def test_contact_cannot_submit_other_agencys_project(client_a, agency_b):
    project = factories.ProjectFactory(
        agency=agency_b, review_state=ReviewState.CHANGES_REQUESTED, review_comment="Fix it"
    )
    published = factories.ProjectFactory(agency=agency_b, published=True)
    for target, expected in ((published, 403), (project, 404)):
        before = snapshot(target)
        response = client_a.post(f"/tr/projects/{target.slug}/submit/")
        assert response.status_code == expected
        assert snapshot(target) == before


def test_contact_cannot_upload_material_to_other_agencys_project(client_a, b_published):
    before = snapshot(b_published)
    get_response = client_a.get(f"/tr/projects/{b_published.slug}/materials/new/")
    assert get_response.status_code == 403
    upload = SimpleUploadedFile("poster.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client_a.post(
        f"/tr/projects/{b_published.slug}/materials/new/", {"kind": "poster", "title": "Poster", "file": upload}
    )
    assert response.status_code == 403
    link = client_a.post(
        f"/tr/projects/{b_published.slug}/materials/new/",
        {"kind": "film", "title": "Film", "url": "https://video.example/film"},
    )
    assert link.status_code == 403
    assert snapshot(b_published) == before
    assert PromoMaterial.objects.count() == 0


def test_contact_cannot_put_other_agencys_project_through_api(client_a, b_published):
    before = snapshot(b_published)
    payload = {
        "title_tr": "Değiştirildi",
        "title_en": "Changed",
        "start_year": 2021,
        "status": "completed",
        "action_lines": [],
        "sdgs": [],
    }
    response = client_a.put(f"/api/v1/projects/{b_published.slug}/", payload, content_type="application/json")
    assert response.status_code == 403
    assert snapshot(b_published) == before


def test_contact_cannot_patch_other_agencys_project_through_api(client_a, b_published, agency_a):
    before = snapshot(b_published)
    for payload in ({"title_en": "Changed"}, {"agency": agency_a.slug}, {"sdgs": [1, 2]}):
        response = client_a.patch(f"/api/v1/projects/{b_published.slug}/", payload, content_type="application/json")
        assert response.status_code == 403
    assert snapshot(b_published) == before


def test_contact_can_read_other_agencys_published_project_through_api(client_a, b_published):
    response = client_a.get(f"/api/v1/projects/{b_published.slug}/")
    assert response.status_code == 200
    assert response.json()["slug"] == "b-published"
    assert response.json()["agency"] == "agency-b"


# --- agency A's contact on agency B's unpublished project ----------------------------------


@pytest.mark.parametrize("path", ["/tr/projects/{slug}/", "/tr/projects/{slug}/edit/"])
def test_other_agencys_draft_page_is_not_found(client_a, b_draft, path):
    before = snapshot(b_draft)
    assert client_a.get(path.format(slug=b_draft.slug)).status_code == 404
    assert client_a.post(path.format(slug=b_draft.slug), edit_form_data()).status_code == 404
    assert snapshot(b_draft) == before


def test_other_agencys_draft_material_page_is_not_found(client_a, b_draft):
    response = client_a.post(
        f"/tr/projects/{b_draft.slug}/materials/new/",
        {"kind": "film", "title": "Film", "url": "https://video.example/film"},
    )
    assert response.status_code == 404
    assert PromoMaterial.objects.count() == 0


def test_other_agencys_draft_is_not_found_through_api(client_a, b_draft):
    before = snapshot(b_draft)
    assert client_a.get(f"/api/v1/projects/{b_draft.slug}/").status_code == 404
    response = client_a.patch(f"/api/v1/projects/{b_draft.slug}/", {"title_en": "X"}, content_type="application/json")
    assert response.status_code == 404
    assert snapshot(b_draft) == before


# --- A's own draft -----------------------------------------------------------------------


def test_own_draft_edit_page_saves(client_a, a_draft):
    assert client_a.get(f"/tr/projects/{a_draft.slug}/edit/").status_code == 200
    response = client_a.post(
        f"/tr/projects/{a_draft.slug}/edit/", edit_form_data(sdgs=["3"]) | {"title_tr": "", "title_en": "Renamed"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/tr/projects/{a_draft.slug}/"
    a_draft.refresh_from_db()
    assert a_draft.title_en == "Renamed"
    assert a_draft.start_year == 2021
    assert a_draft.status == "completed"
    assert a_draft.agency.slug == "agency-a"
    assert list(a_draft.sdgs.values_list("number", flat=True)) == [3]


def test_own_draft_detail_offers_changes(client_a, a_draft):
    response = client_a.get(f"/tr/projects/{a_draft.slug}/")
    assert response.status_code == 200
    assert response.context["can_change"] is True


def test_own_draft_api_patch_saves(client_a, a_draft):
    response = client_a.patch(
        f"/api/v1/projects/{a_draft.slug}/", {"title_en": "Patched title"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["slug"] == "a-draft"
    a_draft.refresh_from_db()
    assert a_draft.title_en == "Patched title"
    assert a_draft.title_tr == "A taslak"
    assert a_draft.agency.slug == "agency-a"


def test_own_draft_cannot_be_moved_to_other_agency_through_api(client_a, a_draft, agency_b):
    before = snapshot(a_draft)
    response = client_a.patch(
        f"/api/v1/projects/{a_draft.slug}/", {"agency": agency_b.slug}, content_type="application/json"
    )
    assert response.status_code == 403
    assert snapshot(a_draft) == before


def test_own_draft_submit(client_a, a_draft, contact_a):
    response = client_a.post(f"/tr/projects/{a_draft.slug}/submit/")
    assert response.status_code == 302
    a_draft.refresh_from_db()
    assert a_draft.review_state == ReviewState.SUBMITTED
    assert a_draft.submitted_by == contact_a.user


# --- API create ----------------------------------------------------------------------------


def test_api_create_without_agency_lands_in_contacts_agency(client_a, agency_a, contact_a):
    response = client_a.post(
        "/api/v1/projects/",
        {"title_en": "Fresh project", "start_year": 2024, "action_lines": ["C7.1"], "sdgs": [16]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["agency"] == "agency-a"
    assert response.json()["moderation_state"] == "draft"
    project = Project.objects.get()
    assert project.agency == agency_a
    assert project.reported_by == contact_a.user
    assert project.title_en == "Fresh project"
    assert re.fullmatch(r"fresh-project-[a-z2-9]{6}", project.slug)
    assert project.review_state == ReviewState.DRAFT


def test_api_create_for_other_agency_is_forbidden(client_a, agency_b):
    response = client_a.post(
        "/api/v1/projects/", {"title_en": "Sneaky", "agency": agency_b.slug}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Project.objects.count() == 0


def test_api_create_cannot_publish_directly(client_a):
    response = client_a.post(
        "/api/v1/projects/",
        {"title_en": "Self published", "moderation_state": "published", "published_at": "2024-01-01T00:00:00Z"},
        content_type="application/json",
    )
    assert response.status_code == 201
    project = Project.objects.get()
    assert project.review_state == ReviewState.DRAFT
    assert project.published_at is None


# --- anonymous ------------------------------------------------------------------------------


def test_anonymous_api_post_is_refused(client, agency_a):
    response = client.post(
        "/api/v1/projects/", {"title_en": "Anon", "agency": agency_a.slug}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Project.objects.count() == 0


def test_anonymous_api_patch_is_refused(client, agency_b):
    project = factories.ProjectFactory(agency=agency_b, published=True)
    before = snapshot(project)
    response = client.patch(f"/api/v1/projects/{project.slug}/", {"title_en": "X"}, content_type="application/json")
    assert response.status_code == 403
    assert snapshot(project) == before


@pytest.mark.parametrize("path", ["/tr/projects/{slug}/edit/", "/tr/projects/new/", "/tr/projects/{slug}/submit/"])
def test_anonymous_edit_pages_redirect_to_login(client, b_published, path):
    url = path.format(slug=b_published.slug)
    before = snapshot(b_published)
    response = client.post(url, edit_form_data()) if "submit" in path else client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/tr/accounts/login/?next={url}"
    assert snapshot(b_published) == before


def test_anonymous_does_not_see_drafts(client, b_draft):
    assert client.get(f"/tr/projects/{b_draft.slug}/").status_code == 404
    assert client.get(f"/api/v1/projects/{b_draft.slug}/").status_code == 404


# --- admin back-office ---------------------------------------------------------------------


@pytest.fixture
def staff_contact_a(contact_a):
    """Contact A's user may enter the back-office with the project view/change permissions,
    but it is no working-group admin: the rule still limits it to agency A."""
    user = contact_a.user
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="portal", codename__in=["view_project", "change_project"])
    )
    return contact_a


@pytest.fixture
def staff_client_a(client, staff_contact_a):
    client.force_login(staff_contact_a.user)
    return client


def test_staff_contact_cannot_open_other_agencys_project_in_admin(staff_client_a, b_published, b_draft):
    for project in (b_published, b_draft):
        response = staff_client_a.get(f"/admin/portal/project/{project.pk}/change/")
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert response["Location"] == "/admin/"
        assert project.title_en not in response.content.decode()


def test_staff_contact_cannot_change_other_agencys_project_in_admin(staff_client_a, b_published, agency_a):
    before = snapshot(b_published)
    response = staff_client_a.post(
        f"/admin/portal/project/{b_published.pk}/change/",
        {
            "agency": agency_a.pk,
            "slug": b_published.slug,
            "title_tr": "Ele geçirildi",
            "title_en": "Taken over",
            "status": "completed",
            "partnerships-TOTAL_FORMS": "0",
            "partnerships-INITIAL_FORMS": "0",
            "listings-TOTAL_FORMS": "0",
            "listings-INITIAL_FORMS": "0",
            "materials-TOTAL_FORMS": "0",
            "materials-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code in (302, 403, 404)
    assert snapshot(b_published) == before


def test_staff_contact_admin_changelist_lists_only_own_agency(staff_client_a, agency_a, b_published, b_draft, a_draft):
    a_published = factories.ProjectFactory(agency=agency_a, published=True, slug="a-published")
    response = staff_client_a.get("/admin/portal/project/")
    assert response.status_code == 200
    listed = sorted(p.slug for p in response.context["cl"].result_list)
    assert listed == sorted([a_draft.slug, a_published.slug])
    assert response.context["cl"].full_result_count == 2


def test_staff_contact_can_change_own_project_in_admin(staff_client_a, a_draft):
    response = staff_client_a.get(f"/admin/portal/project/{a_draft.pk}/change/")
    assert response.status_code == 200
    assert response.context["original"] == a_draft


def test_staff_contact_admin_actions_cannot_publish_other_agencys_project(staff_client_a, b_draft, a_draft):
    before = snapshot(b_draft)
    response = staff_client_a.post(
        "/admin/portal/project/",
        {"action": "publish", "_selected_action": [b_draft.pk], "index": "0"},
    )
    assert response.status_code in (200, 302)
    assert snapshot(b_draft) == before


def test_working_group_admin_sees_and_changes_every_project(admin_client_wg, b_published, b_draft, a_draft):
    response = admin_client_wg.get("/admin/portal/project/")
    assert response.status_code == 200
    listed = sorted(p.slug for p in response.context["cl"].result_list)
    assert listed == ["a-draft", "b-draft", "b-published"]
    for project in (a_draft, b_draft, b_published):
        page = admin_client_wg.get(f"/admin/portal/project/{project.pk}/change/")
        assert page.status_code == 200
        assert page.context["original"] == project
        assert page.context["has_change_permission"] is True


def test_working_group_admin_changes_other_agencys_project_in_admin(admin_client_wg, b_draft):
    data = {
        "agency": b_draft.agency_id,
        "slug": b_draft.slug,
        "title_tr": "B taslak",
        "title_en": "B draft, edited by the working group",
        "start_year": "2020",
        "status": "ongoing",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
        "listings-TOTAL_FORMS": "0",
        "listings-INITIAL_FORMS": "0",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
    }
    post = admin_client_wg.post(f"/admin/portal/project/{b_draft.pk}/change/", data)
    assert post.status_code == 302
    b_draft.refresh_from_db()
    assert b_draft.title_en == "B draft, edited by the working group"
    assert b_draft.agency.slug == "agency-b"


def test_working_group_admin_can_change_through_api(admin_client_wg, b_draft):
    response = admin_client_wg.patch(
        f"/api/v1/projects/{b_draft.slug}/", {"title_en": "By the WG"}, content_type="application/json"
    )
    assert response.status_code == 200
    b_draft.refresh_from_db()
    assert b_draft.title_en == "By the WG"


# --- selectors.can_change unit cases -------------------------------------------------------


def test_can_change_own_and_other_agency(contact_a, a_draft, b_published):
    assert selectors.can_change(contact_a.user, a_draft) is True
    assert selectors.can_change(contact_a.user, b_published) is False


def test_can_change_anonymous_is_false(a_draft):
    assert selectors.can_change(AnonymousUser(), a_draft) is False


def test_can_change_inactive_contact_is_false(agency_a, a_draft):
    contact = factories.ContactFactory(agency=agency_a, is_active=False)
    assert selectors.can_change(contact.user, a_draft) is False


def test_can_change_inactive_user_is_false(agency_a, a_draft):
    contact = factories.ContactFactory(agency=agency_a, user__is_active=False)
    assert contact.user.is_active is False
    assert selectors.can_change(contact.user, a_draft) is False


def test_can_change_unconfirmed_contact_is_false(agency_a, a_draft):
    contact = factories.ContactFactory(agency=agency_a, confirmed_at=None, approved_at=None)
    assert selectors.can_change(contact.user, a_draft) is False


def test_can_change_unapproved_contact_is_false(agency_a, a_draft):
    contact = factories.ContactFactory(agency=agency_a, confirmed_at=timezone.now(), approved_at=None)
    assert selectors.can_change(contact.user, a_draft) is False


def test_can_change_user_without_contact_is_false(a_draft):
    user = factories.UserFactory()
    assert selectors.can_change(user, a_draft) is False


def test_can_change_staff_contact_is_limited_to_own_agency(staff_contact_a, a_draft, b_published):
    user = staff_contact_a.user
    assert user.has_perm("portal.change_project") is True
    assert selectors.can_change(user, a_draft) is True
    assert selectors.can_change(user, b_published) is False
    assert sorted(selectors.projects_editable_by(user).values_list("slug", flat=True)) == ["a-draft"]


def test_can_change_working_group_admin_any_agency(wg_admin, a_draft, b_published):
    assert selectors.can_change(wg_admin, a_draft) is True
    assert selectors.can_change(wg_admin, b_published) is True


def test_can_change_staff_without_change_permission_is_false(b_published):
    user = factories.UserFactory(is_staff=True)
    assert selectors.can_change(user, b_published) is False
