"""The grants inventory as a CSV file: `import_inventory grants FILE` and `export_inventory grants`, through the
one import mechanism (portal/imports.py).

References are matched generously, as in the award results import: a funder by its slug, acronym or name in any
language; a programme by its slug or name, among the funder's; a recipient agency by its acronym or name
(narrowed by its country) and a project among the agency's, both added (marked imported) when the inventory
lacks them. Money is checked by the one rule (portal/currencies.py). Imported grants are published and marked
imported. A grant already in the inventory (same funder, agency, amount, currency and signing date) is updated
from the row, so a file exported here imports again unchanged; the same grant twice in one file is an error.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.validators import DecimalValidator
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from funds.models import MONEY, Funder, FundingProgramme, Grant
from portal import imports
from portal.currencies import DECIMALS, validate_amount, validate_currency
from portal.imports import NEW, Index, normal
from portal.languages import CODES, translated_fields
from portal.models import ReviewState

COLUMNS = (
    "funder",
    "programme",
    "recipient_agency",
    "recipient_country",
    "project",
    "amount",
    "currency",
    "signed_on",
    "duration_months",
    "purpose",
    "source_url",
)
MIN_MONTHS, MAX_MONTHS = 1, 600  # funds.models.Grant.duration_months
# "3 700 000", "3,700,000.50": digit groups separated by spaces or commas, a dot before the decimals.
GROUPED = re.compile(r"[0-9]{1,3}(?:[ ,\u00a0\u202f'_][0-9]{3})+(?:\.[0-9]+)?")
PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# The order a grant's purpose is read in for the file: English first, as the other names of the file.
PURPOSE_ORDER = ("en", "tr", *(code for code in CODES if code not in ("en", "tr")))


def purpose_text(values) -> str:
    """The purpose the file carries: the first translation given, English first (a grant or a `.values()` row)."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return next((text for code in PURPOSE_ORDER if (text := get(f"purpose_{code}"))), "")


def _currency(text: str) -> str:
    code = text.upper()
    validate_currency(code)
    return code


def _amount(text: str, currency: str | None) -> Decimal:
    """A positive amount with a dot before its decimals (digit groups may be separated by spaces or commas), in
    the smallest unit of its currency at most."""
    cleaned = text.strip()
    if GROUPED.fullmatch(cleaned):
        cleaned = re.sub(r"[ ,\u00a0\u202f'_]", "", cleaned)
    if not PLAIN.fullmatch(cleaned):
        raise ValueError(
            _("“%(value)s” is not an amount: write digits with a dot before the decimals, e.g. 3700000 or 1250.50.")
            % {"value": text}
        )
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": text}) from None
    validate_amount(amount, currency or "")
    # What the money columns hold ("10.500" is 10.5: trailing zeros are not decimals).
    DecimalValidator(MONEY["max_digits"], MONEY["decimal_places"])(amount.normalize())
    return amount.quantize(Decimal(1).scaleb(-MONEY["decimal_places"]))


def _months(text: str) -> int:
    value = imports.integer(text)
    if not MIN_MONTHS <= value <= MAX_MONTHS:
        raise ValueError(
            _("“%(value)s” is not a duration between %(min)s and %(max)s months.")
            % {"value": text, "min": MIN_MONTHS, "max": MAX_MONTHS}
        )
    return value


def _source(text: str) -> str:
    imports.web_address(text)
    if len(text) > Grant._meta.get_field("source_url").max_length:
        raise ValueError(_("This web address is too long."))
    return text


class GrantImporter(imports.Importer):
    kind = "grants"
    columns = COLUMNS

    def __init__(self, **options):
        super().__init__(**options)
        name_fields = translated_fields("name")

        self.funders = Index()
        self.funder_names: dict[int, str] = {}
        for values in Funder.objects.values("id", "slug", "acronym", "name", *name_fields):
            for text in {values["slug"], values["acronym"], *imports.texts(values, "name")}:
                self.funders.add(normal(text), values["id"])
            self.funder_names[values["id"]] = values["acronym"] or values["name_en"] or values["name"]

        # Per funder, and across funders to say whose a programme named under the wrong funder is.
        self.programmes: dict[int, Index] = defaultdict(Index)
        self.all_programmes = Index()
        self.programme_names: dict[int, str] = {}
        self.programme_funders: dict[int, int] = {}
        for values in FundingProgramme.objects.values("id", "funder_id", "slug", "name", *name_fields):
            for text in {values["slug"], *imports.texts(values, "name")}:
                self.programmes[values["funder_id"]].add(normal(text), values["id"])
                self.all_programmes.add(normal(text), values["id"])
            self.programme_names[values["id"]] = values["name_en"] or values["name"]
            self.programme_funders[values["id"]] = values["funder_id"]

        self.directory = imports.AgencyDirectory()

        # (funder, agency, amount, currency, signed on) → (grant id, what the row may change)
        self.grants: dict[tuple, tuple[int, tuple]] = {}
        purposes = translated_fields("purpose")
        for values in Grant.objects.order_by("pk").values(
            "id",
            "funder_id",
            "agency_id",
            "amount",
            "currency",
            "signed_on",
            "programme_id",
            "project_id",
            "duration_months",
            "source_url",
            *purposes,
        ):
            key = (values["funder_id"], values["agency_id"], values["amount"], values["currency"], values["signed_on"])
            details = (
                values["programme_id"],
                values["project_id"],
                values["duration_months"],
                purpose_text(values),
                values["source_url"],
            )
            self.grants.setdefault(key, (values["id"], details))
        self.lines: dict[tuple, int] = {}  # the line each grant of the file came from

    def key(self, row: imports.Row):
        return tuple(normal(row[column]) for column in ("funder", "recipient_agency", "recipient_country")) + tuple(
            row[column].upper() for column in ("amount", "currency", "signed_on")
        )

    def save(self, row: imports.Row) -> str:
        funder = row.value("funder", self._funder)
        programme = None
        if row["programme"] and funder is not None:
            programme = row.value("programme", lambda text: self._programme(funder, text))
        country = row.value("recipient_country", imports.country, required=False)
        agency = row.value("recipient_agency", lambda text: self.directory.agency(text, country))
        if agency == NEW and not row["recipient_country"]:
            row.error(
                "recipient_country",
                _("There is no agency “%(value)s”: give its country to add it.") % {"value": row["recipient_agency"]},
            )
        project = None
        if row["project"] and agency is not None:
            project = NEW if agency == NEW else row.value("project", lambda text: self.directory.project(agency, text))
        currency = row.value("currency", _currency)
        amount = row.value("amount", lambda text: _amount(text, currency))
        signed_on = row.value("signed_on", imports.iso_date, required=False)
        months = row.value("duration_months", _months, required=False)
        purpose = row.value("purpose", imports.text(Grant._meta.get_field("purpose")), required=False, default="")
        source = row.value("source_url", _source, required=False, default="")
        row.check()

        key = (funder, agency, amount, currency, signed_on)
        if agency != NEW and key in self.lines:
            # The same grant under another spelling: the file's own lines are compared once resolved.
            raise imports.RowError("", _("This row repeats line %(line)s.") % {"line": self.lines[key]})

        # Every cell is valid: add what the row names and the inventory lacks.
        if agency == NEW:
            agency = self.directory.create_agency(row["recipient_agency"], country)
        if project == NEW:
            project = self.directory.create_project(agency, row["project"])
        key = (funder, agency, amount, currency, signed_on)
        self.lines[key] = row.line
        details = (programme, project, months, purpose, source)
        existing = self.grants.get(key)
        if existing is None:
            grant = Grant.objects.create(
                funder_id=funder,
                programme_id=programme,
                agency_id=agency,
                project_id=project,
                amount=amount,
                currency=currency,
                signed_on=signed_on,
                duration_months=months,
                purpose_en=purpose,
                source_url=source,
                review_state=ReviewState.PUBLISHED,
                imported=True,
            )
            self.grants[key] = (grant.pk, details)
            return imports.CREATED
        pk, old = existing
        if old == details:
            return imports.UNCHANGED
        changes = {
            "programme_id": programme,
            "project_id": project,
            "duration_months": months,
            "source_url": source,
            "updated_at": timezone.now(),
        }
        if purpose != old[3]:
            changes["purpose_en"] = purpose
        Grant.objects.filter(pk=pk).update(**changes)
        self.grants[key] = (pk, details)
        return imports.UPDATED

    # --- Reading the cells: each returns an id, or raises ValueError naming the problem --------------------

    def _funder(self, text: str) -> int:
        found = self.funders.get(normal(text))
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several funders: %(candidates)s.")
                % {"value": text, "candidates": imports.candidates(self.funder_names[pk] for pk in found)}
            )
        raise ValueError(
            _("“%(value)s” is not a funder; the funders are: %(funders)s.")
            % {"value": text, "funders": imports.candidates(self.funder_names.values())}
        )

    def _programme(self, funder: int, text: str) -> int:
        found = self.programmes[funder].get(normal(text))
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several programmes: %(candidates)s.")
                % {"value": text, "candidates": imports.candidates(self.programme_names[pk] for pk in found)}
            )
        elsewhere = self.all_programmes.get(normal(text))
        if elsewhere:
            owners = imports.candidates({self.funder_names[self.programme_funders[pk]] for pk in elsewhere})
            raise ValueError(
                _("“%(value)s” is a programme of %(owners)s, not of %(funder)s.")
                % {"value": text, "owners": owners, "funder": self.funder_names[funder]}
            )
        known = [self.programme_names[pk] for pk, owner in self.programme_funders.items() if owner == funder]
        if known:
            raise ValueError(
                _("“%(value)s” is not a programme of %(funder)s; its programmes are: %(programmes)s.")
                % {"value": text, "funder": self.funder_names[funder], "programmes": imports.candidates(known)}
            )
        raise ValueError(
            _("“%(value)s” is not a programme of %(funder)s, which has none in the inventory: leave the cell empty.")
            % {"value": text, "funder": self.funder_names[funder]}
        )


class GrantExporter(imports.Exporter):
    """The published inventory in the importer's columns, one row per grant, so an exported file imports again
    unchanged. Amounts are written with their currency's decimals (none for KRW)."""

    kind = "grants"
    columns = COLUMNS

    def queryset(self):
        return (
            Grant.objects.filter(review_state=ReviewState.PUBLISHED)
            .select_related("funder", "programme", "agency", "project")
            .order_by("funder__slug", F("signed_on").desc(nulls_last=True), "agency__slug", "pk")
        )

    def rows(self, queryset):
        for grant in queryset.iterator(chunk_size=2000):
            agency, project = grant.agency, grant.project
            places = DECIMALS.get(grant.currency, MONEY["decimal_places"])
            yield (
                grant.funder.slug,
                grant.programme.slug if grant.programme else "",
                agency.name_en or agency.name,
                agency.country.code,
                self.project_name(project),
                grant.amount.quantize(Decimal(1).scaleb(-min(places, MONEY["decimal_places"]))),
                grant.currency,
                grant.signed_on,
                grant.duration_months,
                purpose_text(grant),
                grant.source_url,
            )

    def project_name(self, project) -> str:
        return (project.title_en or project.title) if project else ""


class PublicGrantExporter(GrantExporter):
    """The same rows for a public download: a project that is not published is not named (as on the pages and in
    the API)."""

    def project_name(self, project) -> str:
        published = project is not None and project.review_state == ReviewState.PUBLISHED
        return super().project_name(project) if published else ""


imports.register(GrantImporter)
imports.register_exporter(GrantExporter)
