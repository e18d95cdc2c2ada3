"""Every list's filters take names (any language, acronym) as well as slugs, on the pages and in the API; a near
miss is a "did you mean" error with links that re-run the list; a From after the To is a field error (400 in the
API). On PostgreSQL."""

import pytest

from awards.models import AwardResult
from funds.models import Grant
from portal.models import Project
from tests import factories

pytestmark = pytest.mark.django_db

SOROS_NAMES = ["Soros", "soros-kg", "Фонд Сорос", "بنياد سوروس", "SOROS VAKFI"]
BTK_NAMES = ["BTK", "btk", "Bilgi Teknolojileri", "Управление информационных технологий"]


@pytest.fixture
def soros():
    return factories.AgencyFactory(
        slug="soros-kg",
        name="Soros Vakfı–Kırgızistan",
        name_tr="Soros Vakfı–Kırgızistan",
        name_en="Soros Foundation–Kyrgyzstan",
        name_ru="Фонд Сорос–Кыргызстан",
        name_fa="بنیاد سوروس قرقیزستان",
        country="KG",
        kind="ngo",
    )


@pytest.fixture
def btk():
    return factories.AgencyFactory(
        slug="btk",
        name="Bilgi Teknolojileri ve İletişim Kurumu",
        name_tr="Bilgi Teknolojileri ve İletişim Kurumu",
        name_en="Information and Communication Technologies Authority",
        name_ru="Управление информационных технологий и коммуникаций",
        acronym="BTK",
    )


def _records(agency):
    """One public record of `agency` in every list that filters by agency."""
    project = factories.ProjectFactory(agency=agency, published=True, title_en=f"Project of {agency.slug}")
    edition = factories.AwardEditionFactory(past=True)
    return {
        "project": project,
        "result": factories.award_result(edition, agency, None),
        "grant": factories.GrantFactory(agency=agency, published=True),
        "participation": factories.ParticipationFactory(agency=agency, published=True),
        "guide": factories.GuideFactory(agency=agency, title_en=f"Guide of {agency.slug}"),
        "listing": factories.PortalListingFactory(project=project, published=True),
        "resolution": factories.ResolutionFactory(responsible=[agency]),
    }


@pytest.fixture
def world(soros, btk):
    return {"soros": _records(soros), "btk": _records(btk)}


API_LISTS = [
    ("/api/v1/projects/", "agency"),
    ("/api/v1/awards/results/", "agency"),
    ("/api/v1/funds/grants/", "agency"),
    ("/api/v1/events/participations/", "agency"),
    ("/api/v1/guides/", "agency"),
    ("/api/v1/guides/listings/", "agency"),
    ("/api/v1/coordination/resolutions/", "agency"),
]
PAGE_LISTS = [
    ("/en/projects/", Project),
    ("/en/awards/results/", AwardResult),
    ("/en/funds/grants/", Grant),
]


@pytest.mark.parametrize(("url", "param"), API_LISTS)
@pytest.mark.parametrize(("who", "text"), [("soros", t) for t in SOROS_NAMES] + [("btk", t) for t in BTK_NAMES])
def test_the_api_lists_take_the_agency_by_name_acronym_or_slug(client, world, url, param, who, text):
    assert client.get(url).json()["count"] == 2
    for key in (param, f"{param}_name"):
        response = client.get(url, {key: text})
        assert response.status_code == 200, response.json()
        assert response.json()["count"] == 1


@pytest.mark.parametrize(("url", "model"), PAGE_LISTS)
@pytest.mark.parametrize(("who", "text"), [("soros", t) for t in SOROS_NAMES] + [("btk", t) for t in BTK_NAMES])
def test_the_list_pages_take_the_agency_by_name_acronym_or_slug(client, world, soros, btk, url, model, who, text):
    response = client.get(url, {"agency": text})
    assert response.status_code == 200
    rows = list(response.context["page"].object_list)
    assert [row.agency for row in rows] == [soros if who == "soros" else btk]


def test_the_library_page_takes_the_author_agency_by_name(client, world):
    response = client.get("/en/guides/", {"agency": "Фонд Сорос"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Guide of soros-kg" in html
    assert "Guide of btk" not in html


def test_a_near_miss_is_a_did_you_mean_error_with_a_link_that_reruns_the_list(client, world):
    response = client.get("/en/awards/results/", {"agency": "Sorros", "outcome": "winner", "page": "2"})
    assert response.status_code == 200
    errors = response.context["filter"].form.errors["agency"]
    assert errors == ["No agency is named “Sorros”. Did you mean: Soros Foundation–Kyrgyzstan (soros-kg)?"]
    html = response.content.decode()
    assert 'href="?agency=soros-kg&amp;outcome=winner"' in html
    again = client.get("/en/awards/results/?agency=soros-kg&outcome=winner")
    assert [row.agency.slug for row in again.context["page"].object_list] == ["soros-kg"]


def test_a_near_miss_in_the_api_is_a_400_naming_the_candidates(client, world):
    response = client.get("/api/v1/awards/results/", {"agency_name": "Sorros", "lang": "en"})
    assert response.status_code == 400
    assert response.json() == {
        "agency": ["No agency is named “Sorros”. Did you mean: Soros Foundation–Kyrgyzstan (soros-kg)?"]
    }
    unknown = client.get("/api/v1/awards/results/", {"agency": "Zzyzx Quorum", "lang": "en"})
    assert unknown.status_code == 400
    assert unknown.json() == {"agency": ["No agency is named “Zzyzx Quorum”."]}


@pytest.mark.parametrize(
    ("url", "kind", "text", "found"),
    [
        ("/api/v1/awards/results/", "programme", "WSIS Prizes", 2),
        ("/api/v1/awards/results/", "programme", "wsis-prizes", 2),
        ("/api/v1/funds/grants/", "funder", "Koica", 0),
    ],
)
def test_other_kinds_take_names_too(client, world, url, kind, text, found):
    if kind == "funder":
        factories.FunderFactory(slug="koica", name="Korea International Cooperation Agency", acronym="KOICA")
    response = client.get(url, {kind: text})
    assert response.status_code == 200, response.json()
    assert response.json()["count"] == found


def test_an_event_and_a_theme_by_name_in_the_api(client):
    event = factories.EventFactory(name="Dünya Bilgi Toplumu Zirvesi Forumu", name_en="WSIS Forum 2026")
    factories.ParticipationFactory(event=event, published=True)
    factories.ParticipationFactory(published=True)
    response = client.get("/api/v1/events/participations/", {"event": "wsis forum 2026"})
    assert response.json()["count"] == 1
    response = client.get("/api/v1/events/participations/", {"event_name": "Zirvesi"})
    assert response.json()["count"] == 1


# --- Impossible combinations ------------------------------------------------------------------------------------

RANGES = [
    ("/api/v1/awards/results/", "year_min", "year_max", "2024", "2020"),
    ("/api/v1/awards/editions/", "year_min", "year_max", "2024", "2020"),
    ("/api/v1/funds/grants/", "year_min", "year_max", "2024", "2020"),
    ("/api/v1/funds/grants/", "amount_min", "amount_max", "5000", "100"),
]
RANGE_PAGES = [
    ("/en/awards/results/", "year_min", "year_max", "2024", "2020"),
    ("/en/awards/figures/", "year_min", "year_max", "2024", "2020"),
    ("/en/funds/grants/", "year_min", "year_max", "2024", "2020"),
    ("/en/funds/grants/", "amount_min", "amount_max", "5000", "100"),
]


@pytest.mark.parametrize(("url", "low", "high", "start", "end"), RANGES)
def test_from_after_to_is_a_400_in_the_api(client, url, low, high, start, end):
    response = client.get(url, {low: start, high: end})
    assert response.status_code == 400
    assert list(response.json()) == [high]
    assert client.get(url, {low: end, high: start}).status_code == 200
    assert client.get(url, {low: start, high: start}).status_code == 200


@pytest.mark.parametrize(("url", "low", "high", "start", "end"), RANGE_PAGES)
def test_from_after_to_is_a_field_error_on_the_page(client, url, low, high, start, end):
    response = client.get(url, {low: start, high: end})
    assert response.status_code == 200
    form = response.context["filter"].form
    assert list(form.errors) == [high]
    assert f'id="id_{high}_error"' in response.content.decode()
