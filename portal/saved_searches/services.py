"""Writes of the saved searches: save (at most MAX_SAVED_SEARCHES per contact), change, delete, and the one-click
unsubscribe by the signed token of each search's mails. Pages and the API call these; errors are by field."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import MAX_SAVED_SEARCHES, Contact, Frequency, SavedSearch
from portal.saved_searches import queries

UNSUBSCRIBE_SALT = "portal.saved_searches.unsubscribe"
MAX_NAME = 120


def _name_errors(name: str) -> list[str]:
    if not name:
        return [_("Give the search a name.")]
    if len(name) > MAX_NAME:
        return [_("A name has at most %(max)s characters.") % {"max": MAX_NAME}]
    return []


def _frequency_errors(frequency: str) -> list[str]:
    return [] if frequency in Frequency.values else [_("Choose at once, a daily digest or a weekly digest.")]


@transaction.atomic
def save_search(
    contact: Contact,
    *,
    name: str,
    frequency: str = Frequency.DAILY,
    text: str = "",
    kind: str = "",
    facets: dict | None = None,
    open_only: bool = False,
    now: dt.datetime | None = None,
) -> SavedSearch:
    """`contact` saves a search; only records first found after this instant are ever mailed (not the back
    catalogue). At most MAX_SAVED_SEARCHES per contact."""
    Contact.objects.select_for_update().filter(pk=contact.pk).first()  # one count at a time per contact
    parts = {"text": text or "", "kind": kind or "", "facets": facets or {}, "open_only": bool(open_only)}
    name = " ".join((name or "").split())
    errors = queries.validation_errors(parts)
    if name_errors := _name_errors(name):
        errors["name"] = name_errors
    if frequency_errors := _frequency_errors(frequency):
        errors["frequency"] = frequency_errors
    if SavedSearch.objects.filter(contact=contact).count() >= MAX_SAVED_SEARCHES:
        errors["__all__"] = [
            _("You already have %(max)s saved searches, the most there may be: delete one to save this one.")
            % {"max": MAX_SAVED_SEARCHES}
        ]
    if errors:
        raise ValidationError(errors)
    return SavedSearch.objects.create(
        contact=contact, name=name, frequency=frequency, created_at=now or timezone.now(), **queries.normalised(parts)
    )


@transaction.atomic
def change_search(search: SavedSearch, **values) -> SavedSearch:
    """Rename `search`, change its frequency, turn it on or off, or change its query (only the values given).
    Changing the query starts it afresh: only records first found from now on are mailed."""
    search = SavedSearch.objects.select_for_update().get(pk=search.pk)
    errors: dict[str, list[str]] = {}
    if "name" in values:
        search.name = " ".join((values["name"] or "").split())
        if name_errors := _name_errors(search.name):
            errors["name"] = name_errors
    if "frequency" in values:
        search.frequency = values["frequency"]
        if frequency_errors := _frequency_errors(search.frequency):
            errors["frequency"] = frequency_errors
    if "active" in values:
        search.active = bool(values["active"])
    query_fields = {"text", "kind", "facets", "open_only"} & values.keys()
    if query_fields:
        parts = {**queries.parts_of(search), **{field: values[field] for field in query_fields}}
        parts["text"] = parts["text"] or ""
        parts["kind"] = parts["kind"] or ""
        parts["facets"] = parts["facets"] or {}
        errors |= queries.validation_errors(parts)
        if not errors and queries.normalised(parts) != queries.normalised(queries.parts_of(search)):
            for field, value in queries.normalised(parts).items():
                setattr(search, field, value)
            search.created_at = timezone.now()
    if errors:
        raise ValidationError(errors)
    search.save()
    return search


@transaction.atomic
def delete_search(search: SavedSearch) -> None:
    SavedSearch.objects.filter(pk=search.pk).delete()


def unsubscribe_token(search: SavedSearch) -> str:
    """The signed token of the one-click unsubscribe address in `search`'s mails (no expiry: it is in every mail)."""
    return signing.dumps(search.pk, salt=UNSUBSCRIBE_SALT)


def search_for_unsubscribe_token(token: str) -> SavedSearch | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return SavedSearch.objects.select_related("contact").filter(pk=pk).first()


@transaction.atomic
def unsubscribe(search: SavedSearch) -> SavedSearch:
    """One-click unsubscribe: this saved search mails no more (the contact's other searches and alerts go on)."""
    SavedSearch.objects.filter(pk=search.pk, active=True).update(active=False)
    search.refresh_from_db()
    return search
