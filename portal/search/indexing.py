"""Keeping the index current: a registered record is re-read on every save of it (or of what it `follows`) and of
its many-to-many fields, and removed when it is deleted or stops being visible; `rebuild` writes every source anew
(the `rebuild_search_index` command)."""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.html import strip_tags

from portal.models import SearchDocument, SearchEntry, SearchFacet
from portal.search import registry
from portal.search.text import fold

log = logging.getLogger(__name__)

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
# The text-search configuration of each language on PostgreSQL; `portal_simple` is `simple` with `unaccent`
# (migration portal/0024), for the languages PostgreSQL has no stemmer for.
CONFIGS = {"tr": "turkish", "en": "english", "ru": "russian", "fa": "portal_simple", "ky": "portal_simple"}
SIMPLE = "portal_simple"
BODY_LIMIT = 50_000  # characters of a body indexed: a tsvector holds at most 1 MB
SUMMARY_LIMIT = 600
NAME_SEPARATOR = " | "
_paused = contextvars.ContextVar("search_indexing_paused", default=False)
_deferred = contextvars.ContextVar("search_indexing_deferred", default=None)


def config(language: str) -> str:
    return CONFIGS.get(language, SIMPLE)


@contextlib.contextmanager
def paused():
    """Saves inside do not touch the index (bulk loads that rebuild it afterwards)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@contextlib.contextmanager
def deferred(chunk: int = 500):
    """Records saved inside (or following one saved inside) are indexed together when the block ends, a few
    queries per `chunk` of them instead of a few per save (an import of thousands of rows); nothing is indexed when
    the block fails. Inside another deferred block, the outer one indexes."""
    if _deferred.get() is not None:
        yield
        return
    pending: dict = {}
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    if connection.in_atomic_block and connection.needs_rollback:
        return  # the saves are being rolled back: nothing to index
    for model, pks in pending.items():
        pks = sorted(pks)
        for start in range(0, len(pks), chunk):
            refresh(model, pks[start : start + chunk])


def texts(record, field: str) -> dict[str, str]:
    """A translated field in every language, with the content's fallback (what the page shows: the language,
    then `MODELTRANSLATION_FALLBACK_LANGUAGES`); a field that is not translated has the same text in all."""
    if f"{field}_{LANGUAGES[0]}" not in record.__dict__:
        value = str(getattr(record, field) or "")
        return dict.fromkeys(LANGUAGES, value)
    own = {language: record.__dict__.get(f"{field}_{language}") or "" for language in LANGUAGES}
    fallback = next((own[code] for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES if own.get(code)), "")
    return {language: str(own[language] or fallback) for language in LANGUAGES}


def plain(html: str) -> str:
    """Rendered Markdown as plain text."""
    from html import unescape

    return unescape(strip_tags(html or ""))


def _document_rows(source, record, entry_id: int) -> list[dict]:
    document = source.document(record)
    # Framed by " | " so a whole name is a LIKE '% | name | %' (the name resolver, `portal.names`, reads them).
    names = (
        NAME_SEPARATOR
        + NAME_SEPARATOR.join(
            dict.fromkeys(fold(text) for text in (*document.title.values(), *document.names) if text and fold(text))
        )
        + NAME_SEPARATOR
    )
    rows = []
    for language in LANGUAGES:
        title = document.title.get(language) or next((t for t in document.title.values() if t), "")
        summary = document.summary.get(language, "")[:SUMMARY_LIMIT]
        body = document.body.get(language, "")[:BODY_LIMIT]
        with translation.override(language):
            url = document.url()
        rows.append(
            {
                "entry_id": entry_id,
                "language": language,
                "title": title,
                "url": url,
                "summary": summary,
                "body": body,
                "names": names,
                "folded": " ".join(filter(None, (fold(title), names, fold(summary), fold(body)))),
                "config": config(language),
                "title_folded": fold(title, language),
                "summary_folded": fold(summary, language),
                "body_folded": fold(body, language),
            }
        )
    return rows, document


def _facets(entry_id: int, document) -> list[SearchFacet]:
    values = {
        ("country", str(document.country or "")),
        ("agency_kind", document.agency_kind or ""),
        *(("action_line", str(code)) for code in document.action_lines),
        *(("sdg", str(number)) for number in document.sdgs),
        *(("year", str(year)) for year in document.years if year),
    }
    return [SearchFacet(entry_id=entry_id, facet=facet, value=value[:40]) for facet, value in values if value]


_INSERT = """
INSERT INTO portal_searchdocument (entry_id, language, title, url, summary, body, names, folded, vector)
VALUES {values}
"""
_VALUE = (
    "(%s, %s, %s, %s, %s, %s, %s, %s, "
    "setweight(to_tsvector(%s::regconfig, %s), 'A') || setweight(to_tsvector('portal_simple', %s), 'B') || "
    "setweight(to_tsvector(%s::regconfig, %s), 'C') || setweight(to_tsvector(%s::regconfig, %s), 'D'))"
)


def _insert_documents(rows: list[dict]) -> None:
    if not rows:
        return
    if connection.vendor != "postgresql":
        SearchDocument.objects.bulk_create(
            SearchDocument(**{k: row[k] for k in ("entry_id", "language", "title", "url", "summary", "body")},
                           names=row["names"], folded=row["folded"])
            for row in rows
        )  # fmt: skip
        return
    params = []
    for row in rows:
        # `folded` is the fallback's: PostgreSQL matches the vector, and narrower rows are read faster.
        params += [row[k] for k in ("entry_id", "language", "title", "url", "summary", "body", "names")] + [""]
        params += [row["config"], row["title_folded"], row["names"], row["config"], row["summary_folded"]]
        params += [row["config"], row["body_folded"]]
    with connection.cursor() as cursor:
        cursor.execute(_INSERT.format(values=", ".join([_VALUE] * len(rows))), params)


def write(source: registry.Source, records, first_seen: dict | None = None) -> int:
    """Index `records` of `source` (all visible: the caller has checked) in a few statements; a record new to the
    index became findable at its `first_seen` time (when it was saved), or now."""
    records = list(records)
    if not records:
        return 0
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(source.model)
    built = {}
    for record in records:
        built[record.pk] = source.document(record)
    SearchEntry.objects.bulk_create(
        [
            SearchEntry(
                content_type=content_type,
                object_id=pk,
                kind=source.kind,
                open_until=document.open_until,
                first_indexed_at=(first_seen or {}).get(pk, now),
                indexed_at=now,
            )
            for pk, document in built.items()
        ],
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["kind", "open_until", "indexed_at"],
    )
    entry_ids = dict(
        SearchEntry.objects.filter(content_type=content_type, object_id__in=built).values_list("object_id", "id")
    )
    SearchDocument.objects.filter(entry_id__in=entry_ids.values()).delete()
    SearchFacet.objects.filter(entry_id__in=entry_ids.values()).delete()
    rows, facets = [], []
    by_pk = {record.pk: record for record in records}
    for pk, entry_id in entry_ids.items():
        record_rows, document = _document_rows(source, by_pk[pk], entry_id)
        rows += record_rows
        facets += _facets(entry_id, document)
    for start in range(0, len(rows), 600):
        _insert_documents(rows[start : start + 600])
    SearchFacet.objects.bulk_create(facets, batch_size=2000)
    return len(entry_ids)


def remove(model, pks) -> None:
    content_type = ContentType.objects.get_for_model(model)
    SearchEntry.objects.filter(content_type=content_type, object_id__in=list(pks)).delete()


def refresh(model, pks) -> None:
    """Re-read these records of `model` for every source registered for it: indexed when visible, removed when not.
    Inside a transaction this happens when it commits (each record once, however often it was saved), or earlier
    when something in the transaction reads the index (`flush`); nothing happens for a transaction rolled back."""
    pks = [pk for pk in pks if pk is not None]
    if not pks or _paused.get():
        return
    pending = _deferred.get()
    if pending is not None:
        pending.setdefault(model, set()).update(pks)
        return
    if connection.in_atomic_block:
        _transaction_pending().add(model, pks)
        return
    _refresh_now(model, pks)


def _refresh_now(model, pks, first_seen: dict | None = None) -> None:
    for source in registry.sources_of(model):
        visible = list(source.queryset().filter(pk__in=pks))
        write(source, visible, first_seen)
        gone = set(pks) - {record.pk for record in visible}
        if gone:
            remove(model, gone)


class _Pending:
    """The records saved (and the followed records changed) in the current transaction, with when each was first
    saved: indexed when it commits (an `on_commit` callback), or before anything in it reads the index."""

    def __init__(self):
        self.records: dict = {}  # model → {pk: first saved at}
        self.follows: list = []  # (source, followed model, pk)

    def add(self, model, pks) -> None:
        now = timezone.now()
        marks = self.records.setdefault(model, {})
        for pk in pks:
            marks.setdefault(pk, now)

    def __call__(self) -> None:
        self.flush()

    def flush(self) -> None:
        while self.records or self.follows:
            follows, self.follows = self.follows, []
            for source, followed, pk in follows:
                instance = followed._default_manager.filter(pk=pk).first()
                if instance is not None:
                    self.add(source.model, _pks(source.follows[followed](instance)))
            records, self.records = self.records, {}
            for model, marks in records.items():
                pks = sorted(marks)
                for start in range(0, len(pks), 500):
                    _refresh_now(model, pks[start : start + 500], marks)


def _transaction_pending() -> _Pending:
    """The current transaction's pending records, registered to be indexed on its commit. A rolled-back
    transaction (or savepoint) drops its callbacks, and with them what it had pending."""
    pending = getattr(connection, "search_pending", None)
    if pending is None or not any(callback is pending for _sids, callback, _robust in connection.run_on_commit):
        pending = _Pending()
        connection.search_pending = pending
        transaction.on_commit(pending)
    return pending


def flush() -> None:
    """Index what the current transaction has pending now: called before the index is read."""
    pending = getattr(connection, "search_pending", None)
    registered = pending is not None and connection.in_atomic_block
    if registered and any(callback is pending for _sids, callback, _robust in connection.run_on_commit):
        pending.flush()


def _pks(records) -> list:
    return list(records.values_list("pk", flat=True)) if hasattr(records, "values_list") else [r.pk for r in records]


def rebuild(kinds=None, chunk: int = 500) -> dict[str, int]:
    """Index every visible record of every source (or of `kinds`) anew; entries no longer visible are dropped."""
    counts = {}
    for source in registry.sources():
        if kinds and source.kind not in kinds:
            continue
        content_type = ContentType.objects.get_for_model(source.model)
        with transaction.atomic():
            seen = []
            batch = []
            for record in source.queryset().order_by("pk").iterator(chunk_size=chunk):
                batch.append(record)
                if len(batch) >= chunk:
                    write(source, batch)
                    seen += [r.pk for r in batch]
                    batch = []
            write(source, batch)
            seen += [r.pk for r in batch]
            SearchEntry.objects.filter(content_type=content_type).exclude(object_id__in=seen).delete()
        counts[source.kind] = len(seen)
    return counts


# Signals: the index follows every save, whichever door (page, API, admin, import, command) it came through.


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(sender, [instance.pk])


def _deleted(sender, instance, **kwargs):
    if not _paused.get():
        remove(sender, [instance.pk])


def _m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        refresh(model, pk_set or [])
    else:
        refresh(type(instance), [instance.pk])


def _followed(source):
    def handler(sender, instance, raw=False, **kwargs):
        if raw or _paused.get():
            return
        if connection.in_atomic_block and _deferred.get() is None:
            _transaction_pending().follows.append((source, sender, instance.pk))  # read when indexed
            return
        records = source.follows[sender](instance)
        refresh(source.model, list(records.values_list("pk", flat=True)) if hasattr(records, "values_list") else
                [record.pk for record in records])  # fmt: skip

    return handler


def _followed_m2m(source, followed):
    """A many-to-many change of a `followed` record (its action lines, say) re-indexes the records following it."""
    follows = _followed(source)

    def handler(sender, instance, action, reverse, model, pk_set, **kwargs):
        if not action.startswith("post_") or _paused.get():
            return
        for record in followed.objects.filter(pk__in=pk_set or []) if reverse else [instance]:
            follows(followed, record)

    return handler


def connect(source: registry.Source) -> None:
    model = source.model
    uid = f"search:{model._meta.label}"
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    for field in model._meta.many_to_many:
        m2m_changed.connect(_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}")
    for followed in source.follows:
        post_save.connect(_followed(source), sender=followed, dispatch_uid=f"{uid}:follows:{followed._meta.label}",
                          weak=False)  # fmt: skip
        for field in followed._meta.many_to_many:
            m2m_changed.connect(_followed_m2m(source, followed), sender=field.remote_field.through, weak=False,
                                dispatch_uid=f"{uid}:follows:{followed._meta.label}:{field.name}")  # fmt: skip
