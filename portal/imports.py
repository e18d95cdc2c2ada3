"""The one import and export mechanism of the inventories (award results, grants, events…).

An app describes a kind of file with an `Importer` (its columns, how a row is read and saved) and registers
it; `run_import` then reads the CSV file row by row (memory stays flat whatever its length), all or
nothing: every row is checked, every error is named by line and column, and nothing is written unless the
whole file is valid (and not even then with `dry_run`). Rows are saved as they come, inside the one
transaction, so a later row can refer to what an earlier row created.

    class AwardResultImporter(Importer):
        kind = "award-results"
        columns = ("programme", "edition_year", ...)

        def save(self, row: Row) -> str:
            programme = row.required("programme", find_programme)
            ...
            return CREATED

    register(AwardResultImporter)
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import decimal
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, ClassVar, TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from portal.languages import CODES, translated_fields

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# Errors shown at most; the rest are counted. A file with thousands of bad rows usually has one cause.
MAX_ERRORS = 200
# Longest accepted cell: a CSV reader must not hold an unbounded field in memory.
MAX_FIELD = 64 * 1024


@dataclasses.dataclass(frozen=True)
class ImportError_:
    line: int  # the line of the file, counting the header as line 1
    column: str  # the column's name, or "" for the whole row/file
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("line %(line)s, column “%(column)s”: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class RowError(Exception):
    """Raised while reading a row: one or more (column, message) problems."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.problems = [(column, str(message))]


class Row:
    """One data row: its values by column (stripped), its line number, and helpers that turn a cell into a
    value or record the problem under the cell's column. Problems are collected; `save` may go on reading
    other cells, and the row is refused with all of them."""

    def __init__(self, values: dict[str, str], line: int):
        self.values = values
        self.line = line
        self.problems: list[tuple[str, str]] = []

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    def error(self, column: str, message) -> None:
        self.problems.append((column, str(message)))

    def value(self, column: str, convert: Callable[[str], Any] = str, *, required: bool = True, default=None):
        """The cell converted by `convert` (which raises ValueError/ValidationError/RowError with a message),
        `default` for an empty optional cell; on a problem, records it and returns `default`."""
        text = self[column]
        if not text:
            if required:
                self.error(column, _("This value is required."))
            return default
        try:
            return convert(text)
        except RowError as exc:
            for _column, message in exc.problems:
                self.error(column, message)
        except ValidationError as exc:
            for message in exc.messages:
                self.error(column, message)
        except ValueError as exc:
            self.error(column, str(exc) or _("“%(value)s” is not a valid value.") % {"value": text})
        return default

    def check(self) -> None:
        """Stop here if any cell had a problem."""
        if self.problems:
            raise _RowRefused(self.problems)


class _RowRefused(Exception):
    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


class Importer:
    """One kind of inventory file. Subclasses set `kind`, `columns` (all required in the header, in any
    order) and `optional_columns`, and implement `save(row)` returning CREATED, UPDATED or UNCHANGED."""

    kind: ClassVar[str]
    columns: ClassVar[tuple[str, ...]]
    optional_columns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **options):
        self.options = options

    def key(self, row: Row):
        """What makes two rows the same record (a repeated row is an error); None: no check."""
        return None

    def save(self, row: Row) -> str:
        raise NotImplementedError


REGISTRY: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    REGISTRY[importer.kind] = importer
    return importer


@dataclasses.dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: int = 0
    counts: dict[str, int] = dataclasses.field(default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0})
    errors: list[ImportError_] = dataclasses.field(default_factory=list)
    more_errors: int = 0  # errors beyond MAX_ERRORS, counted only

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def add_error(self, error: ImportError_) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1


class Utf8Lines:
    """A binary file read as UTF-8 text a line at a time (a byte-order mark ignored), so that a byte that is
    not UTF-8 is reported on its own line."""

    def __init__(self, binary):
        self.binary = binary
        self.first = True

    def readline(self) -> str:
        data = self.binary.readline()
        if self.first:
            data = data.removeprefix(codecs.BOM_UTF8)
            self.first = False
        return data.decode("utf-8")

    def close(self) -> None:
        self.binary.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def text_stream(binary) -> Utf8Lines:
    """An uploaded or opened binary file, as the text `run_import` reads."""
    return Utf8Lines(binary)


def _lines(stream: TextIO) -> Iterator[str]:
    """The stream's lines, with a clear error for bytes that are not UTF-8."""
    line = 0
    while True:
        try:
            text = stream.readline()
        except UnicodeDecodeError as exc:
            raise _FileRefused(
                line + 1, _("The file is not UTF-8 text (%(reason)s).") % {"reason": exc.reason}
            ) from exc
        if not text:
            return
        line += 1
        yield text


class _FileRefused(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _header(reader, importer: Importer, report: ImportReport) -> list[str] | None:
    try:
        header = next(reader)
    except StopIteration:
        report.add_error(ImportError_(1, "", _("The file is empty: it needs a header line.")))
        return None
    names = [name.strip().lower() for name in header]
    known = set(importer.columns) | set(importer.optional_columns)
    for name in importer.columns:
        if name not in names:
            report.add_error(ImportError_(1, name, _("This column is missing from the header.")))
    for name in names:
        if name and name not in known:
            report.add_error(
                ImportError_(
                    1,
                    name,
                    _("Unknown column; the columns are: %(columns)s.") % {"columns": ", ".join(importer.columns)},
                )
            )
    seen = set()
    for name in names:
        if name in seen:
            report.add_error(ImportError_(1, name, _("This column appears twice.")))
        seen.add(name)
    return None if report.errors else names


def run_import(
    kind: str,
    stream: TextIO,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    on_row: Callable[[Row, str], None] | None = None,
    **options,
) -> ImportReport:
    """Import the CSV text `stream` as `kind`: everything or nothing. `progress(rows)` is called now and then;
    `on_row(row, outcome)` after each row saved (CREATED, UPDATED or UNCHANGED), e.g. for a preview."""
    importer = REGISTRY[kind](**options)
    report = ImportReport(kind=kind, dry_run=dry_run)
    csv.field_size_limit(MAX_FIELD)
    with transaction.atomic():
        try:
            _import_rows(importer, stream, report, progress, on_row)
        except _FileRefused as exc:
            report.add_error(ImportError_(exc.line, "", exc.message))
        if not report.written:
            transaction.set_rollback(True)
    return report


def _import_rows(importer: Importer, stream: TextIO, report: ImportReport, progress, on_row) -> None:
    reader = csv.reader(_lines(stream))
    try:
        names = _header(reader, importer, report)
    except csv.Error as exc:
        raise _FileRefused(1, str(exc)) from exc
    if names is None:
        return
    keys: dict = {}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _FileRefused(
                reader.line_num, _("The line cannot be read as CSV (%(reason)s).") % {"reason": exc}
            ) from exc
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are not rows
        report.rows += 1
        if progress and report.rows % 1000 == 0:
            progress(report.rows)
        if len(cells) != len(names):
            report.add_error(
                ImportError_(
                    line,
                    "",
                    _("This row has %(found)s cells; the header has %(expected)s.")
                    % {"found": len(cells), "expected": len(names)},
                )
            )
            continue
        row = Row({name: cell.strip() for name, cell in zip(names, cells, strict=True) if name}, line)
        key = importer.key(row)
        if key is not None:
            if key in keys:
                report.add_error(ImportError_(line, "", _("This row repeats line %(line)s.") % {"line": keys[key]}))
                continue
            keys[key] = line
        try:
            with transaction.atomic():
                outcome = importer.save(row)
                row.check()
        except (_RowRefused, RowError) as exc:
            for column, message in exc.problems:
                report.add_error(ImportError_(line, column, message))
            continue
        except ValidationError as exc:
            for column, messages in _validation_messages(exc):
                for message in messages:
                    report.add_error(ImportError_(line, column, message))
            continue
        report.counts[outcome] += 1
        if on_row:
            on_row(row, outcome)
    if progress:
        progress(report.rows)


def _validation_messages(exc: ValidationError) -> Iterable[tuple[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        return [(field if field != "__all__" else "", messages) for field, messages in exc.message_dict.items()]
    return [("", exc.messages)]


# --- Export ---------------------------------------------------------------------------------------


class Exporter:
    """One kind of inventory as rows: `columns` and `rows(queryset)` yielding a tuple per record. The same
    columns as the importer's, so an exported file imports again."""

    kind: ClassVar[str]
    columns: ClassVar[tuple[str, ...]]

    def queryset(self):
        raise NotImplementedError

    def rows(self, queryset) -> Iterable[tuple]:
        raise NotImplementedError


EXPORTERS: dict[str, type[Exporter]] = {}


def register_exporter(exporter: type[Exporter]) -> type[Exporter]:
    EXPORTERS[exporter.kind] = exporter
    return exporter


def write_csv(exporter: Exporter, queryset, out: TextIO) -> int:
    """Write the header and one line per record of `queryset`; returns the number of records."""
    writer = csv.writer(out)
    writer.writerow(exporter.columns)
    count = 0
    for values in exporter.rows(queryset):
        writer.writerow(["" if value is None else value for value in values])
        count += 1
    return count


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet would read as the start of a formula in a cell typed by hand.
FORMULA_START = ("=", "+", "-", "@")


def write_xlsx(exporter: Exporter, queryset, out: BinaryIO) -> int:
    """The same header and rows as `write_csv`, as a one-sheet XLSX workbook; returns the number of records."""
    return write_xlsx_rows(exporter.columns, exporter.rows(queryset), out, title=exporter.kind)


def write_xlsx_rows(header: Iterable, rows: Iterable[Iterable], out: BinaryIO, *, title: str = "") -> int:
    """Write `header` and `rows` as a one-sheet workbook, streamed (memory stays flat whatever the number of rows).
    Numbers stay numbers and dates dates; every text is a text cell, never a formula or an error code whatever it
    starts with (a cell value is data, not something a spreadsheet runs)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\\/*?:\[\]]", "-", title)[:31] or None)
    sheet.append([_xlsx_cell(sheet, name) for name in header])
    count = 0
    for values in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in values])
        count += 1
    workbook.save(out)
    return count


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value == "":
        return None
    if isinstance(value, bool | int | float | decimal.Decimal | dt.date | dt.time) and not isinstance(
        value, dt.datetime
    ):
        return value
    if isinstance(value, dt.datetime):
        # A spreadsheet has no zones: an instant is written as the wall-clock time of the active zone.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    # Control characters cannot be stored in a workbook at all.
    text = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value))
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"  # openpyxl would make "=…" a formula and "#N/A" an error: always text
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True  # and it stays text when someone edits the cell in a spreadsheet
    return cell


def open_text(path: str) -> TextIO:
    """A CSV file from disk as text (UTF-8, byte-order mark ignored); the caller closes it."""
    return open(path, encoding="utf-8-sig", newline="")


# --- Cell readers: each raises ValueError with a message for the person who wrote the file ----------------


def integer(text: str) -> int:
    try:
        return int(text.replace(" ", ""))
    except ValueError:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text}) from None


def year(text: str) -> int:
    value = integer(text)
    if not 1900 <= value <= 2100:
        raise ValueError(_("“%(value)s” is not a year between 1900 and 2100.") % {"value": text})
    return value


def iso_date(text: str):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a date written as YYYY-MM-DD.") % {"value": text}) from None


def web_address(text: str) -> str:
    from django.core.validators import URLValidator

    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        raise ValueError(_("“%(value)s” is not a web address (http:// or https://).") % {"value": text}) from None
    return text


# --- Matching what a row names, generously ----------------------------------------------------------------
# Inventories are typed by people from funders' and organisers' pages: a reference is matched by any of its
# names in any language, ignoring case, accents, punctuation and spacing. Only what is truly ambiguous is
# refused, naming the candidates.

NEW = "new"  # a reference the inventory lacks, added once the row is valid


def normal(text: str) -> str:
    """Lower case, without accents or punctuation, words separated by one space: "AL C7. E-Health" → "al c7 e
    health". The Turkish dotless ı is an i, as people type one for the other."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


class Index:
    """Normalised names → the ids they may mean (more than one: ambiguous); failing that, the same without spaces,
    so "W.S.I.S." is "WSIS" and "C 7" is "C7"."""

    def __init__(self):
        self.ids: dict[str, set[int]] = defaultdict(set)
        self.compact: dict[str, set[int]] = defaultdict(set)

    def add(self, key: str, pk: int) -> None:
        if key:
            self.ids[key].add(pk)
            self.compact[key.replace(" ", "")].add(pk)

    def get(self, key: str) -> set[int]:
        return self.ids.get(key) or self.compact.get(key.replace(" ", ""), set())


def texts(values: dict, field: str) -> set[str]:
    """Every non-empty translation of a modeltranslation `field` in a `.values()` row (and the field itself)."""
    return {values[f"{field}_{code}"] for code in CODES if values.get(f"{field}_{code}")} | (
        {values[field]} if values.get(field) else set()
    )


def unique_slug(base: str, used: set[str], max_length: int) -> str:
    """A slug made of `base` that is not in `used` (and is added to it)."""
    base = (slugify(base) or "imported")[: max_length - 6].strip("-") or "imported"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def country(text: str) -> str:
    """A country by its ISO code (TR, TUR) or its English name."""
    code = countries.alpha2(text) if len(text) in (2, 3) else ""
    code = code or countries.by_name(text)
    if not code:
        raise ValueError(
            _("“%(value)s” is not a country: give its ISO code (e.g. TR) or its English name.") % {"value": text}
        )
    return code


def candidates(names: Iterable[str]) -> str:
    return "; ".join(sorted(names))


class AgencyDirectory:
    """Every agency and project by each of their names, built once when an import starts (a row costs the queries
    of what it creates, nothing for what exists). An agency is named by its slug, acronym or name in any language,
    narrowed by its country; a project by its slug or title, among the projects of the agency (its own and those
    it is a partner of). An unknown agency or project is NEW, added by `create_agency` / `create_project` once
    the row is valid, marked imported."""

    def __init__(self):
        from portal.models import Agency, Project

        self.agencies = Index()
        self.agency_countries: dict[int, str] = {}
        self.agency_names: dict[int, str] = {}
        for values in Agency.objects.values("id", "slug", "acronym", "country", "name", *translated_fields("name")):
            for text in {values["slug"], values["acronym"], *texts(values, "name")}:
                self.agencies.add(normal(text), values["id"])
            self.agency_countries[values["id"]] = values["country"]
            self.agency_names[values["id"]] = values["name_en"] or values["name"]
        self.agency_slugs = set(Agency.objects.values_list("slug", flat=True))

        self.projects: dict[int, Index] = defaultdict(Index)
        self.project_names: dict[int, str] = {}
        names = defaultdict(set)
        for values in Project.objects.values("id", "agency_id", "slug", "title", *translated_fields("title")):
            self.project_names[values["id"]] = values["title_en"] or values["title"]
            names[values["id"]] = {normal(text) for text in {values["slug"], *texts(values, "title")}}
            for name in names[values["id"]]:
                self.projects[values["agency_id"]].add(name, values["id"])
        for project_id, agency_id in Project.partner_agencies.through.objects.values_list("project_id", "agency_id"):
            for name in names[project_id]:
                self.projects[agency_id].add(name, project_id)
        del names
        self.project_slugs = set(Project.objects.values_list("slug", flat=True))

    def agency(self, text: str, country: str | None):
        """The agency's id, or NEW when there is none of that name (in that country): it will be added."""
        found = self.agencies.get(normal(text))
        if country:
            # "Ministry of Health" of another country is another agency.
            found = {pk for pk in found if self.agency_countries[pk] == country}
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several agencies: %(candidates)s; give the agency's country to choose.")
                % {
                    "value": text,
                    "candidates": candidates(f"{self.agency_names[pk]} ({self.agency_countries[pk]})" for pk in found),
                }
            )
        return NEW

    def project(self, agency: int, text: str):
        """The project's id among the agency's, or NEW."""
        found = self.projects[agency].get(normal(text))
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several projects of the agency: %(candidates)s.")
                % {"value": text, "candidates": candidates(self.project_names[pk] for pk in found)}
            )
        return NEW

    def create_agency(self, text: str, country: str) -> int:
        from portal.models import Agency

        name = text[: Agency._meta.get_field("name").max_length]
        acronym = text if " " not in text and text.isupper() and len(text) <= 30 else ""
        agency = Agency.objects.create(
            name_en=name,
            acronym=acronym,
            slug=unique_slug(acronym or name, self.agency_slugs, Agency._meta.get_field("slug").max_length),
            kind=Agency.Kind.PUBLIC_AGENCY,
            country=country,
            imported=True,
        )
        self.agencies.add(normal(text), agency.pk)
        self.agency_countries[agency.pk] = country
        self.agency_names[agency.pk] = name
        return agency.pk

    def create_project(self, agency: int, text: str) -> int:
        """A published project of the agency (the inventory names it publicly), marked imported."""
        from portal.models import Project, ReviewState

        title = text[: Project._meta.get_field("title").max_length]
        project = Project.objects.create(
            agency_id=agency,
            title_en=title,
            slug=unique_slug(title, self.project_slugs, Project._meta.get_field("slug").max_length),
            review_state=ReviewState.PUBLISHED,
            published_at=timezone.now(),
            imported=True,
        )
        self.projects[agency].add(normal(text), project.pk)
        self.project_names[project.pk] = title
        return project.pk
