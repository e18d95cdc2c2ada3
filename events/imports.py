"""The events inventory as a CSV file: `import_inventory events FILE` and `export_inventory events`, through the one
import mechanism (portal/imports.py).

A row is an event. Its `name` is the English name, as the other inventory files' names are (the funds and awards
imports write `name_en`; the pages fall back to English in every language): a new event gets it as its English
name, and the export writes the English name, else the first translation given (Turkish first). `city` is read the
same way. The event is known by its slug, made of its name and the year it starts ("WSIS Forum" starting in 2026:
`wsis-forum-2026`; a name that already ends with the year keeps it once), so a file imported twice adds nothing;
failing that, by its name in any language and its year (an event the working group added in the back-office under a
slug of its own). A known event is updated from the row (left alone when the row says what it holds); its status,
times, place details and exhibition deadline are the back-office's. Every other row adds a confirmed event held in
person, so it needs its city and country: an event held only online is added in the back-office (its row then leaves
both empty).

Cells: `kind` a code of events.models.EventKind (or its English name), `country` an ISO 3166 code (or the English
name), dates YYYY-MM-DD (local dates in the event's zone), `timezone` an IANA name such as Europe/Zurich. The model's
rules (an event ending before it starts, a deadline after its start) are errors named by line and column.
"""

from __future__ import annotations

import hashlib
import re
import zoneinfo
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events.models import Event, EventKind
from portal import imports
from portal.imports import normal
from portal.languages import CODES, translated_fields

COLUMNS = (
    "name",
    "kind",
    "organiser",
    "city",
    "country",
    "starts_on",
    "ends_on",
    "timezone",
    "website",
    "registration_deadline",
    "proposal_deadline",
)
# The order a translated text is read in for the file: English first, as the other names of the file.
TEXT_ORDER = ("en", "tr", *(code for code in CODES if code not in ("en", "tr")))
# The column a model field's error belongs to. A deadline or end time the file does not carry clashes with the
# dates the row gives.
FIELD_COLUMNS = {
    "slug": "name",
    "tz": "timezone",
    "exhibition_deadline": "starts_on",
    "end_time": "ends_on",
    "start_time": "starts_on",
    **dict.fromkeys(translated_fields("name"), "name"),
    **dict.fromkeys(translated_fields("city"), "city"),
}
SLUG_LENGTH = Event._meta.get_field("slug").max_length


def text(values, field: str) -> str:
    """The text the file carries for a translated `field`: the first translation given, English first (an event or
    a `.values()` row)."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return next((found for code in TEXT_ORDER if (found := get(f"{field}_{code}"))), "")


def event_slug(name: str, year: int) -> str:
    """The slug of the event `name` starting in `year`: its name and year ("wsis-forum-2026"). A name without a
    Latin letter or digit (written in Persian, say) is known by a digest of it instead."""
    base = slugify(name)
    if not re.search(r"[a-z0-9]", base):
        base = "event-" + hashlib.sha256(normal(name).encode()).hexdigest()[:10]
    suffix = "" if re.search(rf"(?:^|-){year}$", base) else f"-{year}"
    return base[: SLUG_LENGTH - len(suffix)].strip("-") + suffix


def _kinds() -> dict[str, str]:
    """Each kind by its code and its English name."""
    with translation.override("en"):
        names = {normal(str(label)): value for value, label in EventKind.choices}
    return {**names, **{value: value for value in EventKind.values}}


def _website(value: str) -> str:
    imports.web_address(value)
    if len(value) > Event._meta.get_field("website").max_length:
        raise ValueError(_("This web address is too long."))
    return value


class EventImporter(imports.Importer):
    kind = "events"
    columns = COLUMNS

    def __init__(self, **options):
        super().__init__(**options)
        self.kinds = _kinds()
        self.zones = zoneinfo.available_timezones()
        # Every event by its slug, and by each of its names (normalised) with the year it starts.
        self.slugs: dict[str, int] = {}
        self.names: dict[tuple[str, int], set[int]] = defaultdict(set)
        self.current: dict[int, tuple] = {}  # what the file would say of each event
        for values in Event.objects.values(
            "id",
            "slug",
            "kind",
            "organiser",
            "country",
            "starts_on",
            "ends_on",
            "tz",
            "website",
            "registration_deadline",
            "proposal_deadline",
            *translated_fields("name", "city"),
        ):
            self._remember(values["id"], values["slug"], self._values(values), imports.texts(values, "name"))
        self.lines: dict[int, int] = {}  # the line each event of the file came from

    @staticmethod
    def _values(values: dict) -> tuple:
        return (
            text(values, "name"),
            values["kind"],
            values["organiser"],
            text(values, "city"),
            str(values["country"] or ""),
            values["starts_on"],
            values["ends_on"],
            values["tz"],
            values["website"],
            values["registration_deadline"],
            values["proposal_deadline"],
        )

    def _remember(self, pk: int, slug: str, current: tuple, names) -> None:
        self.slugs[slug] = pk
        self.current[pk] = current
        for name in names:
            self.names[(normal(name), current[5].year)].add(pk)

    def key(self, row: imports.Row):
        try:
            starts_on = imports.iso_date(row["starts_on"])
        except ValueError:
            return None
        return event_slug(row["name"], starts_on.year) if row["name"] else None

    def save(self, row: imports.Row) -> str:
        name = row.value("name")
        kind = row.value("kind", self._kind)
        organiser = row.value("organiser")
        city = row["city"]
        country = row.value("country", imports.country, required=False, default="")
        starts_on = row.value("starts_on", imports.iso_date)
        ends_on = row.value("ends_on", imports.iso_date)
        zone = row.value("timezone", self._zone)
        website = row.value("website", _website, required=False, default="")
        registration = row.value("registration_deadline", imports.iso_date, required=False)
        proposal = row.value("proposal_deadline", imports.iso_date, required=False)
        row.check()

        slug = event_slug(name, starts_on.year)
        pk = self._known(slug, name, starts_on)
        if pk is not None and pk in self.lines:
            # The same event under another spelling of its name.
            raise imports.RowError("", _("This row repeats line %(line)s.") % {"line": self.lines[pk]})
        values = (name, kind, organiser, city, country, starts_on, ends_on, zone, website, registration, proposal)
        if pk is not None and self.current[pk] == values:
            self.lines[pk] = row.line
            return imports.UNCHANGED

        event = Event(slug=slug) if pk is None else Event.objects.get(pk=pk)
        old = self.current.get(pk, ("",) * len(values))
        if name != old[0]:
            event.name_en = name
        if city != old[3]:
            for field in translated_fields("city"):
                setattr(event, field, "")
            event.city_en = city
        event.kind, event.organiser, event.country, event.website = kind, organiser, country, website
        event.starts_on, event.ends_on, event.tz = starts_on, ends_on, zone
        event.registration_deadline, event.proposal_deadline = registration, proposal
        try:
            event.full_clean()
        except ValidationError as exc:
            problems = {}  # a too long name is too long in `name` and in `name_en`: said once
            for field, messages in exc.message_dict.items():
                for message in messages:
                    problems.setdefault((FIELD_COLUMNS.get(field, field if field in COLUMNS else ""), message))
            for column, message in problems:
                row.error(column, message)
            row.check()
        event.save()  # and its deadlines follow it into the registry (events/deadlines.py)
        self._remember(event.pk, event.slug, values, [name])
        self.lines[event.pk] = row.line
        return imports.CREATED if pk is None else imports.UPDATED

    def _known(self, slug: str, name: str, starts_on) -> int | None:
        """The event the row is about: the one with its slug, else the one of that name starting that year (the
        one starting that day, among several)."""
        if slug in self.slugs:
            return self.slugs[slug]
        found = self.names.get((normal(name), starts_on.year), set())
        if len(found) > 1:
            found = {pk for pk in found if self.current[pk][5] == starts_on} or found
        if len(found) > 1:
            slugs = {slug for slug, pk in self.slugs.items() if pk in found}
            raise imports.RowError(
                "name",
                _("“%(value)s” may be several events: %(candidates)s; give the day the event starts.")
                % {"value": name, "candidates": imports.candidates(slugs)},
            )
        return next(iter(found), None)

    def _kind(self, value: str) -> str:
        try:
            return self.kinds[normal(value)]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not a kind of event; the kinds are: %(kinds)s.")
                % {"value": value, "kinds": ", ".join(EventKind.values)}
            ) from None

    def _zone(self, value: str) -> str:
        if value not in self.zones:
            raise ValueError(
                _("“%(value)s” is not a known time zone: give its IANA name, e.g. Europe/Zurich.") % {"value": value}
            )
        return value


class EventExporter(imports.Exporter):
    """Every event in the importer's columns, in the order they start, so an exported file imports again
    unchanged."""

    kind = "events"
    columns = COLUMNS

    def queryset(self):
        return Event.objects.order_by("starts_on", "slug")

    def rows(self, queryset):
        for event in queryset.iterator(chunk_size=2000):
            yield (
                text(event, "name"),
                event.kind,
                event.organiser,
                text(event, "city"),
                event.country.code,
                event.starts_on,
                event.ends_on,
                event.tz,
                event.website,
                event.registration_deadline,
                event.proposal_deadline,
            )


imports.register(EventImporter)
imports.register_exporter(EventExporter)
