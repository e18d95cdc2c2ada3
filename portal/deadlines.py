"""Registration API of the deadline registry: each app's `deadlines.py` keeps its rows in sync through it.

    track(AwardEdition, lambda edition: [DeadlineSpec(DeadlineKind.AWARD_NOMINATION, edition.deadline, ...)])

After that, saving an edition creates, moves or withdraws its deadlines; deleting it withdraws them.
"""

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from portal.languages import CODES, has_fallback_text
from portal.models import Audience, Deadline, DeadlineKind
from portal.models.contacts import validate_time_zone

# A deadline known only by its date ends at this minute of that day, in the deadline's own zone.
END_OF_DAY = dt.time(23, 59)


@dataclasses.dataclass(frozen=True)
class DeadlineSpec:
    kind: str
    due: dt.date | dt.datetime  # an aware datetime, or a date meaning 23:59 of that day in `tz`
    tz: str
    titles: dict[str, str]  # language code → title; Turkish or English must be there
    url: str = ""
    tentative: bool = False
    agencies: tuple[int, ...] | None = None  # None: everyone subscribed to the topic


def in_every_language(make: Callable[[], str]) -> dict[str, str]:
    """`make()` with each of the portal's languages active: the titles of a `DeadlineSpec`."""
    titles = {}
    for code in CODES:
        with translation.override(code):
            titles[code] = make()
    return titles


def due_instant(due: dt.date | dt.datetime, tz: str) -> tuple[dt.datetime, bool]:
    """The aware instant of `due`, and whether it was a date only (then 23:59 that day in `tz`)."""
    validate_time_zone(tz)
    if isinstance(due, dt.datetime):
        if timezone.is_naive(due):
            raise ValueError("A deadline's time must be aware; give a date to mean the end of that day.")
        return due, False
    return dt.datetime.combine(due, END_OF_DAY, tzinfo=ZoneInfo(tz)), True


def local_due(day: dt.date | None, time: dt.time | None, tz: str) -> dt.date | dt.datetime | None:
    """A deadline kept as a local date and an optional local time in `tz`, as `DeadlineSpec.due` takes it: the
    aware instant when the time is known, else the date (23:59 that day in `tz`)."""
    if day is None:
        return None
    if time is None:
        return day
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(tz))


def local_due_at(day: dt.date | None, time: dt.time | None, tz: str) -> dt.datetime | None:
    """The same deadline as an instant, by the registry's rule (a date alone: 23:59 there)."""
    due = local_due(day, time, tz)
    return None if due is None else due_instant(due, tz)[0]


def ahead_in_own_zone(now: dt.datetime, zones, date_field: str, time_field: str | None, tz_field: str = "tz") -> Q:
    """Rows whose deadline (a local date, and a local time or none: 23:59) is still ahead at `now`, compared in
    each row's own zone with its local date and time: one condition per zone in use (`zones`). `time_field` None:
    the rows have dates only."""
    condition = Q(pk__in=[])
    nothing = Q(pk__in=[])
    for zone in zones:
        local = now.astimezone(ZoneInfo(zone))
        end_of_day_ahead = local.time() < END_OF_DAY
        if time_field is None:
            later_today = Q() if end_of_day_ahead else nothing
        else:
            later_today = Q(**{f"{time_field}__gt": local.time()}) | (
                Q(**{f"{time_field}__isnull": True}) if end_of_day_ahead else nothing
            )
        condition |= Q(**{tz_field: zone}) & (
            Q(**{f"{date_field}__gt": local.date()}) | (Q(**{date_field: local.date()}) & later_today)
        )
    return condition


def _values(spec: DeadlineSpec) -> dict:
    if not has_fallback_text(spec.titles):
        raise ValueError("A deadline needs its title in Turkish or English.")
    due_at, date_only = due_instant(spec.due, spec.tz)
    kind = DeadlineKind(spec.kind)
    values = {
        "topic": kind.topic,
        "due_at": due_at,
        "tz": spec.tz,
        "date_only": date_only,
        "tentative": spec.tentative,
        "url": spec.url,
        "audience": Audience.SUBSCRIBERS if spec.agencies is None else Audience.AGENCIES,
        "title": spec.titles.get("tr") or spec.titles["en"],
    }
    for code in CODES:
        values[f"title_{code}"] = spec.titles.get(code, "")
    return values


# What a calendar or an alert shows: a change to any of these is a new revision.
_REVISED = ("due_at", "tz", "date_only", "tentative", "title", "url", "audience")


@transaction.atomic
def sync(source, specs: Iterable[DeadlineSpec]) -> list[Deadline]:
    """Make `source`'s open deadlines exactly `specs`: create the new kinds, update the changed ones
    (bumping their revision), withdraw the kinds no longer given, reopen a withdrawn kind given again."""
    content_type = ContentType.objects.get_for_model(source)
    rows = Deadline.objects.select_for_update().filter(content_type=content_type, object_id=source.pk)
    existing = {row.kind: row for row in rows}
    kept = []
    for spec in specs:
        values = _values(spec)
        row = existing.pop(DeadlineKind(spec.kind).value, None)
        if row is None:
            row = Deadline.objects.create(content_type=content_type, object_id=source.pk, kind=spec.kind, **values)
        else:
            revised = (
                row.withdrawn_at is not None
                or any(getattr(row, f) != values[f] for f in _REVISED)
                or any(getattr(row, f) != v for f, v in values.items() if f.startswith("title_"))
            )
            if revised:
                for field, value in values.items():
                    setattr(row, field, value)
                row.withdrawn_at = None
                row.sequence += 1
                row.save()
        row.agencies.set(spec.agencies or ())
        kept.append(row)
    _withdraw(existing.values())
    return kept


def _withdraw(rows: Iterable[Deadline]) -> int:
    count = 0
    for row in rows:
        if row.withdrawn_at is None:
            row.withdrawn_at = timezone.now()
            row.sequence += 1
            row.save(update_fields=["withdrawn_at", "sequence", "updated_at"])
            count += 1
    return count


@transaction.atomic
def withdraw(source, kinds: Iterable[str] | None = None) -> int:
    """Withdraw `source`'s open deadlines (all, or only `kinds`); returns how many were open."""
    content_type = ContentType.objects.get_for_model(source)
    rows = Deadline.objects.select_for_update().filter(content_type=content_type, object_id=source.pk)
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    return _withdraw(rows)


def _followed_model(model, path: str):
    """The model at the end of `path`, a chain of foreign keys from `model` (e.g. "edition__programme")."""
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


# What `track` and `track_notice` connected, by dispatch uid: `untrack` disconnects it all.
_CONNECTED: dict[str, list[tuple[object, type, str]]] = {}


def _connect(model, specs_for, *, on_save: bool, follows: Iterable[str], uid: str) -> None:
    follows = tuple(follows)
    connected = _CONNECTED.setdefault(uid, [])

    def connect(signal, receiver, sender, suffix):
        signal.connect(receiver, sender=sender, weak=False, dispatch_uid=f"{uid}:{suffix}")
        connected.append((signal, sender, f"{uid}:{suffix}"))

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:  # fixtures load rows, not events
            sync(instance, specs_for(instance))

    def deleted(sender, instance, **kwargs):
        withdraw(instance)

    def followed_saved(sender, instance, path, raw=False, created=False, **kwargs):
        if raw or created:  # a new record has no sources yet
            return
        for source in model.objects.filter(**{path: instance}).select_related(*follows):
            sync(source, specs_for(source))

    if on_save:
        connect(post_save, saved, model, "save")
    connect(post_delete, deleted, model, "delete")
    for path in follows:
        receiver = functools.partial(followed_saved, path=path)
        connect(post_save, receiver, _followed_model(model, path), f"follows:{path}")


def track(
    model,
    specs_for: Callable[[object], list[DeadlineSpec]],
    *,
    follows: Iterable[str] = (),
    dispatch_uid: str | None = None,
) -> None:
    """Keep `model`'s deadlines in sync with its rows: `specs_for(instance)` on every save, withdrawal on delete.
    `follows`: foreign-key paths to records the specs also read (the programme whose name the titles carry): the
    rows pointing to one are synced again when it is saved again."""
    uid = dispatch_uid or f"deadlines:{model._meta.label}"
    _connect(model, specs_for, on_save=True, follows=follows, uid=uid)


def track_notice(
    model,
    specs_for: Callable[[object], list[DeadlineSpec]],
    *,
    follows: Iterable[str],
    dispatch_uid: str | None = None,
) -> None:
    """Keep the deadlines of a notice in sync (an invitation to apply, due when its edition's or call's deadline
    is): synced again when a record it `follows` is saved again (its edition or call moved or cancelled, their
    programme renamed), withdrawn when it is deleted. Its own save is left alone: what its title names (the
    invitation's projects) is set after that save, so the service writing it calls `sync` once it is complete."""
    uid = dispatch_uid or f"deadlines:{model._meta.label}"
    _connect(model, specs_for, on_save=False, follows=follows, uid=uid)


def untrack(model, *, dispatch_uid: str | None = None) -> None:
    uid = dispatch_uid or f"deadlines:{model._meta.label}"
    for signal, sender, receiver_uid in _CONNECTED.pop(uid, []):
        signal.disconnect(sender=sender, dispatch_uid=receiver_uid)
