"""The gallery page, an item's page, its thumbnail and file: only published materials of published projects and
posters, brochures, presentations and images of published guides; only published details; counts that never count
drafts; filters with field errors; a constant number of queries."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guides.materials import thumbnails
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries


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


@pytest.fixture
def world(agency_a, agency_b):
    """Published items of agency A and B, and drafts of every kind that must never show."""
    shown = factories.PromoMaterialFactory(
        project__agency=agency_a, title="Shown poster", kind="poster", file__data=factories.png_bytes()
    )
    factories.MaterialDetailsFactory(material=shown, language="ru", year=2019, lessons_en="Big letters work.")
    thumbnails.make("material", shown.pk)
    film = factories.PromoMaterialFactory(
        project__agency=agency_b, title="Shown film", kind="film", file=None, url="https://video.example/film"
    )
    guide = factories.GuideFactory(agency=agency_b)
    brochure = factories.GuideAttachmentFactory(
        guide=guide, kind="brochure", title="Shown brochure", language="en", file=ContentFile(b"%PDF", name="b.pdf")
    )
    # Never shown: a draft material, a published one on a draft project, a draft guide's poster, a guide's form.
    draft = factories.PromoMaterialFactory(
        project__agency=agency_a, title="Draft poster", review_state=ReviewState.DRAFT, published_at=None
    )
    thumbnails.make("material", draft.pk)
    on_draft_project = factories.PromoMaterialFactory(
        project=factories.ProjectFactory(agency=agency_a), title="Poster of a draft project", kind="brochure"
    )
    draft_guide = factories.GuideFactory(agency=agency_a, review_state=ReviewState.DRAFT, version=0, published_at=None)
    hidden_attachment = factories.GuideAttachmentFactory(
        guide=draft_guide, kind="poster", title="Draft guide poster", file=ContentFile(factories.png_bytes(), "p.png")
    )
    thumbnails.make("attachment", hidden_attachment.pk)
    form = factories.GuideAttachmentFactory(guide=guide, kind="form", title="A form")
    # Details written but not yet published: their language, year and lessons stay hidden.
    waiting = factories.PromoMaterialFactory(project__agency=agency_a, title="Waiting details", kind="presentation")
    factories.MaterialDetailsFactory(
        material=waiting,
        language="fa",
        year=2001,
        lessons_en="Secret draft lesson.",
        review_state=ReviewState.SUBMITTED,
    )
    return {
        "shown": shown,
        "film": film,
        "brochure": brochure,
        "draft": draft,
        "on_draft_project": on_draft_project,
        "hidden_attachment": hidden_attachment,
        "form": form,
        "waiting": waiting,
    }


def gallery(client=None, **query):
    return (client or client_of()).get(reverse("guides:materials"), query)


def test_the_gallery_shows_published_items_only(world):
    response = gallery()
    assert response.status_code == 200
    keys = [item.key for item in response.context["items"]]
    assert sorted(keys) == sorted(
        [
            f"material-{world['shown'].pk}",
            f"material-{world['film'].pk}",
            f"attachment-{world['brochure'].pk}",
            f"material-{world['waiting'].pk}",
        ]
    )
    html = response.content.decode()
    for hidden in ("Draft poster", "Poster of a draft project", "Draft guide poster", "A form", "Secret draft lesson"):
        assert hidden not in html
    assert "Big letters work." in html
    assert 'href="https://video.example/film"' in html
    assert reverse("guides:material_thumbnail", args=["material", world["shown"].pk]) in html
    assert 'alt="Thumbnail of the poster “Shown poster”"' in html
    assert world["shown"].project.get_absolute_url() in html


def test_counts_never_count_drafts_and_follow_the_other_filters(world, agency_a):
    facets = gallery().context["facets"]
    assert {o.value: o.count for o in facets["kind"]} == {"poster": 1, "brochure": 1, "film": 1, "presentation": 1}
    assert {o.value: o.count for o in facets["agency"]} == {"agency-a": 2, "agency-b": 2}
    assert {o.value: o.count for o in facets["language"]} == {"ru": 1, "en": 1}  # not the waiting details' "fa"
    years = {o.value: o.count for o in facets["year"]}
    assert "2019" in years and "2001" not in years
    facets = gallery(agency="agency-a").context["facets"]
    assert {o.value: o.count for o in facets["kind"]} == {"poster": 1, "presentation": 1}
    assert {o.value: o.count for o in facets["agency"]} == {"agency-a": 2, "agency-b": 2}  # its own filter ignored


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "film"}, ["film"]),
        ({"kind": "brochure"}, ["brochure"]),
        ({"language": "ru"}, ["shown"]),
        ({"language": "fa"}, []),
        ({"year": "2019"}, ["shown"]),
        ({"agency": "agency-b", "kind": "brochure"}, ["brochure"]),
    ],
)
def test_the_filters(world, query, expected):
    items = gallery(**query).context["items"]
    assert sorted(item.record.pk for item in items) == sorted(world[name].pk for name in expected)


@pytest.mark.parametrize(
    "query", [{"kind": "nope"}, {"year": "1200"}, {"year": "x"}, {"agency": "no-such"}, {"agency": "a\x00"}]
)
def test_a_bad_filter_is_a_field_error_not_an_error_page(world, query):
    response = gallery(**query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'class="error"' in response.content.decode()


def test_item_thumbnail_and_file_of_published_items(world):
    client = client_of()
    shown, brochure = world["shown"], world["brochure"]
    response = client.get(reverse("guides:material_item", args=["material", shown.pk]))
    assert response.status_code == 200 and b"Big letters work." in response.content
    response = client.get(reverse("guides:material_thumbnail", args=["material", shown.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    response = client.get(reverse("guides:material_file", args=["attachment", brochure.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF"
    # No thumbnail made yet (the brochure's file is not a real PDF): 404, and the page says so.
    assert client.get(reverse("guides:material_thumbnail", args=["attachment", brochure.pk])).status_code == 404


@pytest.mark.parametrize("name", ["draft", "on_draft_project", "hidden_attachment", "form"])
def test_drafts_are_served_to_nobody_outside(world, name, contact_b):
    record = world[name]
    source = "attachment" if name in ("hidden_attachment", "form") else "material"
    for client in (client_of(), client_of(contact_b.user)):
        for route in ("guides:material_item", "guides:material_thumbnail", "guides:material_file"):
            response = client.get(reverse(route, args=[source, record.pk]))
            assert response.status_code == 404, route


def test_the_own_agency_sees_the_thumbnail_of_its_draft(world, contact_a):
    url = reverse("guides:material_thumbnail", args=["material", world["draft"].pk])
    response = client_of(contact_a.user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_the_gallery_runs_a_constant_number_of_queries(agency_a, django_assert_max_num_queries):
    def add(count):
        for index in range(count):
            material = factories.PromoMaterialFactory(project__agency=factories.AgencyFactory())
            factories.MaterialDetailsFactory(material=material, year=2000 + index)
            thumbnails.make("material", material.pk)
            factories.GuideAttachmentFactory(kind="poster", file=ContentFile(factories.png_bytes(), name="p.png"))

    add(SMALL)
    small, _response = count_queries(client_of(), reverse("guides:materials"))
    add(LARGE - SMALL)
    with django_assert_max_num_queries(small):
        response = gallery()
    assert response.status_code == 200
    assert len(response.context["items"]) == 24
