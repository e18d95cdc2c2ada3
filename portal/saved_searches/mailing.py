"""The mail of a saved search: for each search due, the records its query finds that it has not mailed and that
were first found after it was saved, listed in one outbox mail in the contact's language, written in the same
transaction as the rows that say they were mailed (`SavedSearchMatch`: never twice per search)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation

from portal import dispatch
from portal.alerts import outbox
from portal.links import page_url
from portal.mail import IN_PROCESS_SMTP_TIMEOUT, SEND_OUTBOX_TASK, render_mail
from portal.models import MailKind, SavedSearch, SavedSearchMatch, SearchDocument, SearchEntry
from portal.saved_searches import queries, selectors, services
from portal.search import registry
from portal.search.engine import matching

MAX_LISTED = 10  # matches named in a mail; the rest are counted (“and 4 more”) and on the search page


@dataclasses.dataclass
class QueueResult:
    searches: int = 0  # due searches looked at
    mails: int = 0
    matches: int = 0


def new_matches(search: SavedSearch):
    """The entries `search` finds that it has not mailed, first found after it was saved, oldest first."""
    mailed = SavedSearchMatch.objects.filter(
        saved_search=search, content_type=OuterRef("content_type"), object_id=OuterRef("object_id")
    )
    return (
        matching(queries.query_of(search))
        .filter(first_indexed_at__gt=search.created_at)
        .exclude(Exists(mailed))
        .order_by("first_indexed_at", "pk")
    )


def _items(entries: list[SearchEntry], language: str) -> list[dict]:
    documents = {
        row.entry_id: row
        for row in SearchDocument.objects.filter(entry__in=[entry.pk for entry in entries], language=language)
    }
    labels = dict(registry.kinds())
    items = []
    for entry in entries:
        document = documents.get(entry.pk)
        if document is None:
            continue
        items.append(
            {
                "title": document.title,
                "kind": str(labels.get(entry.kind, entry.kind)),
                "url": page_url(document.url, language),
            }
        )
    return items


def unsubscribe_url(search: SavedSearch, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(
            "accounts:saved_search_unsubscribe", kwargs={"token": services.unsubscribe_token(search)}
        )


def render(search: SavedSearch, entries: list[SearchEntry]) -> tuple[str, str, str, dict]:
    """The mail telling `search`'s contact of `entries` (subject, text, HTML, headers), in the contact's language."""
    contact = search.contact
    language = contact.language
    listed = entries[:MAX_LISTED]
    unsubscribe = unsubscribe_url(search, language)
    with translation.override(language):
        context = {
            "contact": contact,
            "search": search,
            "query_words": queries.in_words(queries.parts_of(search)),
            "items": _items(listed, language),
            "count": len(entries),
            "more": len(entries) - len(listed),
            "search_url": queries.search_url(search, language),
            "manage_url": settings.SITE_URL + reverse("accounts:saved_search_edit", kwargs={"pk": search.pk}),
            "unsubscribe_url": unsubscribe,
        }
    subject, text, html = render_mail(MailKind.SAVED_SEARCH, context, language)
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return subject, text, html, headers


def _mail_one(search_id: int, now: dt.datetime, result: QueueResult) -> int | None:
    """Look at one due search under its row lock; the id of the mail queued, if any."""
    with transaction.atomic():
        search = (
            selectors.mailable_searches().select_for_update(skip_locked=True, of=("self",)).filter(pk=search_id).first()
        )
        if search is None or not selectors.is_due(search, now):
            return None  # another run has it, or it was done meanwhile
        result.searches += 1
        entries = list(new_matches(search))
        mail_id = None
        if entries:
            subject, text, html, headers = render(search, entries)
            contact = search.contact
            [mail_id] = outbox.queue_mail(
                MailKind.SAVED_SEARCH, [contact.email], contact.language, subject, text, html, headers
            )
            SavedSearchMatch.objects.bulk_create(
                [
                    SavedSearchMatch(
                        saved_search=search,
                        content_type_id=entry.content_type_id,
                        object_id=entry.object_id,
                        mailed_at=now,
                        mail_id=mail_id,
                    )
                    for entry in entries
                ]
            )
            result.mails += 1
            result.matches += len(entries)
        SavedSearch.objects.filter(pk=search.pk).update(
            last_checked_at=now, **({"last_sent_at": now} if mail_id else {})
        )
        return mail_id


def queue_new_matches(now: dt.datetime | None = None) -> QueueResult:
    """For each saved search due at `now`, one mail listing its new matches (none when there are none), and start
    sending them once written."""
    now = now or timezone.now()
    result = QueueResult()
    ids = [
        mail_id
        for search in selectors.due_saved_searches(now)
        if (mail_id := _mail_one(search.pk, now, result)) is not None
    ]
    if ids:
        dispatch.after_commit(
            SEND_OUTBOX_TASK, in_process=lambda: outbox.send_outbox(ids=ids, timeout=IN_PROCESS_SMTP_TIMEOUT)
        )
    return result
