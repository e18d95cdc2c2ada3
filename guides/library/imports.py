"""Guides' metadata as a CSV file: `import_inventory guides FILE` (all rows or none, `--dry-run`) and
`export_inventory guides`, through the one import mechanism (portal/imports/).

A row is one guide, found by its `slug` (made when new): `agency` its author agency (slug, acronym or name; one the
portal knows), `kind`, `subtopics` and `audience` as codes separated by semicolons, `title_tr`/`title_en` (at least
one for a new guide), `summary_tr`/`summary_en`, optionally `body_tr`/`body_en` (Markdown, sanitised like every
body), `review_by` (YYYY-MM-DD, local to `review_tz`, by default Europe/Istanbul) and `state` (`draft`, the default
for a new guide, or `published`). Importing is the working group's act: a published guide whose title, summary or
body changed is published as a new version. Files are not imported: they are added on the pages or in the
back-office, where their content is checked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.translation import gettext as _

from guides.library import services
from guides.library.models import Audience, Guide, GuideKind, Subtopic
from portal import imports
from portal.imports import NEW
from portal.models import ReviewState
from portal.models.contacts import validate_time_zone

COLUMNS = ("slug", "agency", "kind", "subtopics", "title_tr", "title_en")
OPTIONAL = ("audience", "summary_tr", "summary_en", "body_tr", "body_en", "review_by", "review_tz", "state")
STATES = {"draft": ReviewState.DRAFT, "published": ReviewState.PUBLISHED}


def _slug(value: str) -> str:
    validate_slug(value)
    if len(value) > Guide._meta.get_field("slug").max_length:
        raise ValueError(_("A guide's slug has at most %(n)s characters.") % {"n": 120})
    if value in services.RESERVED_SLUGS:
        raise ValueError(_("“%(value)s” is the address of another page.") % {"value": value})
    return value


def _codes(choices):
    known = dict(choices)

    def read(value: str) -> list[str]:
        codes = [code.strip() for code in value.replace(",", ";").split(";") if code.strip()]
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise ValueError(
                _("Unknown value: %(values)s. Use: %(known)s.")
                % {"values": ", ".join(unknown), "known": ", ".join(known)}
            )
        return codes

    return read


def _choice(choices):
    known = dict(choices)

    def read(value: str) -> str:
        if value not in known:
            raise ValueError(
                _("Unknown value: %(values)s. Use: %(known)s.") % {"values": value, "known": ", ".join(known)}
            )
        return value

    return read


def _zone(value: str) -> str:
    validate_time_zone(value)
    return value


class GuideImporter(imports.Importer):
    kind = "guides"
    columns = COLUMNS
    optional_columns = OPTIONAL

    def __init__(self, **options):
        super().__init__(**options)
        self.directory = imports.AgencyDirectory()

    def key(self, row: imports.Row):
        return row["slug"] or None

    def save(self, row: imports.Row) -> str:
        slug = row.value("slug", _slug)
        agency_id = row.value("agency", lambda value: self.directory.agency(value, None))
        if agency_id == NEW:
            row.error(
                "agency", _("“%(value)s” is not an agency of the portal: add it first.") % {"value": row["agency"]}
            )
        values = {
            "kind": row.value("kind", _choice(GuideKind.choices)),
            "subtopics": row.value("subtopics", _codes(Subtopic.choices)),
            "audience": row.value("audience", _codes(Audience.choices), required=False, default=[]),
        }
        for name in ("title", "summary", "body"):
            for code in ("tr", "en"):
                column = f"{name}_{code}"
                field = Guide._meta.get_field(column)
                value = row.value(column, imports.text(field), required=False, default="")
                if value or name == "title" or row[column] != "":
                    values[column] = value
        review_by = row.value("review_by", imports.iso_date, required=False)
        review_tz = row.value("review_tz", _zone, required=False, default="Europe/Istanbul")
        state = row.value("state", _choice(STATES), required=False)
        row.check()

        guide = Guide.objects.filter(slug=slug).first()
        new = guide is None
        if new:
            guide = Guide(slug=slug, review_state=ReviewState.DRAFT)
            if not (values["title_tr"] or values["title_en"]):
                raise imports.RowError("title_tr", _("A new guide needs its title (in Turkish or in English)."))
        else:
            for column in ("title_tr", "title_en"):
                if not values[column]:
                    values.pop(column)  # an empty title cell keeps the title it has
        tracked = [*values, "agency_id", "review_by", "review_tz"]
        before = {name: getattr(guide, name) for name in tracked}
        guide.agency_id = agency_id
        for name, value in values.items():
            setattr(guide, name, value)
        guide.review_by = review_by if review_by is not None or new else guide.review_by
        guide.review_tz = review_tz
        publish = state == "published" and not guide.is_published
        try:
            guide.full_clean()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    row.error(name if name in COLUMNS + OPTIONAL else "slug", message)
            row.check()
        changed = new or publish or before != {name: getattr(guide, name) for name in tracked}
        if state == "draft" and guide.is_published:
            raise imports.RowError("state", _("A published guide is not made a draft again by an import."))
        if not changed:
            return imports.UNCHANGED
        guide.save()
        if publish:
            guide.review_state = ReviewState.PUBLISHED
            guide.published_at = timezone.now()
            guide.save(update_fields=["review_state", "published_at", "updated_at"])
            services.make_version(guide)
        elif guide.is_published and services.differs_from_current(guide):
            services.make_version(guide)
        return imports.CREATED if new else imports.UPDATED


class GuideExporter(imports.Exporter):
    """One row per guide in the importer's columns, so an exported file imports again unchanged."""

    kind = "guides"
    columns = COLUMNS + OPTIONAL

    def queryset(self):
        return Guide.objects.select_related("agency").order_by("slug")

    def rows(self, queryset):
        for guide in queryset.iterator(chunk_size=500):
            yield (
                guide.slug,
                guide.agency.slug,
                guide.kind,
                ";".join(guide.subtopics),
                guide.title_tr or "",
                guide.title_en or "",
                ";".join(guide.audience),
                guide.summary_tr or "",
                guide.summary_en or "",
                guide.body_tr or "",
                guide.body_en or "",
                guide.review_by.isoformat() if guide.review_by else "",
                guide.review_tz,
                "published" if guide.is_published else "draft",
            )


imports.register(GuideImporter)
imports.register_exporter(GuideExporter)
