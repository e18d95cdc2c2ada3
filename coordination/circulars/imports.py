"""Distribution lists as a CSV file: `import_inventory distribution-lists FILE` (all rows or none, `--dry-run`) and
`export_inventory distribution-lists`, through the one import mechanism (portal/imports/).

A row puts one agency on one list: `list` the list's slug, `name_tr` and `name_en` its name (needed for a new list;
on a known list a name given replaces the one it has, left empty it is kept; the rows of one list name it alike),
`agency` the agency by its slug, acronym or name in any language. An agency the portal does not know is an error
(agencies are added by the working group first). Importing adds agencies to lists and never removes one: an agency
leaves a list in the back-office. A row is counted created when its agency joins the list, updated when it only
renames the list. A circular already sent keeps its own addressees whatever happens to its list."""

from __future__ import annotations

from django.core.validators import validate_slug
from django.utils.translation import gettext as _

from coordination.circulars.models import DistributionList
from portal import imports
from portal.imports import NEW, normal

COLUMNS = ("list", "name_tr", "name_en", "agency")
NAME_FIELD = DistributionList._meta.get_field("name")
SLUG_LENGTH = DistributionList._meta.get_field("slug").max_length


def _slug(value: str) -> str:
    validate_slug(value)
    if len(value) > SLUG_LENGTH:
        raise ValueError(_("A list's slug has at most %(n)s characters.") % {"n": SLUG_LENGTH})
    return value


class DistributionListImporter(imports.Importer):
    kind = "distribution-lists"
    columns = COLUMNS

    def __init__(self, **options):
        super().__init__(**options)
        self.directory = imports.AgencyDirectory()
        self.lists: dict[str, dict] = {
            values["slug"]: values for values in DistributionList.objects.values("id", "slug", "name_tr", "name_en")
        }
        self.members: set[tuple[int, int]] = set(
            DistributionList.agencies.through.objects.values_list("distributionlist_id", "agency_id")
        )
        self.names: dict[str, tuple[str, str, int]] = {}  # the name each list of the file was given, and where
        self.lines: dict[tuple[int, int], int] = {}  # the line each (list, agency) of the file came from

    def key(self, row: imports.Row):
        return (row["list"], normal(row["agency"])) if row["list"] and row["agency"] else None

    def save(self, row: imports.Row) -> str:
        slug = row.value("list", _slug)
        name_tr = row.value("name_tr", imports.text(NAME_FIELD), required=False, default="")
        name_en = row.value("name_en", imports.text(NAME_FIELD), required=False, default="")
        agency_id = row.value("agency", lambda value: self.directory.agency(value, None))
        if agency_id == NEW:
            row.error(
                "agency", _("“%(value)s” is not an agency of the portal: add it first.") % {"value": row["agency"]}
            )
        row.check()

        known = self.lists.get(slug)
        given = (name_tr, name_en)
        if any(given):
            if slug in self.names and self.names[slug][:2] != given:
                raise imports.RowError(
                    "name_tr" if self.names[slug][0] != name_tr else "name_en",
                    _("The list is named otherwise on line %(line)s.") % {"line": self.names[slug][2]},
                )
            self.names.setdefault(slug, (*given, row.line))
        elif known is None and slug not in self.names:
            raise imports.RowError("name_tr", _("A new list needs its name (in Turkish or in English)."))

        outcome = imports.UNCHANGED  # a row is an agency on a list: "created" when the agency joins the list
        if known is None:
            name_tr, name_en = self.names[slug][:2]
            created = DistributionList.objects.create(slug=slug, name_tr=name_tr or name_en, name_en=name_en or name_tr)
            known = self.lists[slug] = {"id": created.pk, "name_tr": created.name_tr, "name_en": created.name_en}
        elif any(given):
            names = (name_tr or known["name_tr"], name_en or known["name_en"])
            if names != (known["name_tr"], known["name_en"]):
                known["name_tr"], known["name_en"] = names
                DistributionList.objects.filter(pk=known["id"]).update(name_tr=names[0], name_en=names[1])
                outcome = imports.UPDATED

        member = (known["id"], agency_id)
        if member in self.lines:
            # The same agency under another of its names.
            raise imports.RowError("agency", _("This row repeats line %(line)s.") % {"line": self.lines[member]})
        self.lines[member] = row.line
        if member not in self.members:
            DistributionList.agencies.through.objects.create(distributionlist_id=known["id"], agency_id=agency_id)
            self.members.add(member)
            outcome = imports.CREATED
        return outcome


class DistributionListExporter(imports.Exporter):
    """One row per agency of each list, in the importer's columns, so an exported file imports again unchanged."""

    kind = "distribution-lists"
    columns = COLUMNS

    def queryset(self):
        return DistributionList.agencies.through.objects.select_related("distributionlist", "agency").order_by(
            "distributionlist__slug", "agency__slug"
        )

    def rows(self, queryset):
        for member in queryset.iterator(chunk_size=2000):
            yield (
                member.distributionlist.slug,
                member.distributionlist.name_tr,
                member.distributionlist.name_en,
                member.agency.slug,
            )


imports.register(DistributionListImporter)
imports.register_exporter(DistributionListExporter)
