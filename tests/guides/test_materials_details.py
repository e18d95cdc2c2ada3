"""The details an agency writes about its promotional materials (language, year, lessons): a contact writes its
own agency's only (page, API, admin); what a contact writes is public only once the working group publishes it, and
a change to published details waits as a revision while the published text stays; an admin's are published at once."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guides.materials import selectors, services
from guides.materials.models import MaterialDetails
from portal.models import ReviewState, Revision, RevisionState
from portal.reviews import decisions, publish_reported
from tests import factories


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def form(**extra) -> dict:
    data = {"language": "ky", "year": "2021", "lessons_en": "Print fewer, hand them out at the stand."}
    data.update(extra)
    return data


def lessons_shown(material) -> str:
    item = selectors.gallery_item("material", material.pk)
    return item.lessons if item else None


def test_a_contacts_details_are_public_only_once_published(contact_a, wg_admin):
    material = factories.PromoMaterialFactory(project__agency=contact_a.agency)
    url = reverse("guides:material_details", args=[material.pk])
    response = client_of(contact_a.user).post(url, form())
    assert response.status_code == 302 and response["Location"] == reverse("guides:material_mine")
    details = MaterialDetails.objects.get(material=material)
    assert details.review_state == ReviewState.SUBMITTED and details.agency_id == contact_a.agency_id
    assert details.lessons_en.startswith("Print fewer")
    # Not in the gallery, the item page, the counts, the API.
    assert lessons_shown(material) == ""
    page = client_of().get(reverse("guides:materials")).content.decode()
    assert "Print fewer" not in page
    assert "ky" not in [option.value for option in selectors.facet_counts(selectors.Filters())["language"]]
    api = client_of().get(f"/api/v1/guides/materials/material-{material.pk}/").json()
    assert api["lessons"] == "" and api["language"] == ""
    # The working group publishes them.
    assert publish_reported(wg_admin, details)
    assert lessons_shown(material).startswith("Print fewer")
    assert client_of().get(f"/api/v1/guides/materials/material-{material.pk}/").json()["language"] == "ky"


def test_a_change_to_published_details_waits_as_a_revision(contact_a, wg_admin):
    details = factories.MaterialDetailsFactory(
        material=factories.PromoMaterialFactory(project__agency=contact_a.agency), lessons_en="Old lesson."
    )
    material = details.material
    response = client_of(contact_a.user).post(
        reverse("guides:material_details", args=[material.pk]), form(lessons_en="New lesson.")
    )
    assert response.status_code == 302
    details.refresh_from_db()
    assert details.review_state == ReviewState.PUBLISHED and details.lessons_en == "Old lesson."
    assert lessons_shown(material) == "Old lesson."
    revision = Revision.objects.get(object_id=details.pk, state=RevisionState.PENDING)
    # The form shows the change that waits.
    page = client_of(contact_a.user).get(reverse("guides:material_details", args=[material.pk])).content.decode()
    assert "New lesson." in page
    decisions.accept_revision(wg_admin, revision)
    assert lessons_shown(material) == "New lesson."


def test_an_admins_details_are_published_at_once(wg_admin):
    material = factories.PromoMaterialFactory()
    details = services.save_details(wg_admin, material, {"year": 2020, "lessons_en": "Admin lesson."})
    assert details.is_published
    assert lessons_shown(material) == "Admin lesson."


def test_another_agencys_contact_may_not_write_them(contact_a, contact_b):
    material = factories.PromoMaterialFactory(project__agency=contact_a.agency)
    draft = factories.PromoMaterialFactory(project__agency=contact_a.agency, review_state=ReviewState.DRAFT)
    client = client_of(contact_b.user)
    url = reverse("guides:material_details", args=[material.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, form()).status_code == 403
    assert client.get(reverse("guides:material_details", args=[draft.pk])).status_code == 404
    assert not MaterialDetails.objects.exists()
    with pytest.raises(services.PermissionDenied):
        services.save_details(contact_b.user, material, {"year": 2020})
    # Nor through the API, which is read-only.
    response = client.post("/api/v1/guides/materials/", {"year": 2020}, content_type="application/json")
    assert response.status_code == 405
    # Nor in the back-office, which is the working group's.
    response = client.get(reverse("admin:guides_materialdetails_add"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not MaterialDetails.objects.exists()


def test_bad_input_is_a_field_error_and_changes_nothing(contact_a):
    material = factories.PromoMaterialFactory(project__agency=contact_a.agency)
    response = client_of(contact_a.user).post(
        reverse("guides:material_details", args=[material.pk]), form(year="1800", language="xx")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year", "language"}
    assert not MaterialDetails.objects.exists()


def test_my_agencys_materials_list_every_state(contact_a, contact_b, django_assert_max_num_queries):
    mine = [
        factories.PromoMaterialFactory(project__agency=contact_a.agency),
        factories.PromoMaterialFactory(project__agency=contact_a.agency, review_state=ReviewState.DRAFT),
    ]
    factories.MaterialDetailsFactory(material=mine[0])
    factories.PromoMaterialFactory(project__agency=contact_b.agency, title="Not mine")
    client = client_of(contact_a.user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("guides:material_mine"))
    assert [m.pk for m in response.context["materials"]] == sorted(
        [m.pk for m in mine], key=lambda pk: next(m.project.slug for m in mine if m.pk == pk)
    )
    assert "Not mine" not in response.content.decode()
    assert client_of().get(reverse("guides:material_mine")).status_code == 302


def test_the_admin_edits_details_and_rebuilds_thumbnails(wg_admin, django_capture_on_commit_callbacks):
    from guides.materials.models import MaterialThumbnail

    material = factories.PromoMaterialFactory()
    client = client_of(wg_admin)
    response = client.post(
        reverse("admin:guides_materialdetails_add"),
        {"material": material.pk, "language": "en", "year": "2022", "lessons_tr": "Ders.", "lessons_en": "Lesson."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    details = MaterialDetails.objects.get(material=material)
    assert details.is_published and details.lessons_en == "Lesson."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:guides_materialdetails_changelist"),
            {"action": "rebuild_thumbnail", "_selected_action": [details.pk]},
        )
    assert response.status_code == 302
    assert MaterialThumbnail.objects.get(material=material).is_ready
    assert client.get(reverse("admin:guides_materialthumbnail_changelist")).status_code == 200
    assert client.get(reverse("admin:guides_materialdetails_change", args=[details.pk])).status_code == 200


def test_an_empty_form_is_refused(contact_a):
    material = factories.PromoMaterialFactory(project__agency=contact_a.agency)
    response = client_of(contact_a.user).post(reverse("guides:material_details", args=[material.pk]), {})
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["language"][0].code == "empty"
    assert not MaterialDetails.objects.exists()
