"""API of the gallery, /api/v1/guides/materials/: the page's items and rules (drafts never listed nor counted),
thumbnail addresses, filters with a 400 on bad values, a constant number of queries."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guides.materials import thumbnails
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL

LIST = "/api/v1/guides/materials/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_list_gives_published_items_with_thumbnail_urls(agency_a, contact_a):
    poster = factories.PromoMaterialFactory(project__agency=agency_a, title="API poster")
    factories.MaterialDetailsFactory(material=poster, language="tr", year=2018, lessons_en="API lesson.")
    thumbnails.make("material", poster.pk)
    film = factories.PromoMaterialFactory(kind="film", file=None, url="https://video.example/f", title="API film")
    image = factories.GuideAttachmentFactory(kind="image", title="API image", file=ContentFile(b"x", name="i.png"))
    factories.PromoMaterialFactory(project__agency=agency_a, review_state=ReviewState.DRAFT, title="Hidden draft")
    factories.GuideAttachmentFactory(kind="document", title="Hidden document")
    for client in (Client(), Client()):
        body = client.get(LIST, {"lang": "en"}).json()
        assert body["count"] == 3
        by_id = {row["id"]: row for row in body["results"]}
        assert set(by_id) == {f"material-{poster.pk}", f"material-{film.pk}", f"attachment-{image.pk}"}
        row = by_id[f"material-{poster.pk}"]
        with translation.override("en"):
            thumb = reverse("guides:material_thumbnail", args=["material", poster.pk])
        assert row["thumbnail_url"] == settings.SITE_URL + thumb
        assert row["agency"] == "agency-a" and row["language"] == "tr" and row["year"] == 2018
        assert row["lessons"] == "API lesson."
        assert by_id[f"material-{film.pk}"]["film_url"] == "https://video.example/f"
        assert by_id[f"material-{film.pk}"]["thumbnail_url"] is None
        assert by_id[f"attachment-{image.pk}"]["thumbnail_url"] is None  # not a real image
        client.force_login(contact_a.user)  # a contact sees the same: drafts are not gallery items


def test_filters_and_bad_values(agency_a):
    factories.PromoMaterialFactory(project__agency=agency_a, kind="brochure")
    factories.PromoMaterialFactory(kind="poster")
    client = Client()
    assert client.get(LIST, {"kind": "brochure"}).json()["count"] == 1
    assert client.get(LIST, {"agency": "agency-a"}).json()["count"] == 1
    assert client.get(LIST, {"kind": "image"}).json()["count"] == 0
    for bad in ({"kind": "x"}, {"year": "99999"}, {"agency": "nobody"}, {"agency": "a\x00"}, {"language": "xx"}):
        response = client.get(LIST, bad)
        assert response.status_code == 400, bad
        assert set(response.json()) == set(bad)


def test_the_detail_of_a_draft_is_a_404():
    draft = factories.PromoMaterialFactory(review_state=ReviewState.DRAFT)
    published = factories.PromoMaterialFactory()
    client = Client()
    assert client.get(f"{LIST}material-{draft.pk}/").status_code == 404
    assert client.get(f"{LIST}material-{published.pk}/").status_code == 200
    assert client.get(f"{LIST}attachment-{published.pk}/").status_code == 404
    assert client.get(f"{LIST}material-99999999999999999/").status_code == 404


def test_the_list_runs_a_constant_number_of_queries(django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            material = factories.PromoMaterialFactory(project__agency=factories.AgencyFactory())
            factories.MaterialDetailsFactory(material=material)
            thumbnails.make("material", material.pk)
            factories.GuideAttachmentFactory(kind="poster", file=ContentFile(factories.png_bytes(), name="p.png"))

    add(SMALL)
    client = Client()
    with django_assert_max_num_queries(4):  # the count, the page of rows, the materials, the attachments
        assert client.get(LIST).json()["count"] == 2 * SMALL
    add(LARGE - SMALL)
    with django_assert_max_num_queries(4):
        assert client.get(LIST).json()["count"] == 2 * LARGE
