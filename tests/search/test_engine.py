"""The search engine on PostgreSQL: stemming, folding, trigram names, visibility, facets."""

import pytest

from portal import search
from portal.models import ReviewState, SearchEntry
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
    assert not SearchEntry.objects.filter(kind="project", object_id=draft.pk).exists()
    public = ProjectFactory(published=True, title_tr="Açık proje")
    assert SearchEntry.objects.filter(kind="project", object_id=public.pk).exists()
    public.review_state = ReviewState.DRAFT
    public.published_at = None
    public.save()
    assert not SearchEntry.objects.filter(kind="project", object_id=public.pk).exists()
    assert search.run(search.Query.build("proje", language="tr")).total == 0
