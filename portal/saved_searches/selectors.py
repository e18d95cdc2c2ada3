"""Reads of the saved searches: a contact's own, and which are due at an instant. A digest's slot is built in the
contact's zone (their digest hour today, or on this week's Monday), never from the server's date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import QuerySet

from portal.models import Contact, Frequency, SavedSearch

DEFAULT_DIGEST_HOUR = 8  # a contact without a subscription (not yet confirmed) would have this one


def saved_searches_of(contact: Contact) -> QuerySet:
    """The contact's saved searches, by name."""
    return SavedSearch.objects.filter(contact=contact).order_by("name", "pk")


def digest_hour(contact: Contact) -> int:
    subscription = getattr(contact, "subscription", None)
    return subscription.digest_hour if subscription is not None else DEFAULT_DIGEST_HOUR


def last_slot(frequency: str, hour: int, zone: str, now: dt.datetime) -> dt.datetime | None:
    """The latest digest instant at or before `now`: the digest hour of the contact's local day (daily) or of the
    local Monday of the week (weekly), in the zone `zone`; None for a search mailed at once."""
    if frequency == Frequency.IMMEDIATE:
        return None
    tz = ZoneInfo(zone)
    local = now.astimezone(tz).date()
    step = 1 if frequency == Frequency.DAILY else 7
    day = local if frequency == Frequency.DAILY else local - dt.timedelta(days=local.weekday())
    slot = dt.datetime.combine(day, dt.time(hour), tzinfo=tz)
    if slot > now:
        slot = dt.datetime.combine(day - dt.timedelta(days=step), dt.time(hour), tzinfo=tz)
    return slot


def is_due(search: SavedSearch, now: dt.datetime) -> bool:
    """At once: at every run. A digest: once per slot (the first run at or after it), counting from when the search
    was saved (a search saved after today's slot waits for the next one); a slot missed while nothing ran is
    caught up by the next run."""
    if not search.active:
        return False
    contact = search.contact
    slot = last_slot(search.frequency, digest_hour(contact), contact.time_zone, now)
    if slot is None:
        return True
    since = max(search.created_at, search.last_checked_at or search.created_at)
    return since < slot


def mailable_searches() -> QuerySet:
    """Active saved searches of active, confirmed and approved contacts whose alerts are not paused (a one-click
    unsubscribe from the deadline alerts pauses every alert, these too)."""
    return (
        SavedSearch.objects.filter(
            active=True,
            contact__is_active=True,
            contact__confirmed_at__isnull=False,
            contact__approved_at__isnull=False,
        )
        .exclude(contact__subscription__paused_at__isnull=False)
        .select_related("contact__subscription")
        .order_by("pk")
    )


def due_saved_searches(now: dt.datetime) -> list[SavedSearch]:
    """The saved searches to look at now (see `is_due`)."""
    return [search for search in mailable_searches() if is_due(search, now)]
