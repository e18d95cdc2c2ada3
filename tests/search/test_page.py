"""The search page /<lang>/search/ and the header box: grouped results, facets with names, snippets in the reader's
language, "did you mean", pagination, field errors, visibility, a constant number of queries."""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django.utils.html import strip_tags

from portal.models import ActionLine, Agency, ReviewState, SearchEntry
from portal.search import indexing
from tests.factories import AgencyFactory, ContactFactory, ProjectFactory
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.django_db

LANGUAGES = ("tr", "en", "ru", "ky", "fa", "az")


def hit_titles(html: str) -> list[str]:
    return [strip_tags(title) for title in re.findall(r'class="hit-title"><a href="[^"]*">(.*?)</a>', html)]


def test_results_are_grouped_by_kind_with_counts_and_highlighted_titles(client):
    agency = AgencyFactory(name_tr="Cenevre Temsilciliği", name_en="Geneva Mission", acronym="GM")
    ProjectFactory(agency=agency, published=True, title_en="Geneva fair stand", summary_en="Our stand in Geneva.")
    ProjectFactory(published=True, title_en="Geneva forum report")
    ProjectFactory(published=True, title_en="Unrelated portal")

    response = client.get("/en/search/", {"q": "geneva"})

    assert response.status_code == 200
    html = response.content.decode()
    groups = response.context["groups"]
    assert [(group["kind"], group["count"]) for group in groups] == [("project", 2), ("agency", 1)]
    assert 'Projects <span class="hit-count">(2)</span>' in html
    assert 'Agencies <span class="hit-count">(1)</span>' in html
    assert sorted(hit_titles(html)) == ["Geneva Mission", "Geneva fair stand", "Geneva forum report"]
    assert '<a href="/en/agencies/' in html
    assert "<mark>Geneva</mark> fair stand" in html
    assert "<title>Search: geneva · " in html
    assert "<h1>Search results for “geneva”</h1>" in html
    assert '<div role="status"><h2 id="search-count" class="count">3 results</h2></div>' in html


def test_a_kind_with_more_hits_than_its_group_links_to_its_own_paginated_list(client):
    for n in range(27):
        ProjectFactory(published=True, title_en=f"Cloud platform {n}", slug=f"cloud-{n:02d}")

    grouped = client.get("/en/search/", {"q": "cloud", "page": "2"}).content.decode()
    assert len(hit_titles(grouped)) == 5
    assert '<a href="?q=cloud&amp;kind=project">All 27 projects</a>' in grouped

    first = client.get("/en/search/", {"q": "cloud", "kind": "project"})
    second = client.get("/en/search/", {"q": "cloud", "kind": "project", "page": "2"})
    assert len(hit_titles(first.content.decode())) == 20
    assert len(hit_titles(second.content.decode())) == 7
    assert set(hit_titles(first.content.decode())).isdisjoint(hit_titles(second.content.decode()))
    html = second.content.decode()
    assert "Page 2 of 2" in html
    assert 'href="?q=cloud&amp;kind=project&amp;page=1" rel="prev"' in html
    assert "27 results in projects" in html
    # Past the end: the last page, not an error.
    assert (
        len(hit_titles(client.get("/en/search/", {"q": "cloud", "kind": "project", "page": "9"}).content.decode())) == 7
    )


def test_facets_are_counted_and_named_in_the_readers_language(client):
    turkish = AgencyFactory(country="TR", kind=Agency.Kind.MINISTRY)
    azeri = AgencyFactory(country="AZ", kind=Agency.Kind.UNIVERSITY)
    ProjectFactory(agency=turkish, published=True, title_en="Digital archive one", action_lines=["C7.1"], sdgs=[16])
    ProjectFactory(agency=turkish, published=True, title_en="Digital archive two", action_lines=["C7.1"])
    ProjectFactory(agency=azeri, published=True, title_en="Digital archive three", action_lines=["C4"], sdgs=[4])

    response = client.get("/en/search/", {"q": "archive", "kind": "project"})

    facets = {facet.name: [(o.value, o.label, o.count) for o in facet.options] for facet in response.context["facets"]}
    with translation.override("en"):
        c71, c4 = str(ActionLine.objects.get(code="C7.1")), str(ActionLine.objects.get(code="C4"))
    assert facets["country"] == [("TR", "Türkiye", 2), ("AZ", "Azerbaijan", 1)]
    assert facets["agency_kind"] == [("ministry", "ministry", 2), ("university", "university", 1)]
    assert facets["action_line"] == [("C7.1", c71, 2), ("C4", c4, 1)]
    assert [value for value, _label, _count in facets["sdg"]] == ["16", "4"]
    assert facets["sdg"][0][1].startswith("16. ")
    assert facets["year"] == [("2020", "2020", 3)]
    html = response.content.decode()
    assert re.search(r'<input type="checkbox" name="country" value="AZ" id="facet-country-2"> <label for="facet-country-2">'
                     r'Azerbaijan <span class="facet-count">\(1\)</span>', html)  # fmt: skip
    assert re.search(r'name="kind" value="project" id="facet-kind-1" checked> <label for="facet-kind-1">Projects', html)

    # The Russian page names the same values in Russian.
    russian = client.get("/ru/search/", {"q": "archive", "kind": "project"})
    countries = {o.value: o.label for f in russian.context["facets"] if f.name == "country" for o in f.options}
    assert countries["AZ"] == "Азербайджан"


def test_checking_a_facet_narrows_the_results_and_stays_checked(client):
    ProjectFactory(agency=AgencyFactory(country="TR"), published=True, title_en="Open data portal")
    ProjectFactory(agency=AgencyFactory(country="AZ"), published=True, title_en="Open data hub")

    response = client.get("/en/search/", {"q": "open data", "country": ["AZ"], "kind": "project"})

    assert hit_titles(response.content.decode()) == ["Open data hub"]
    countries = [
        (o.value, o.count, o.selected) for f in response.context["facets"] if f.name == "country" for o in f.options
    ]
    # The country facet is counted without its own filter: Türkiye stays offered, with what it would give.
    assert countries == [("AZ", 1, True), ("TR", 1, False)]
    # A checked value no longer among the results is still offered, to be unchecked.
    response = client.get("/en/search/", {"q": "open data", "country": ["AZ"], "sdg": ["3"]})
    sdgs = [(o.value, o.count, o.selected) for f in response.context["facets"] if f.name == "sdg" for o in f.options]
    assert sdgs == [("3", 0, True)]
    assert 'name="sdg" value="3" id="facet-sdg-1" checked' in response.content.decode()


def test_the_snippet_is_in_the_readers_language_with_the_words_marked(client):
    ProjectFactory(
        published=True,
        title_tr="Belediye hizmetleri",
        title_en="Municipal services",
        summary_tr="Vatandaşlar belediye hizmetlerine çevrim içi başvurur.",
        summary_en="Citizens apply online for municipal services.",
    )

    turkish = client.get("/tr/search/", {"q": "belediye"}).content.decode()
    english = client.get("/en/search/", {"q": "municipal"}).content.decode()

    assert '<p class="snippet">Vatandaşlar <mark>belediye</mark> hizmetlerine çevrim içi başvurur.</p>' in turkish
    assert '<p class="snippet">Citizens apply online for <mark>municipal</mark> services.</p>' in english


def test_a_near_miss_gets_a_did_you_mean_link(client):
    AgencyFactory(name_tr="Bilgi Teknolojileri ve İletişim Kurumu", name_en="Information Technologies Authority")

    response = client.get("/tr/search/", {"q": "teknolojler"})

    assert response.context["results"].suggestion == "teknolojileri"
    assert re.search(r'<p class="did-you-mean">[^<]+ <a href="\?q=teknolojileri">teknolojileri</a>\?</p>',
                     response.content.decode())  # fmt: skip


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x", "kind": "spaceship"}, "kind"),
        ({"q": "x", "year": "20x4"}, "year"),
        ({"q": "x", "year": "۲۰۲۴"}, "year"),
        ({"q": "x", "page": "two"}, "page"),
        ({"q": "x", "page": "0"}, "page"),
        ({"q": "x", "sdg": "18"}, "sdg"),
        ({"q": "x", "country": "XX"}, "country"),
        ({"q": "x", "agency_kind": "spaceship"}, "agency_kind"),
        ({"q": "x", "action_line": "C99"}, "action_line"),
        ({"q": "x\x00y"}, "q"),
    ],
)
def test_bad_parameters_are_field_errors_shown_on_the_page(client, params, field):
    ProjectFactory(published=True, title_en="x")

    response = client.get("/en/search/", params)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert response.context["results"] is None
    html = response.content.decode()
    assert '<div class="error-summary" role="alert">' in html
    assert f"<li>{response.context['form'][field].label}: " in html


def test_a_malformed_year_names_the_value(client):
    html = client.get("/en/search/", {"q": "x", "year": "20x4"}).content.decode()
    assert "<li>Year: “20x4” is not a year: write it in four digits, for example 2024.</li>" in html


def test_drafts_and_unpublished_records_never_appear_in_results_facets_or_counts(client):
    ProjectFactory(agency=AgencyFactory(country="TR"), published=True, title_en="Smart city dashboard")
    hidden_agency = AgencyFactory(country="KG", kind=Agency.Kind.UNIVERSITY)
    ProjectFactory(agency=hidden_agency, title_en="Smart city secret draft", action_lines=["C7.1"], sdgs=[11])
    ProjectFactory(agency=hidden_agency, title_en="Smart city submitted", review_state=ReviewState.SUBMITTED)
    ProjectFactory(agency=hidden_agency, title_en="Smart city sent back", review_state=ReviewState.CHANGES_REQUESTED)

    for params in ({"q": "smart city"}, {"q": "smart city", "kind": "project"}):
        html = client.get("/en/search/", params).content.decode()
        assert hit_titles(html) == ["Smart city dashboard"]
        for hidden in ("secret", "submitted", "sent back", "Kyrgyzstan", "university", "C7.1", "(4)", "(3)", "(2)"):
            assert hidden not in html
    results = client.get("/en/search/", {"q": "smart city", "kind": "project"}).context["results"]
    assert results.total == 1
    assert [(k.value, k.count) for k in results.kinds] == [("project", 1)]
    assert {facet: [v.value for v in values] for facet, values in results.facets.items() if values} == {
        "country": ["TR"],
        "agency_kind": ["ministry"],
        "year": ["2020"],
    }
    secret = client.get("/en/search/", {"q": "secret"})
    assert (secret.context["results"].total, hit_titles(secret.content.decode())) == (0, [])


def test_nothing_found_explains_and_offers_ways_on(client):
    ProjectFactory(published=True, title_en="Tax portal")

    html = client.get("/en/search/", {"q": "zebra", "country": ["AZ"]}).content.decode()

    assert '<div role="status"><h2 id="search-count" class="count">0 results</h2></div>' in html
    assert "Nothing was found for “zebra” with the filters chosen." in html
    assert '<a href="?q=zebra">Search again without the filters</a>' in html
    assert "fewer words" in html
    for address in ("/en/awards/", "/en/funds/", "/en/events/", "/en/guides/", "/en/projects/", "/en/deadlines/"):
        assert f'href="{address}"' in html


def test_without_a_query_the_page_invites_one(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert response.context["results"] is None
    html = response.content.decode()
    assert "<h1>Search</h1>" in html
    assert 'id="search-q" name="q" value=""' in html


def test_the_persian_page_is_right_to_left_and_finds_persian_titles(client):
    ProjectFactory(published=True, title_fa="سامانه دولت الکترونیکی", title_en="E-government system")

    response = client.get("/fa/search/", {"q": "الكترونيكي"})

    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert hit_titles(html) == ["سامانه دولت الکترونیکی"]


def test_the_save_search_spot_is_offered_to_confirmed_contacts_only(client, contact_a):
    ProjectFactory(published=True, title_en="Registry")
    assert client.get("/en/search/", {"q": "registry"}).context["can_save_search"] is False
    client.force_login(contact_a.user)
    assert client.get("/en/search/", {"q": "registry"}).context["can_save_search"] is True
    unconfirmed = ContactFactory(confirmed_at=None)
    client.force_login(unconfirmed.user)
    assert client.get("/en/search/", {"q": "registry"}).context["can_save_search"] is False


def _world(size: int):
    for n in range(size):
        agency = AgencyFactory(country=("TR", "AZ", "KG")[n % 3], kind=list(Agency.Kind.values)[n % 5])
        ProjectFactory(
            agency=agency,
            published=True,
            title_en=f"Broadband plan {n}",
            summary_en=f"Broadband for region {n}.",
            action_lines=[("C2", "C7.1", "C4")[n % 3]],
            sdgs=[(9, 16, 4)[n % 3]],
            start_year=2010 + n % 12,
        )
    indexing.flush()  # indexed as at the commit of the request that saved them, not inside the measured one


@pytest.mark.parametrize("params", [{"q": "broadband"}, {"q": "broadband", "kind": "project", "page": "2"}])
def test_the_page_runs_as_many_queries_with_30_matches_as_with_3(client, params):
    _world(SMALL)
    small, _response = count_queries(client, "/en/search/?" + "&".join(f"{k}={v}" for k, v in params.items()))
    _world(LARGE - SMALL)
    large, response = count_queries(client, "/en/search/?" + "&".join(f"{k}={v}" for k, v in params.items()))
    assert response.context["results"].total == LARGE
    # The engine's four (counts, facets, hits, words to mark) and the trigram setting; a query per reference table.
    assert large <= small <= 7, (small, large)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_has_a_search_box_on_the_home_page(client, language):
    html = client.get(f"/{language}/").content.decode()

    form = re.search(r'<form role="search" action="/' + language + r'/search/" method="get" class="site-search" '
                     r'aria-label="([^"]+)">(.*?)</form>', html, re.S)  # fmt: skip
    assert form is not None
    body = form.group(2)
    label = re.search(r'<label for="site-search-q" class="visually-hidden">([^<]+)</label>', body)
    assert label is not None and label.group(1).strip()
    assert '<input type="search" id="site-search-q" name="q"' in body
    assert re.search(r'<button type="submit">[^<]+</button>', body)


def test_only_records_with_an_open_deadline_when_asked(client):
    open_call = ProjectFactory(published=True, title_en="Grant call for archives")
    ProjectFactory(published=True, title_en="Grant report for archives")
    # What an area's source says of a record with a deadline still open (projects have none of their own).
    indexing.flush()
    SearchEntry.objects.filter(kind="project", object_id=open_call.pk).update(
        open_until=timezone.now() + dt.timedelta(days=3)
    )

    everything = client.get("/en/search/", {"q": "archives"})
    only_open = client.get("/en/search/", {"q": "archives", "open": "true"})

    assert re.search(r'name="open" value="true" id="facet-open"> <label for="facet-open">Open deadline only '
                     r'<span class="facet-count">\(1\)</span>', everything.content.decode())  # fmt: skip
    assert hit_titles(only_open.content.decode()) == ["Grant call for archives"]
    assert 'name="open" value="true" id="facet-open" checked' in only_open.content.decode()


def test_titles_and_snippets_are_escaped(client):
    ProjectFactory(
        published=True,
        title_en="<script>alert(1)</script> portal",
        summary_en='<img src=x onerror="alert(2)"> portal summary',
    )

    html = client.get("/en/search/", {"q": "portal"}).content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>portal</mark>" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt; <mark>portal</mark> summary" in html
