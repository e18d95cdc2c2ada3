"""API v1: pagination, the shared project filter, visibility, languages, validation,
no personal data in public answers, and self-hosted docs."""

import re

import pytest
import yaml

from portal.models import Project
from tests import factories

# --- pagination ---------------------------------------------------------------------------


def test_agencies_pagination_shape(client):
    factories.AgencyFactory.create_batch(52)
    first = client.get("/api/v1/agencies/")
    assert first.status_code == 200
    body = first.json()
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 52
    assert body["next"] == "http://testserver/api/v1/agencies/?page=2"
    assert body["previous"] is None
    assert len(body["results"]) == 50

    second = client.get(body["next"]).json()
    assert second["count"] == 52
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/agencies/"
    assert len(second["results"]) == 2
    slugs = [a["slug"] for a in body["results"] + second["results"]]
    assert len(set(slugs)) == 52


def test_projects_pagination_shape(client):
    factories.ProjectFactory.create_batch(3, published=True)
    body = client.get("/api/v1/projects/").json()
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 3
    assert body["next"] is None
    assert body["previous"] is None
    assert len(body["results"]) == 3


def test_action_lines_list(client):
    body = client.get("/api/v1/action-lines/").json()
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 19
    assert body["next"] is None
    assert body["previous"] is None
    codes = [line["code"] for line in body["results"]]
    assert codes[:7] == ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]
    assert codes[7:15] == [f"C7.{n}" for n in range(1, 9)]
    assert codes[15:] == ["C8", "C9", "C10", "C11"]
    by_code = {line["code"]: line for line in body["results"]}
    assert by_code["C7.1"]["parent"] == "C7"
    assert by_code["C7"]["parent"] is None


def test_action_line_detail(client):
    response = client.get("/api/v1/action-lines/C7.3/")
    assert response.status_code == 200
    assert response.json()["code"] == "C7.3"
    assert response.json()["parent"] == "C7"


def test_sdgs_list(client):
    body = client.get("/api/v1/sdgs/").json()
    assert list(body) == ["count", "next", "previous", "results"]
    assert body["count"] == 17
    assert body["next"] is None
    assert body["previous"] is None
    assert [s["number"] for s in body["results"]] == list(range(1, 18))
    assert client.get("/api/v1/sdgs/16/").json()["number"] == 16


# --- ProjectFilter through the API --------------------------------------------------------


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(p["slug"] for p in response.json()["results"])


@pytest.fixture
def catalogue(agency_a, agency_b):
    """Published projects that differ in one filtered property each (plus one draft)."""
    university = factories.AgencyFactory(slug="uni-kg", kind="university", country="KG")
    p_main = factories.ProjectFactory(
        slug="p-main",
        agency=agency_a,
        published=True,
        action_lines=["C7"],
        sdgs=[9],
        start_year=2015,
        end_year=2018,
        status="completed",
    )
    p_sub = factories.ProjectFactory(
        slug="p-sub",
        agency=agency_b,
        published=True,
        action_lines=["C7.1"],
        sdgs=[16],
        start_year=2019,
        end_year=None,
        status="ongoing",
    )
    p_partner = factories.ProjectFactory(
        slug="p-partner",
        agency=university,
        published=True,
        action_lines=["C3"],
        sdgs=[4, 9],
        start_year=2022,
        end_year=2022,
        status="planned",
    )
    factories.partners(p_partner, agency_a, agency_b)
    factories.ProjectFactory(slug="p-draft", agency=agency_a, action_lines=["C7"], sdgs=[9], start_year=2016)
    return {"main": p_main, "sub": p_sub, "partner": p_partner}


def test_filter_without_parameters(client, catalogue):
    assert slugs(client.get("/api/v1/projects/")) == ["p-main", "p-partner", "p-sub"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agency=agency-a", ["p-main", "p-partner"]),
        ("agency=agency-b", ["p-partner", "p-sub"]),
        ("agency=uni-kg", ["p-partner"]),
        ("agency_kind=university", ["p-partner"]),
        ("agency_kind=ministry", ["p-main", "p-sub"]),
        ("agency_kind=ngo", []),
        ("country=AZ", ["p-sub"]),
        ("country=KG", ["p-partner"]),
        ("country=TR", ["p-main"]),
        ("action_line=C7", ["p-main", "p-sub"]),
        ("action_line=C7.1", ["p-sub"]),
        ("action_line=C3", ["p-partner"]),
        ("action_line=C1", []),
        ("sdg=9", ["p-main", "p-partner"]),
        ("sdg=16", ["p-sub"]),
        ("sdg=1", []),
        ("year=2014", []),
        ("year=2015", ["p-main"]),
        ("year=2018", ["p-main"]),
        ("year=2019", ["p-sub"]),
        ("year=2022", ["p-partner", "p-sub"]),
        ("year=2030", ["p-sub"]),
        ("status=completed", ["p-main"]),
        ("status=ongoing", ["p-sub"]),
        ("status=planned", ["p-partner"]),
        ("status=discontinued", []),
        ("agency=agency-a&sdg=9&year=2016", ["p-main"]),
        ("agency=agency-b&action_line=C7", ["p-sub"]),
    ],
)
def test_project_filter(client, catalogue, query, expected):
    response = client.get(f"/api/v1/projects/?{query}")
    assert slugs(response) == expected
    assert response.json()["count"] == len(expected)


def test_filter_agency_lists_a_project_once_when_owner_and_partner(client, agency_a):
    project = factories.ProjectFactory(slug="twice", agency=agency_a, published=True)
    factories.partners(project, agency_a)
    response = client.get("/api/v1/projects/?agency=agency-a")
    assert [p["slug"] for p in response.json()["results"]] == ["twice"]
    assert response.json()["count"] == 1


def test_filter_action_line_lists_a_project_once_with_main_and_sub_lines(client):
    factories.ProjectFactory(slug="both", published=True, action_lines=["C7", "C7.1", "C7.2"])
    response = client.get("/api/v1/projects/?action_line=C7")
    assert [p["slug"] for p in response.json()["results"]] == ["both"]
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("agency=nope", "agency"),
        ("agency_kind=spaceship", "agency_kind"),
        ("country=XX", "country"),
        ("action_line=C99", "action_line"),
        ("sdg=18", "sdg"),
        ("sdg=abc", "sdg"),
        ("year=abc", "year"),
        ("year=1800", "year"),
        ("status=forgotten", "status"),
    ],
)
def test_invalid_filter_value_is_a_400_naming_the_field(client, catalogue, query, field):
    response = client.get(f"/api/v1/projects/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert isinstance(body[field], list)
    assert len(body[field]) == 1


def test_two_invalid_filter_values_name_both_fields(client):
    response = client.get("/api/v1/projects/?agency=nope&year=abc")
    assert response.status_code == 400
    assert sorted(response.json()) == ["agency", "year"]


def test_agency_api_filters(client, agency_a, agency_b):
    child = factories.AgencyFactory(slug="child-of-a", parent=agency_a, kind="university")
    assert [a["slug"] for a in client.get("/api/v1/agencies/?country=AZ").json()["results"]] == ["agency-b"]
    assert [a["slug"] for a in client.get("/api/v1/agencies/?kind=university").json()["results"]] == [child.slug]
    assert [a["slug"] for a in client.get("/api/v1/agencies/?parent__slug=agency-a").json()["results"]] == [
        "child-of-a"
    ]


# --- visibility -----------------------------------------------------------------------------


@pytest.fixture
def drafts_and_published(agency_a, agency_b):
    factories.ProjectFactory(slug="a-pub", agency=agency_a, published=True)
    factories.ProjectFactory(slug="a-draft", agency=agency_a)
    factories.ProjectFactory(slug="a-submitted", agency=agency_a, review_state="submitted")
    factories.ProjectFactory(slug="b-pub", agency=agency_b, published=True)
    factories.ProjectFactory(slug="b-draft", agency=agency_b)
    factories.ProjectFactory(slug="b-changes", agency=agency_b, review_state="changes_requested")


def test_anonymous_list_shows_only_published(client, drafts_and_published):
    response = client.get("/api/v1/projects/")
    assert slugs(response) == ["a-pub", "b-pub"]
    assert response.json()["count"] == 2
    assert {p["moderation_state"] for p in response.json()["results"]} == {"published"}


def test_contact_list_shows_own_drafts_never_others(client_a, drafts_and_published):
    response = client_a.get("/api/v1/projects/")
    assert slugs(response) == ["a-draft", "a-pub", "a-submitted", "b-pub"]
    assert response.json()["count"] == 4


def test_contact_filtered_list_never_shows_others_drafts(client_a, drafts_and_published):
    assert slugs(client_a.get("/api/v1/projects/?agency=agency-b")) == ["b-pub"]
    assert slugs(client_a.get("/api/v1/projects/?agency=agency-a")) == ["a-draft", "a-pub", "a-submitted"]


def test_unconfirmed_contact_sees_only_published(client, agency_a, drafts_and_published):
    contact = factories.ContactFactory(agency=agency_a, approved_at=None)
    client.force_login(contact.user)
    assert slugs(client.get("/api/v1/projects/")) == ["a-pub", "b-pub"]


# --- language -------------------------------------------------------------------------------


@pytest.fixture
def multilingual(agency_a):
    return factories.ProjectFactory(
        slug="multi",
        agency=agency_a,
        published=True,
        title="Türkçe başlık",
        title_tr="Türkçe başlık",
        title_en="English title",
        title_ru="Русское название",
        summary_en="English summary",
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("tr", "Türkçe başlık"),
        ("en", "English title"),
        ("ru", "Русское название"),
        ("fa", "English title"),
        ("ky", "English title"),
    ],
)
def test_title_follows_lang_parameter(client, multilingual, lang, expected):
    detail = client.get(f"/api/v1/projects/multi/?lang={lang}")
    assert detail.status_code == 200
    assert detail.json()["title"] == expected
    assert detail["Content-Language"] == lang
    listing = client.get(f"/api/v1/projects/?lang={lang}")
    assert [p["title"] for p in listing.json()["results"]] == [expected]


@pytest.mark.parametrize(
    ("header", "expected"),
    [("en", "English title"), ("ru-RU,ru;q=0.9", "Русское название"), ("fa", "English title"), ("tr", "Türkçe başlık")],
)
def test_title_follows_accept_language(client, multilingual, header, expected):
    response = client.get("/api/v1/projects/multi/", headers={"accept-language": header})
    assert response.json()["title"] == expected


def test_lang_parameter_wins_over_accept_language(client, multilingual):
    response = client.get("/api/v1/projects/multi/?lang=ru", headers={"accept-language": "en"})
    assert response.json()["title"] == "Русское название"


def test_fallback_from_persian_reaches_turkish_without_english(client, agency_a):
    factories.ProjectFactory(
        slug="tr-only", agency=agency_a, published=True, title="Yalnız Türkçe", title_tr="Yalnız Türkçe", title_en=""
    )
    assert client.get("/api/v1/projects/tr-only/?lang=fa").json()["title"] == "Yalnız Türkçe"
    assert client.get("/api/v1/projects/tr-only/?lang=en").json()["title"] == "Yalnız Türkçe"


def test_persian_title_when_present(client, agency_a):
    factories.ProjectFactory(
        slug="with-fa", agency=agency_a, published=True, title_en="English", title_fa="عنوان فارسی"
    )
    assert client.get("/api/v1/projects/with-fa/?lang=fa").json()["title"] == "عنوان فارسی"
    assert client.get("/api/v1/projects/with-fa/", headers={"accept-language": "fa"}).json()["title"] == "عنوان فارسی"


def test_summary_follows_language(client, multilingual):
    assert client.get("/api/v1/projects/multi/?lang=fa").json()["summary"] == "English summary"


def test_translated_write_fields_are_write_only(client, multilingual):
    body = client.get("/api/v1/projects/multi/?lang=en").json()
    assert "title_en" not in body
    assert "title_tr" not in body
    assert "summary_en" not in body


def test_agency_name_follows_language(client, agency_a):
    assert client.get("/api/v1/agencies/agency-a/?lang=en").json()["name"] == "Agency A"
    assert client.get("/api/v1/agencies/agency-a/?lang=tr").json()["name"] == "Ajans A"
    assert client.get("/api/v1/agencies/agency-a/?lang=fa").json()["name"] == "Agency A"


# --- writing: translated fields and validation -----------------------------------------------


def test_create_with_translated_titles_ignores_read_only_title(client_a, agency_a):
    response = client_a.post(
        "/api/v1/projects/?lang=fa",
        {
            "title": "Ignored title",
            "title_en": "Written in English",
            "title_fa": "نوشته شده",
            "summary_en": "An English summary",
            "start_year": 2023,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "نوشته شده"
    project = Project.objects.get()
    assert project.title_en == "Written in English"
    assert project.title_fa == "نوشته شده"
    assert project.summary_en == "An English summary"
    stored_titles = [getattr(project, f"title_{code}") for code in ("tr", "en", "ru", "ky", "fa", "az")]
    assert "Ignored title" not in stored_titles


def test_patch_read_only_title_changes_nothing(client_a, agency_a):
    project = factories.ProjectFactory(slug="mine", agency=agency_a, title_tr="Eski", title_en="Old")
    response = client_a.patch("/api/v1/projects/mine/?lang=en", {"title": "Ignored"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["title"] == "Old"
    project.refresh_from_db()
    assert project.title_en == "Old"
    assert project.title_tr == "Eski"


def test_create_without_turkish_or_english_title_is_400(client_a):
    response = client_a.post(
        "/api/v1/projects/", {"title_fa": "فقط فارسی", "start_year": 2023}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["title_tr"]
    assert len(body["title_tr"]) == 1
    assert Project.objects.count() == 0


def test_create_with_empty_body_is_400(client_a):
    response = client_a.post("/api/v1/projects/", {}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["title_tr"]
    assert Project.objects.count() == 0


def test_patch_cannot_empty_both_titles(client_a, agency_a):
    factories.ProjectFactory(slug="mine", agency=agency_a, title_tr="Eski", title_en="Old")
    response = client_a.patch(
        "/api/v1/projects/mine/", {"title_tr": "", "title_en": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["title_tr"]
    project = Project.objects.get(slug="mine")
    assert (project.title_tr, project.title_en) == ("Eski", "Old")


def test_create_with_bad_years_is_400(client_a):
    response = client_a.post(
        "/api/v1/projects/",
        {"title_en": "Backwards", "start_year": 2020, "end_year": 2010},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert Project.objects.count() == 0


def test_create_with_unknown_reference_codes_is_400(client_a):
    response = client_a.post(
        "/api/v1/projects/",
        {"title_en": "Unknown codes", "action_lines": ["C99"], "sdgs": [42]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert sorted(response.json()) == ["action_lines", "sdgs"]
    assert Project.objects.count() == 0


def test_create_sets_relations(client_a, agency_b):
    response = client_a.post(
        "/api/v1/projects/",
        {
            "title_en": "With relations",
            "action_lines": ["C7.1", "C3"],
            "sdgs": [16, 9],
            "partner_agencies": ["agency-b"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["action_lines"] == ["C3", "C7.1"]
    assert body["sdgs"] == [9, 16]
    # The partner is asked first: not listed until it accepts.
    assert body["partner_agencies"] == []
    assert list(Project.objects.get().partnerships.values_list("agency__slug", "state")) == [("agency-b", "proposed")]
    assert re.fullmatch(r"http://127\.0\.0\.1:8000/tr/projects/with-relations-[a-z2-9]{6}/", body["url"])


# --- no personal data in public answers ------------------------------------------------------


@pytest.fixture
def personal_data(agency_a, agency_b):
    """Contacts and verified domains with values that cannot occur by chance."""
    secrets = []
    for agency, name, email, phone, domain in (
        (agency_a, "Zebulon Quackenbush", "zebulon.q@hidden-a.example", "+90 312 555 01 99", "secret-a.gov.zz"),
        (agency_b, "Philippa Vandermolen", "p.vandermolen@hidden-b.example", "+994 12 555 77 31", "secret-b.gov.zz"),
    ):
        contact = factories.ContactFactory(
            agency=agency, name=name, email=email, phone=phone, title="Chief Hiddenness Officer"
        )
        contact.user.first_name = name
        contact.user.save()
        factories.AgencyDomainFactory(agency=agency, domain=domain)
        secrets += [name, email, phone, domain, "Chief Hiddenness Officer"]
    project = factories.ProjectFactory(
        slug="public-project",
        agency=agency_a,
        published=True,
        reported_by=agency_a.contacts.get().user,
        submitted_by=agency_a.contacts.get().user,
        action_lines=["C7.1"],
        sdgs=[9],
    )
    factories.partners(project, agency_b)
    return secrets


def test_public_api_and_pages_show_no_personal_data(client, personal_data):
    urls = [
        "/api/v1/",
        "/api/v1/agencies/",
        "/api/v1/agencies/agency-a/",
        "/api/v1/agencies/agency-b/",
        "/api/v1/projects/",
        "/api/v1/projects/public-project/",
        "/api/v1/action-lines/",
        "/api/v1/action-lines/C7.1/",
        "/api/v1/sdgs/",
        "/api/v1/sdgs/9/",
        "/api/v1/schema/",
        "/tr/",
        "/en/",
        "/tr/projects/",
        "/tr/projects/public-project/",
        "/tr/agencies/",
        "/tr/agencies/agency-a/",
        "/tr/agencies/agency-b/",
    ]
    for url in urls:
        response = client.get(url, headers={"accept": "application/json"} if url.startswith("/api/v1/") else {})
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in personal_data:
            assert secret not in body, (url, secret)
            assert secret.lower() not in body.lower(), (url, secret)
        assert "hidden-a" not in body
        assert "hidden-b" not in body


def test_public_pages_do_show_the_public_facts(client, personal_data):
    """The check above is meaningful: the same pages do carry the agencies and the project."""
    assert "Ajans A" in client.get("/tr/agencies/").content.decode()
    assert "Ajans B" in client.get("/tr/agencies/agency-b/").content.decode()
    assert "/tr/projects/public-project/" in client.get("/tr/agencies/agency-b/").content.decode()
    assert client.get("/api/v1/projects/public-project/").json()["partner_agencies"] == ["agency-b"]


def test_agency_api_fields_are_public_facts_only(client, personal_data):
    body = client.get("/api/v1/agencies/agency-a/").json()
    assert sorted(body) == sorted(
        [
            "slug",
            "name",
            "acronym",
            "kind",
            "country",
            "parent",
            "website",
            "english_website_url",
            "english_website_state",
            "url",
        ]
    )


def test_project_api_fields_hold_no_people(client, personal_data):
    body = client.get("/api/v1/projects/public-project/").json()
    assert "created_by" not in body
    assert "submitted_by" not in body
    assert "review_comment" not in body
    assert "moderation_comment" not in body


# --- optional addresses --------------------------------------------------------------------------


def test_an_empty_optional_address_is_null_and_a_write_takes_an_address_blank_or_null(client_a, agency_a):
    response = client_a.post(
        "/api/v1/projects/",
        {"title_en": "Addresses", "website": "", "english_page_url": None},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["website"], body["english_page_url"]) == (None, None)
    project = Project.objects.get()
    assert (project.website, project.english_page_url) == ("", "")  # the model's "no address"
    detail = f"/api/v1/projects/{project.slug}/"

    response = client_a.patch(detail, {"website": "https://a.example/p"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert (response.json()["website"], response.json()["english_page_url"]) == ("https://a.example/p", None)
    response = client_a.patch(detail, {"website": None}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["website"] is None
    project.refresh_from_db()
    assert project.website == ""

    # Not an address: refused by name, nothing changed.
    response = client_a.patch(detail, {"website": "not an address"}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()) == ["website"]
    project.refresh_from_db()
    assert project.website == ""
    assert client_a.get(detail).json()["website"] is None


def test_an_agencys_empty_addresses_are_null(client):
    factories.AgencyFactory(slug="no-site", website="", english_website_url="")
    factories.AgencyFactory(slug="site", website="https://site.example/", english_website_url="")
    rows = {row["slug"]: row for row in client.get("/api/v1/agencies/").json()["results"]}
    assert (rows["no-site"]["website"], rows["no-site"]["english_website_url"]) == (None, None)
    assert (rows["site"]["website"], rows["site"]["english_website_url"]) == ("https://site.example/", None)


def test_schema_says_an_optional_address_is_null_in_an_answer_and_blank_or_null_in_a_request(client):
    components = yaml.safe_load(client.get("/api/v1/schema/").content)["components"]["schemas"]
    answer = {k: v for k, v in components["Project"]["properties"]["website"].items() if k != "title"}
    assert answer == {"type": "string", "format": "uri", "maxLength": 200, "nullable": True}
    assert components["ProjectRequest"]["properties"]["website"]["oneOf"] == [
        {"type": "string", "format": "uri", "maxLength": 200, "nullable": True},
        {"type": "string", "maxLength": 0},
    ]
    # Read-only ones too; an address the model requires stays a non-null address.
    assert components["Edition"]["properties"]["guide_url"]["nullable"] is True
    assert "nullable" not in components["Programme"]["properties"]["website"]


def _api_serializers():
    """Every serializer the API's views declare, with those nested in them, once each."""
    from drf_spectacular.generators import EndpointEnumerator
    from rest_framework import serializers

    pending = [
        cls
        for _path, _regex, _method, view in EndpointEnumerator().get_api_endpoints()
        if (cls := getattr(view.cls, "serializer_class", None)) is not None
    ]
    done = set()
    while pending:
        serializer = pending.pop()
        instance = serializer() if isinstance(serializer, type) else serializer
        if type(instance) in done:
            continue
        done.add(type(instance))
        for field in instance.fields.values():
            child = getattr(field, "child", field)
            if isinstance(child, serializers.BaseSerializer):
                pending.append(child)
        yield instance


@pytest.mark.pure
def test_every_optional_address_the_api_shows_is_null_when_empty():
    """A field showing a model's `URLField(blank=True)` is an OptionalURLField, however it was declared."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    from portal.api import OptionalURLField

    checked, wrong = 0, []
    for serializer in _api_serializers():
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        for name, field in serializer.fields.items():
            if model is None or field.source == "*" or "." in field.source:
                continue
            try:
                model_field = model._meta.get_field(field.source)
            except FieldDoesNotExist:
                continue
            if isinstance(model_field, models.URLField) and model_field.blank:
                checked += 1
                if not isinstance(field, OptionalURLField):
                    wrong.append(f"{type(serializer).__name__}.{name}")
    assert checked >= 20
    assert wrong == []


# --- schema and docs -------------------------------------------------------------------------


def test_schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/projects/" in body
    assert "/api/v1/agencies/" in body
    # No agency contact (a person's record) is served: no schema of one, no path to one. A circular names its
    # sender's contact person, whose e-mail and telephone only signed-in contacts read (tests/coordination).
    schema = yaml.safe_load(body)
    assert not [name for name in schema["components"]["schemas"] if name.startswith("Contact")]
    assert not [path for path in schema["paths"] if "contact" in path]


def test_docs_use_only_local_assets(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    lowered = html.lower()
    for host in ("cdn", "unpkg", "jsdelivr", "googleapis", "cloudflare"):
        assert host not in lowered
    assets = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", html) + re.findall(
        r"<link[^>]*\bhref=[\"']([^\"']+)", html
    )
    assert assets, html
    for asset in assets:
        assert asset.startswith("/"), asset
        assert not asset.startswith("//"), asset
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        body = b"".join(served.streaming_content) if served.streaming else served.content
        assert body
        served.close()
