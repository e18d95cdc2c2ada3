"""The search engine on PostgreSQL: stemming, folding, trigram names, visibility, facets."""

import pytest

from portal import search
from portal.models import ReviewState, SearchEntry
from portal.search import indexing
from tests.factories import AgencyFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.title for group in results.groups for hit in group.hits] + [hit.title for hit in results.hits]


def plain_titles(results):
    from django.utils.html import strip_tags

    return [strip_tags(title) for title in titles(results)]


def test_a_turkish_query_finds_another_inflection():
    ProjectFactory(published=True, title_tr="Uluslararası ödül başvuru rehberi", title_en="International award guide")
    results = search.run(search.Query.build("ödülleri", language="tr"))
    assert plain_titles(results) == ["Uluslararası ödül başvuru rehberi"]
    assert "<mark>ödül</mark>" in titles(results)[0]


def test_persian_arabic_yeh_finds_persian_text():
    ProjectFactory(published=True, title_fa="سامانه دولت الکترونیکی", title_en="E-government system")
    results = search.run(search.Query.build("الكترونيكي", language="fa"))
    assert plain_titles(results) == ["سامانه دولت الکترونیکی"]


def test_a_misspelt_acronym_finds_the_agency():
    AgencyFactory(name_tr="Bilgi Teknolojileri ve İletişim Kurumu", acronym="BTK")
    AgencyFactory(name_tr="Sayıştay", acronym="SAY")
    results = search.run(search.Query.build("BTKK", language="tr"))
    assert plain_titles(results) == ["Bilgi Teknolojileri ve İletişim Kurumu"]
    assert [s.title for s in search.suggest("Bilgi Tekno", kinds=["agency"], language="tr")] == [
        "Bilgi Teknolojileri ve İletişim Kurumu"
    ]


def test_a_draft_is_never_indexed_and_leaves_when_unpublished():
    draft = ProjectFactory(title_tr="Gizli taslak proje", review_state=ReviewState.DRAFT, published_at=None)
    indexing.flush()
    assert not SearchEntry.objects.filter(kind="project", object_id=draft.pk).exists()
    public = ProjectFactory(published=True, title_tr="Açık proje")
    indexing.flush()
    assert SearchEntry.objects.filter(kind="project", object_id=public.pk).exists()
    public.review_state = ReviewState.DRAFT
    public.published_at = None
    public.save()
    indexing.flush()
    assert not SearchEntry.objects.filter(kind="project", object_id=public.pk).exists()
    assert search.run(search.Query.build("proje", language="tr")).total == 0


def test_facets_count_only_matches_and_filter_the_results():
    kg = AgencyFactory(country="KG", kind="ngo")
    ProjectFactory(published=True, title_tr="Açık veri portalı", action_lines=["C3"], sdgs=[16], start_year=2019)
    ProjectFactory(published=True, agency=kg, title_tr="Açık veri platformu", action_lines=["C3", "C7.1"], sdgs=[9])
    ProjectFactory(published=False, agency=kg, title_tr="Açık veri taslağı", action_lines=["C5"], sdgs=[5])
    results = search.run(search.Query.build("açık veri", language="tr"))
    assert results.total == 2
    assert {(v.value, v.count) for v in results.facets["country"]} == {("TR", 1), ("KG", 1)}
    assert {(v.value, v.count) for v in results.facets["action_line"]} == {("C3", 2), ("C7.1", 1)}
    assert {(v.value, v.count) for v in results.facets["sdg"]} == {("16", 1), ("9", 1)}
    assert {(v.value, v.count) for v in results.facets["agency_kind"]} == {("ministry", 1), ("ngo", 1)}
    assert [(v.value, v.count) for v in results.kinds] == [("project", 2)]
    narrowed = search.run(search.Query.build("açık veri", facets={"country": ["KG"]}, language="tr"))
    assert plain_titles(narrowed) == ["Açık veri platformu"]
    # A facet's own values are counted without its own filter: the other country stays listed, to switch to.
    assert [(v.value, v.count, v.selected) for v in narrowed.facets["country"]] == [("KG", 1, True), ("TR", 1, False)]
    assert {(v.value, v.count) for v in narrowed.facets["action_line"]} == {("C3", 1), ("C7.1", 1)}
    assert [(v.value, v.count) for v in narrowed.kinds] == [("project", 1)]
    by_year = search.run(search.Query.build("", facets={"year": ["2019"]}, kind="project", language="tr"))
    assert plain_titles(by_year) == ["Açık veri portalı"]


def test_a_new_action_line_reindexes_the_project():
    project = ProjectFactory(published=True, title_tr="Tarım bilgi sistemi")
    assert search.run(search.Query.build("tarım", facets={"action_line": ["C7.7"]}, language="tr")).total == 0
    from portal.models import ActionLine

    project.action_lines.add(ActionLine.objects.get(code="C7.7"))
    assert search.run(search.Query.build("tarım", facets={"action_line": ["C7.7"]}, language="tr")).total == 1


def test_results_are_grouped_by_kind_and_a_kind_is_paginated():
    agency = AgencyFactory(name_tr="Sağlık Bakanlığı", name_en="Ministry of Health", acronym="SB")
    for n in range(7):
        ProjectFactory(published=True, agency=agency, title_tr=f"Sağlık projesi {n}", title_en=f"Health project {n}")
    results = search.run(search.Query.build("sağlık", language="tr"), per_group=3)
    assert [(group.kind, group.count, len(group.hits)) for group in results.groups] == [
        ("project", 7, 3),
        ("agency", 1, 1),
    ] or [(group.kind, group.count, len(group.hits)) for group in results.groups] == [
        ("agency", 1, 1),
        ("project", 7, 3),
    ]
    page_2 = search.run(search.Query.build("sağlık", kind="project", language="tr"), page=2, per_page=5)
    assert (page_2.pages, page_2.page, len(page_2.hits)) == (2, 2, 2)
    assert page_2.groups == []


def test_the_reader_language_shows_its_title_and_a_name_in_another_language_finds_it():
    ProjectFactory(published=True, title_tr="Cenevre fuarı", title_en="Geneva fair", title_ru="Женевская ярмарка")
    english = search.run(search.Query.build("Cenevre", language="en"))
    assert plain_titles(english) == ["Geneva fair"]
    russian = search.run(search.Query.build("Geneva", language="ru"))
    assert plain_titles(russian) == ["Женевская ярмарка"]


def test_kyrgyz_and_azerbaijani_match_across_alphabets_and_letters():
    ProjectFactory(published=True, title_ky="Бишкек шаарынын санариптик кызматы", title_en="Bishkek digital service")
    assert plain_titles(search.run(search.Query.build("bishkek", language="ky"))) == [
        "Бишкек шаарынын санариптик кызматы"
    ]
    ProjectFactory(published=True, title_az="Azərbaycan elektron hökumət portalı", title_en="Azerbaijan portal")
    assert plain_titles(search.run(search.Query.build("azerbaycan hokumet", language="az"))) == [
        "Azərbaycan elektron hökumət portalı"
    ]


def test_turkish_dotted_and_dotless_i_are_one_letter():
    ProjectFactory(published=True, title_tr="İSTANBUL Akıllı Şehir")
    assert plain_titles(search.run(search.Query.build("istanbul akilli", language="tr"))) == ["İSTANBUL Akıllı Şehir"]


def test_persian_digits_and_zwnj_are_folded():
    ProjectFactory(published=True, title_fa="برنامه ۱۳۹۶ کار\u200cها")
    assert plain_titles(search.run(search.Query.build("1396", language="fa"))) == ["برنامه ۱۳۹۶ کار\u200cها"]
    assert plain_titles(search.run(search.Query.build("کار ها", language="fa"))) == ["برنامه ۱۳۹۶ کار\u200cها"]


def test_snippets_escape_the_text_and_mark_the_words():
    ProjectFactory(published=True, title_tr="Güvenli proje", summary_tr="<script>alert(1)</script> siber güvenlik")
    hit = search.run(search.Query.build("güvenlik", language="tr")).groups[0].hits[0]
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>güvenlik</mark>" in hit.snippet


def test_did_you_mean_offers_the_closest_name():
    AgencyFactory(name_tr="Açık Toplum Vakfı", name_en="Soros Foundation", acronym="OSF")
    results = search.run(search.Query.build("Sorros Fondation", language="en"))
    assert results.suggestion == "soros foundation"


def test_open_only_keeps_records_with_an_open_deadline():
    from django.utils import timezone

    project = ProjectFactory(published=True, title_tr="Açık çağrı projesi")
    ProjectFactory(published=True, title_tr="Kapalı çağrı projesi")
    indexing.flush()
    SearchEntry.objects.filter(kind="project", object_id=project.pk).update(
        open_until=timezone.now() + timezone.timedelta(days=3)
    )
    results = search.run(search.Query.build("çağrı", open_only=True, language="tr"))
    assert plain_titles(results) == ["Açık çağrı projesi"]
    assert search.run(search.Query.build("çağrı", language="tr")).open_count == 1


def test_an_agency_rename_reaches_its_projects_names():
    agency = AgencyFactory(name_tr="Eski Kurum", acronym="EK")
    ProjectFactory(published=True, agency=agency, title_tr="Veri portalı")
    agency.acronym = "YENIK"
    agency.save()
    assert plain_titles(search.run(search.Query.build("YENIK", kind="project", language="tr"))) == ["Veri portalı"]


def test_rebuild_gives_the_same_index_and_drops_what_is_gone():
    from django.core.management import call_command

    ProjectFactory(published=True, title_tr="Yeniden kurulan dizin")
    before = sorted(search.matching(search.Query.build("dizin", language="tr")).values_list("kind", "object_id"))
    entry = SearchEntry.objects.get(kind="project")  # indexed: matching() read the index
    SearchEntry.objects.create(
        content_type_id=entry.content_type_id,
        kind="project",
        object_id=999_999,
        first_indexed_at=entry.first_indexed_at,
        indexed_at=entry.indexed_at,
    )
    call_command("rebuild_search_index", "project", stdout=__import__("io").StringIO())
    after = sorted(search.matching(search.Query.build("dizin", language="tr")).values_list("kind", "object_id"))
    assert before == after
    assert not SearchEntry.objects.filter(object_id=999_999).exists()


def test_rebuild_refuses_an_unknown_kind():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Unknown kinds: nonsense"):
        call_command("rebuild_search_index", "nonsense")


def test_the_fallback_backend_matches_every_folded_word():
    from portal.models import SearchDocument
    from portal.search.backends import Simple

    ProjectFactory(published=True, title_tr="İzmir Akıllı Ulaşım")
    ProjectFactory(published=True, title_tr="İzmir Su Yönetimi")
    indexing.flush()
    documents = SearchDocument.objects.filter(language="tr", entry__kind="project")
    matched = Simple().match(documents, search.Query.build("izmir akilli", language="tr"))
    assert [row.title for row in matched] == ["İzmir Akıllı Ulaşım"]
    assert [row.title for row in Simple().names(documents, "izmir su")] == ["İzmir Su Yönetimi"]


def test_a_long_query_is_cut_not_parsed_whole():
    query = search.Query.build("veri " * 10_000, language="tr")
    assert len(query.text) <= 200
    assert search.run(query).total == 0
