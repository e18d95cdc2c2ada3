"""Agencies' English-website entries as a CSV file: `import_inventory english-websites FILE`, through the one
import mechanism (portal/imports/), all or nothing, every error named by line and column.

A row is one agency's published entry: `agency` (its slug, acronym or name; it must exist), `url` (the English
website's address, http:// or https://; empty: the agency has none) and `state` (none, outdated, current; empty:
none without an address, else current). The working group imports it: it is published as it is (the next check
decides the state again). Importing the same file twice changes nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal import imports
from portal.models import Agency, EnglishWebsiteState

COLUMNS = ("agency", "url", "state")


class EnglishWebsiteImporter(imports.Importer):
    kind = "english-websites"
    columns = COLUMNS

    def __init__(self, **options):
        super().__init__(**options)
        self.directory = imports.AgencyDirectory()

    def key(self, row: imports.Row):
        return imports.normal(row["agency"]) if row["agency"] else None

    def _agency(self, value: str) -> int:
        pk = self.directory.agency(value, None)
        if pk is imports.NEW:
            raise ValueError(_("“%(value)s” is not a known agency.") % {"value": value})
        return pk

    @staticmethod
    def _state(value: str) -> str:
        if value not in EnglishWebsiteState.values:
            raise ValueError(
                _("“%(value)s” is not a state; the states are: %(states)s.")
                % {"value": value, "states": ", ".join(EnglishWebsiteState.values)}
            )
        return value

    def save(self, row: imports.Row) -> str:
        agency_id = row.value("agency", self._agency)
        url = row.value("url", imports.web_address, required=False, default="")
        default_state = EnglishWebsiteState.CURRENT if url else EnglishWebsiteState.NONE
        state = row.value("state", self._state, required=False, default=default_state)
        if not row["url"] and state != EnglishWebsiteState.NONE:
            row.error("state", _("An agency without an English-website address has the state “none”."))
        row.check()
        agency = Agency.objects.get(pk=agency_id)
        if agency.english_website_url == url and agency.english_website_state == state:
            return imports.UNCHANGED
        agency.english_website_url = url
        agency.english_website_state = state
        agency.save(update_fields=["english_website_url", "english_website_state", "updated_at"])
        return imports.UPDATED


class EnglishWebsiteExporter(imports.Exporter):
    """Every agency's entry in the importer's columns, by slug, so an exported file imports again unchanged."""

    kind = "english-websites"
    columns = COLUMNS

    def queryset(self):
        return Agency.objects.order_by("slug")

    def rows(self, queryset):
        for agency in queryset.iterator(chunk_size=2000):
            yield (agency.slug, agency.english_website_url, agency.english_website_state)


imports.register(EnglishWebsiteImporter)
imports.register_exporter(EnglishWebsiteExporter)
