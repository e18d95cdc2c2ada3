"""Resolutions as a CSV file: `import_inventory resolutions FILE`, through the one import mechanism
(portal/imports/), all or nothing, every error named by line and column.

A row is a resolution of a meeting already entered: `body` (the body's slug or name in any language),
`meeting_date` (YYYY-MM-DD, the meeting's local date; one meeting of the body that day), `number` (as the minutes
number it), `text`, `responsible` (agencies by slug, acronym or name, separated by “;”; each must exist),
`due_on` (YYYY-MM-DD, local date, optional), `timezone` (an IANA name such as Asia/Tehran; required with a due
date, else the meeting's zone) and `state` (open, in_progress, done, dropped; empty: open). The optional column
`language` says which language the text is in (a portal language code; empty: English). A resolution is known by
its meeting and number: importing the same file twice changes nothing.
"""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coordination.meetings.models import Body, Meeting, Resolution, ResolutionState
from portal import imports
from portal.imports import normal
from portal.languages import CODES, translated_fields

COLUMNS = ("body", "meeting_date", "number", "text", "responsible", "due_on", "timezone", "state")
FIELD_COLUMNS = {
    "tz": "timezone",
    "due_time": "due_on",
    "meeting": "meeting_date",
    **dict.fromkeys(translated_fields("text"), "text"),
}


class ResolutionImporter(imports.Importer):
    kind = "resolutions"
    columns = COLUMNS
    optional_columns = ("language",)

    def __init__(self, **options):
        super().__init__(**options)
        self.zones = zoneinfo.available_timezones()
        self.bodies = imports.Index()
        for values in Body.objects.values("id", "slug", "acronym", *translated_fields("name")):
            for name in {values["slug"], values["acronym"], *imports.texts(values, "name")} - {""}:
                self.bodies.add(normal(name), values["id"])
        self.directory = imports.AgencyDirectory()

    def key(self, row: imports.Row):
        return (normal(row["body"]), row["meeting_date"], row["number"]) if row["number"] else None

    def _body(self, value: str) -> int:
        found = self.bodies.get(normal(value))
        if len(found) != 1:
            raise ValueError(
                _("“%(value)s” is not a known body; give its slug or its name.") % {"value": value}
                if not found
                else _("“%(value)s” may be several bodies; give its slug.") % {"value": value}
            )
        return next(iter(found))

    def _agencies(self, value: str) -> list[int]:
        found = []
        for name in (part.strip() for part in value.split(";")):
            if not name:
                continue
            pk = self.directory.agency(name, None)
            if pk is imports.NEW:
                raise ValueError(_("“%(value)s” is not a known agency.") % {"value": name})
            found.append(pk)
        return found

    def _zone(self, value: str) -> str:
        if value not in self.zones:
            raise ValueError(
                _("“%(value)s” is not a known time zone: give its IANA name, e.g. Asia/Tehran.") % {"value": value}
            )
        return value

    @staticmethod
    def _state(value: str) -> str:
        if value not in ResolutionState.values:
            raise ValueError(
                _("“%(value)s” is not a state; the states are: %(states)s.")
                % {"value": value, "states": ", ".join(ResolutionState.values)}
            )
        return value

    @staticmethod
    def _language(value: str) -> str:
        if value not in CODES:
            raise ValueError(
                _("“%(value)s” is not a language of the portal: %(codes)s.")
                % {"value": value, "codes": ", ".join(CODES)}
            )
        return value

    def save(self, row: imports.Row) -> str:
        body = row.value("body", self._body)
        day = row.value("meeting_date", imports.iso_date)
        number = row.value("number")
        text = row.value("text")
        responsible = row.value("responsible", self._agencies, required=False, default=[])
        due_on = row.value("due_on", imports.iso_date, required=False)
        zone = row.value("timezone", self._zone, required=due_on is not None)
        state = row.value("state", self._state, required=False, default=ResolutionState.OPEN)
        language = row.value("language", self._language, required=False, default="en")
        row.check()

        meetings = list(Meeting.objects.filter(body_id=body, held_on=day).values_list("pk", "tz")[:2])
        if len(meetings) != 1:
            raise imports.RowError(
                "meeting_date",
                _("The body has no meeting that day: enter the meeting first.")
                if not meetings
                else _("The body has several meetings that day: enter this one in the back-office."),
            )
        meeting_id, meeting_tz = meetings[0]
        resolution = Resolution.objects.filter(meeting_id=meeting_id, number=number).first()
        created = resolution is None
        if created:
            resolution = Resolution(meeting_id=meeting_id, number=number)
        values = {f"text_{language}": text, "due_on": due_on, "tz": zone or meeting_tz, "state": state}
        unchanged = (
            not created
            and all(getattr(resolution, field) == value for field, value in values.items())
            and set(resolution.responsible.values_list("pk", flat=True)) == set(responsible)
        )
        if unchanged:
            return imports.UNCHANGED
        for field, value in values.items():
            setattr(resolution, field, value)
        if not resolution.text:
            resolution.text = text  # the default language's column, which the model requires
        try:
            resolution.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    row.error(FIELD_COLUMNS.get(field, field if field in COLUMNS else ""), message)
            row.check()
        resolution.save()
        resolution.responsible.set(responsible)  # and the deadline follows (coordination/meetings/deadlines.py)
        return imports.CREATED if created else imports.UPDATED


# The order a text is looked for when exported: English first, as the other inventory files' texts are.
TEXT_ORDER = ("en", "tr", *(code for code in CODES if code not in ("en", "tr")))


class ResolutionExporter(imports.Exporter):
    """Every resolution in the importer's columns (with the language of its text), the oldest meeting first, so an
    exported file imports again unchanged."""

    kind = "resolutions"
    columns = (*COLUMNS, "language")

    def queryset(self):
        return (
            Resolution.objects.select_related("meeting__body")
            .prefetch_related("responsible")
            .order_by("meeting__held_on", "meeting_id", "pk")
        )

    def rows(self, queryset):
        for resolution in queryset.iterator(chunk_size=2000):
            language = next((code for code in TEXT_ORDER if getattr(resolution, f"text_{code}")), "en")
            yield (
                resolution.meeting.body.slug,
                resolution.meeting.held_on,
                resolution.number,
                getattr(resolution, f"text_{language}") or "",
                "; ".join(sorted(agency.slug for agency in resolution.responsible.all())),
                resolution.due_on,
                resolution.tz,
                resolution.state,
                language,
            )


imports.register(ResolutionImporter)
imports.register_exporter(ResolutionExporter)
