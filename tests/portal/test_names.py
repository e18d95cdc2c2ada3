"""The name resolver (portal.names) on PostgreSQL, its autocomplete endpoint, and the name fields of the
registration form: names in any language, acronyms and slugs; near misses as candidates; only visible records."""

import pytest
from django.urls import reverse

from portal import names
from portal.models import ReviewState
from portal.search.text import fold
from tests import factories

pytestmark = pytest.mark.django_db

NAMES_URL = "/api/v1/names/"


@pytest.fixture
def soros():
    return factories.AgencyFactory(
        slug="soros-kg",
        name="Soros Vakfı–Kırgızistan",
        name_tr="Soros Vakfı–Kırgızistan",
        name_en="Soros Foundation–Kyrgyzstan",
        name_ru="Фонд Сорос–Кыргызстан",
        name_fa="بنیاد سوروس قرقیزستان",
    )


@pytest.fixture
def btk():
    return factories.AgencyFactory(
        slug="btk",
        name="Bilgi Teknolojileri ve İletişim Kurumu",
        name_tr="Bilgi Teknolojileri ve İletişim Kurumu",
        name_en="Information and Communication Technologies Authority",
        acronym="BTK",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Soros",
        "soros-kg",
        "SOROS FOUNDATION–KYRGYZSTAN",
        "Фонд Сорос–Кыргызстан",
        "Фонд Сорос",
        "بنیاد سوروس",
        "بنياد سوروس",  # Arabic yeh
        "Soros Vakfi–Kirgizistan",  # dotless i typed as i
    ],
)
def test_a_name_in_any_language_or_the_slug_finds_the_agency(soros, btk, text):
    assert names.resolve("agency", text).record == soros


def test_the_acronym_and_the_turkish_dotted_i_find_the_agency(soros, btk):
    assert names.resolve("agency", "BTK").record == btk
    assert names.resolve("agency", "btk").record == btk
    assert names.resolve("agency", "bilgi teknolojileri ve iletisim kurumu").record == btk
    assert names.resolve("agency", "İLETİŞİM").record == btk


def test_a_near_miss_is_a_candidate_never_a_choice(soros, btk):
    found = names.resolve("agency", "Sorros")
    assert found.record is None
    assert found.near is True
    assert found.candidates == [soros]


def test_several_equally_good_matches_are_candidates(soros):
    other = factories.AgencyFactory(slug="soros-az", name="Soros Foundation Azerbaijan", name_en="")
    found = names.resolve("agency", "Soros")
    assert found.record is None
    assert found.near is False
    assert sorted(a.slug for a in found.candidates) == [other.slug, soros.slug]
    # The exact name wins over those that only contain it.
    assert names.resolve("agency", "Soros Foundation Azerbaijan").record == other


def test_nothing_close_is_no_candidate(soros):
    found = names.resolve("agency", "Zzyzx Quorum")
    assert (found.record, found.candidates) == (None, [])


def test_a_draft_project_of_another_agency_is_never_named(contact_a, agency_b):
    draft = factories.ProjectFactory(agency=agency_b, title_tr="Gizli Taslak Sistemi", review_state=ReviewState.DRAFT)
    own = factories.ProjectFactory(
        agency=contact_a.agency, title_tr="Gizli Taslak Sistemimiz", review_state=ReviewState.DRAFT
    )
    for text in ("Gizli Taslak Sistemi", "Gizli Taslak Sistemx", draft.slug):
        assert draft not in names.resolve("project", text).candidates
        assert names.resolve("project", text).record != draft
        assert draft not in names.resolve("project", text, contact_a.user).candidates
        assert draft not in names.suggest("project", text, contact_a.user)
        assert draft not in names.suggest("project", text)
    assert names.resolve("project", own.slug, contact_a.user).record == own
    assert names.resolve("project", own.slug).record is None


# --- The autocomplete endpoint ----------------------------------------------------------------------------------


def test_the_endpoint_suggests_names_in_the_language_of_the_answer(client, soros, btk):
    response = client.get(NAMES_URL, {"kind": "agency", "q": "sor", "lang": "en"})
    assert response.status_code == 200
    assert response.json() == {"results": [{"slug": "soros-kg", "name": "Soros Foundation–Kyrgyzstan"}]}
    assert "private" in response["Cache-Control"]
    response = client.get(NAMES_URL, {"kind": "agency", "q": "BTK", "lang": "tr"})
    assert response.json()["results"] == [{"slug": "btk", "name": "Bilgi Teknolojileri ve İletişim Kurumu"}]


@pytest.mark.parametrize("query", [{"kind": "nothing", "q": "a"}, {"kind": "agency", "q": "x" * 101}])
def test_the_endpoint_answers_400_with_details(client, query):
    response = client.get(NAMES_URL, query)
    assert response.status_code == 400
    assert set(response.json()) <= {"kind", "q"}
    assert response.json()


def test_the_bare_endpoint_suggests_no_agency(client, soros):
    """Nothing typed, nothing suggested; the kind is an agency unless said."""
    assert client.get(NAMES_URL).json() == {"results": []}
    assert client.get(NAMES_URL, {"q": "sor", "lang": "en"}).json()["results"][0]["slug"] == "soros-kg"


def test_the_endpoint_never_suggests_another_agencys_draft(client, contact_a, agency_b):
    factories.ProjectFactory(agency=agency_b, title_tr="Gizli Taslak Sistemi", review_state=ReviewState.DRAFT)
    published = factories.ProjectFactory(agency=agency_b, title_tr="Açık Taslak Sistemi", published=True)
    own = factories.ProjectFactory(agency=contact_a.agency, title_tr="Bizim Taslak Sistemi")
    anonymous = client.get(NAMES_URL, {"kind": "project", "q": "taslak", "lang": "tr"}).json()["results"]
    assert [r["slug"] for r in anonymous] == [published.slug]
    client.force_login(contact_a.user)
    mine = client.get(NAMES_URL, {"kind": "project", "q": "taslak", "lang": "tr"}).json()["results"]
    assert sorted(r["slug"] for r in mine) == sorted([published.slug, own.slug])


def test_the_endpoint_runs_as_many_queries_for_many_agencies_as_for_one(client, django_assert_max_num_queries):
    factories.AgencyFactory(name="Ajans Tek", name_tr="Ajans Tek")
    client.get(NAMES_URL, {"kind": "agency", "q": "x"})  # the connection's trigram threshold is set once
    # The closest indexed names, the ranking of those visible, the records.
    with django_assert_max_num_queries(3):
        assert len(client.get(NAMES_URL, {"kind": "agency", "q": "ajans"}).json()["results"]) == 1
    factories.AgencyFactory.create_batch(20)
    with django_assert_max_num_queries(3):
        assert len(client.get(NAMES_URL, {"kind": "agency", "q": "ajans"}).json()["results"]) == 8


def test_the_schema_documents_the_endpoint_and_the_name_parameters(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/names/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"kind", "q"}
    results = schema["paths"]["/api/v1/awards/results/"]["get"]["parameters"]
    assert {"agency", "agency_name", "programme", "programme_name"} <= {p["name"] for p in results}


def test_the_sqlite_fallback_ranks_the_same_way(soros, btk):
    """The embedded demo's plain path (names folded in Python), run here on the same records."""
    from portal.models import Agency

    def ranked(text):
        named = names.get("agency")
        return [(a.slug, s) for a, s in names._ranked_in_python(named, Agency.objects.all(), text, fold(text), 6)]

    assert ranked("soros-kg") == [("soros-kg", names.SLUG)]
    assert ranked("btk") == [("btk", names.SLUG)]
    assert ranked("Bilgi Teknolojileri ve İletişim Kurumu") == [("btk", names.EXACT)]
    assert ranked("بنياد سوروس") == [("soros-kg", names.CONTAINS)]
    assert ranked("iletisim") == [("btk", names.CONTAINS)]
    assert ranked("Sorros Foundation") == [("soros-kg", names.NEAR_MISS)]
    assert ranked("Zzyzx") == []
