"""Helpers of the areas' search source tests: what a search shows, and the checks that a record is nowhere in it."""

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags

from portal import search
from portal.models import SearchEntry
from portal.search import indexing


def found(text, language="tr", kind="", **options) -> list[str]:
    """The plain titles a search shows (every group's hits, or the chosen kind's page)."""
    results = search.run(search.Query.build(text, kind=kind, language=language, **options))
    hits = [hit for group in results.groups for hit in group.hits] + list(results.hits)
    return [strip_tags(hit.title) for hit in hits]


def entry(record):
    indexing.flush()  # what the test's transaction saved
    return SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk
    ).first()


def assert_nowhere(record, kind, text, language="tr"):
    """`record` is not indexed, and a search for `text` finds, counts, facets and suggests nothing of `kind`."""
    assert entry(record) is None
    results = search.run(search.Query.build(text, language=language))
    assert kind not in {value.value for value in results.kinds if value.count}
    assert not [hit for group in results.groups if group.kind == kind for hit in group.hits]
    kind_only = search.run(search.Query.build(text, kind=kind, language=language))
    assert (kind_only.total, kind_only.hits, kind_only.open_count) == (0, [], 0)
    assert all(value.count == 0 for values in kind_only.facets.values() for value in values)
    assert search.suggest(text, kinds=[kind], language=language) == []
