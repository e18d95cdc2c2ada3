"""The search API /api/v1/search/: the page's ranking, facets and visibility as JSON, in the language asked for;
bad parameters a 400 naming each; a constant number of queries; documented in the OpenAPI schema."""

import pytest
from django.utils import translation

from portal import search
from portal.models import ActionLine, Agency, ReviewState
from portal.search import indexing
from tests.factories import AgencyFactory, ProjectFactory
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"


def test_the_answer_lists_ranked_hits_kinds_and_named_facets(client):
    agency = AgencyFactory(name_tr="Cenevre Temsilciliği", name_en="Geneva Mission", country="AZ")
    ProjectFactory(
        agency=agency,
        slug="geneva-stand",
        published=True,
        title_en="Geneva fair stand",
        summary_en="Our stand at the fair in Geneva & Lausanne.",
        action_lines=["C7.1"],
        sdgs=[16],
    )

    response = client.get(URL, {"q": "geneva", "lang": "en"})

    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    data = response.json()
    assert (data["q"], data["count"], data["page"], data["pages"], data["suggestion"]) == ("geneva", 2, 1, 1, "")
    project = next(hit for hit in data["results"] if hit["kind"] == "project")
    assert project == {
        "kind": "project",
        "title": "Geneva fair stand",
        "title_html": "<mark>Geneva</mark> fair stand",
        "url": "/en/projects/geneva-stand/",
        "snippet": "Our stand at the fair in Geneva & Lausanne.",
        "snippet_html": "Our stand at the fair in <mark>Geneva</mark> &amp; Lausanne.",
        "rank": project["rank"],
    }
    assert project["rank"] > 0
    assert sorted(hit["kind"] for hit in data["results"]) == ["agency", "project"]
    assert sorted((k["kind"], k["label"], k["count"], k["selected"]) for k in data["kinds"]) == [
        ("agency", "agencies", 1, False),
        ("project", "projects", 1, False),
    ]
    with translation.override("en"):
        c71 = str(ActionLine.objects.get(code="C7.1"))
    assert data["facets"]["country"] == [{"value": "AZ", "label": "Azerbaijan", "count": 2, "selected": False}]
    assert data["facets"]["action_line"] == [{"value": "C7.1", "label": c71, "count": 1, "selected": False}]
    assert data["facets"]["sdg"][0]["value"] == "16"
    assert data["facets"]["agency_kind"] == [{"value": "ministry", "label": "ministry", "count": 2, "selected": False}]
    assert data["facets"]["year"] == [{"value": "2020", "label": "2020", "count": 1, "selected": False}]


def test_the_language_comes_from_lang_or_accept_language(client):
    ProjectFactory(
        published=True,
        slug="e-gov",
        title_tr="Belediye hizmetleri",
        title_en="Municipal services",
        title_ru="Муниципальные услуги",
        summary_tr="Belediye hizmetleri çevrim içi.",
    )

    turkish = client.get(URL, {"q": "belediye", "lang": "tr"}).json()
    russian = client.get(URL, {"q": "муниципальные"}, HTTP_ACCEPT_LANGUAGE="ru").json()

    assert [(hit["title"], hit["url"]) for hit in turkish["results"]] == [
        ("Belediye hizmetleri", "/tr/projects/e-gov/")
    ]
    assert turkish["results"][0]["snippet_html"] == "<mark>Belediye</mark> hizmetleri çevrim içi."
    assert [(hit["title"], hit["url"]) for hit in russian["results"]] == [
        ("Муниципальные услуги", "/ru/projects/e-gov/")
    ]
    assert russian["facets"]["country"][0]["label"] == "Турция"
    assert russian["kinds"][0]["label"] != "projects"


def test_a_kind_and_facets_filter_and_pages_follow(client):
    for n in range(25):
        ProjectFactory(published=True, title_en=f"Cloud platform {n}", agency=AgencyFactory(country="TR"))
    ProjectFactory(published=True, title_en="Cloud platform abroad", agency=AgencyFactory(country="AZ"))

    first = client.get(URL, {"q": "cloud", "lang": "en"}).json()
    second = client.get(URL, {"q": "cloud", "lang": "en", "page": "2"}).json()
    azeri = client.get(URL, {"q": "cloud", "lang": "en", "country": "AZ", "kind": "project"}).json()

    assert (first["count"], first["pages"], len(first["results"])) == (26, 2, 20)
    assert (second["page"], len(second["results"])) == (2, 6)
    assert {hit["url"] for hit in first["results"]}.isdisjoint(hit["url"] for hit in second["results"])
    assert [hit["title"] for hit in azeri["results"]] == ["Cloud platform abroad"]
    assert azeri["kinds"] == [{"kind": "project", "label": "projects", "count": 1, "selected": True}]
    assert azeri["facets"]["country"] == [
        {"value": "TR", "label": "Türkiye", "count": 25, "selected": False},
        {"value": "AZ", "label": "Azerbaijan", "count": 1, "selected": True},
    ]


def test_a_near_miss_gets_a_suggestion(client):
    AgencyFactory(name_tr="Bilgi Teknolojileri ve İletişim Kurumu")
    assert client.get(URL, {"q": "teknolojler", "lang": "tr"}).json()["suggestion"] == "teknolojileri"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"year": "20x4"}, "year"),
        ({"year": "1800"}, "year"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"sdg": "18"}, "sdg"),
        ({"country": "XX"}, "country"),
        ({"country": "AZ\x00"}, "country"),
        ({"agency_kind": "spaceship"}, "agency_kind"),
        ({"action_line": "C99"}, "action_line"),
        ({"q": "a\x00b"}, "q"),
    ],
)
def test_bad_parameters_are_a_400_naming_each(client, params, field):
    response = client.get(URL, {"q": "x", "lang": "en", **params})

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert all(isinstance(message, str) and message for message in errors[field])


def test_drafts_and_unpublished_records_never_appear_in_results_facets_or_counts(client):
    ProjectFactory(published=True, title_en="Smart city dashboard", agency=AgencyFactory(country="TR"))
    hidden = AgencyFactory(country="KG", kind=Agency.Kind.UNIVERSITY)
    ProjectFactory(agency=hidden, title_en="Smart city secret draft", action_lines=["C7.1"], sdgs=[11])
    ProjectFactory(agency=hidden, title_en="Smart city submitted", review_state=ReviewState.SUBMITTED)

    for params in ({"q": "smart city"}, {"q": "smart city", "kind": "project"}, {"q": "secret"}, {}):
        data = client.get(URL, {"lang": "en", **params}).json()
        titles = [hit["title"] for hit in data["results"]]
        assert "Smart city secret draft" not in titles and "Smart city submitted" not in titles
        assert "secret" not in str(data["results"]) and "C7.1" not in str(data["facets"])
        assert "11" not in [value["value"] for value in data["facets"]["sdg"]]
    data = client.get(URL, {"q": "smart city", "lang": "en"}).json()
    assert data["count"] == 1
    assert data["kinds"] == [{"kind": "project", "label": "projects", "count": 1, "selected": False}]
    assert {facet: [v["value"] for v in values] for facet, values in data["facets"].items()} == {
        "country": ["TR"],
        "agency_kind": ["ministry"],
        "action_line": [],
        "sdg": [],
        "year": ["2020"],
    }
    assert client.get(URL, {"q": "secret", "lang": "en"}).json()["count"] == 0


def _world(size: int):
    for n in range(size):
        agency = AgencyFactory(country=("TR", "AZ", "KG")[n % 3], kind=list(Agency.Kind.values)[n % 5])
        ProjectFactory(
            agency=agency,
            published=True,
            title_en=f"Broadband plan {n}",
            action_lines=[("C2", "C7.1", "C4")[n % 3]],
            sdgs=[(9, 16, 4)[n % 3]],
            start_year=2010 + n % 12,
        )
    indexing.flush()  # indexed as at the commit of the request that saved them, not inside the measured one


@pytest.mark.parametrize("query", ["?q=broadband&lang=en", "?q=broadband&kind=project&lang=ru&page=1"])
def test_the_api_runs_as_many_queries_with_30_matches_as_with_3(client, query):
    _world(SMALL)
    small, _response = count_queries(client, URL + query)
    _world(LARGE - SMALL)
    large, response = count_queries(client, URL + query)
    assert response.json()["count"] == LARGE
    # The engine's four (counts, facets, hits, words to mark) and the trigram setting; a query per reference table.
    assert large <= small <= 7, (small, large)


def test_the_schema_documents_the_parameters_and_the_answers(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/search/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}

    assert set(parameters) == {
        "q",
        "kind",
        "lang",
        "country",
        "agency_kind",
        "action_line",
        "sdg",
        "year",
        "open",
        "page",
    }
    assert (
        set(parameters["kind"]["schema"]["enum"]) == {kind for kind, _label in search.kinds()} >= {"project", "agency"}
    )
    assert parameters["year"]["schema"] == {
        "type": "array",
        "items": {"type": "integer", "minimum": 1900, "maximum": 2100},
    }
    assert parameters["country"]["explode"] is parameters["sdg"]["explode"] is True
    assert set(operation["responses"]) == {"200", "400"}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][answer]["required"]) == {
        "q", "count", "page", "pages", "open_count", "suggestion", "results", "kinds", "facets",
    }  # fmt: skip


def test_html_in_a_title_stays_text(client):
    ProjectFactory(published=True, title_en="<b>Bold</b> portal & more")

    [hit] = client.get(URL, {"q": "portal", "lang": "en"}).json()["results"]

    assert hit["title"] == "<b>Bold</b> portal & more"
    assert hit["title_html"] == "&lt;b&gt;Bold&lt;/b&gt; <mark>portal</mark> &amp; more"
