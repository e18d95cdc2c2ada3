"""Reading an inventory file: the importers' registry, `run_import` (streamed CSV, all or nothing, errors by line
and column) and the readers of single cells."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, BinaryIO, ClassVar, TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.imports import sources
from portal.imports.exporting import unquote_cell
from portal.text import find_control, strip_bidi_controls

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# Errors shown at most; the rest are counted. A file with thousands of bad rows usually has one cause.
MAX_ERRORS = 200
# Longest accepted cell: a CSV reader must not hold an unbounded field in memory.
MAX_FIELD = 64 * 1024


@dataclasses.dataclass(frozen=True)
class ImportError_:
    line: int  # the line of the file, counting the header as line 1 (the first of `lines`)
    column: str  # the column's name, or "" for the whole row/file
    message: str
    lines: tuple[int, ...] = ()  # when grouped: every line with this same column and message

    def __str__(self) -> str:
        lines = self.lines or (self.line,)
        if len(lines) > 1:
            place = _("lines %(lines)s") % {"lines": line_ranges(lines)}
        else:
            place = _("line %(line)s") % {"line": self.line}
        if self.column:
            return _("%(place)s, column “%(column)s”: %(message)s") % {
                "place": place,
                "column": self.column,
                "message": self.message,
            }
        return _("%(place)s: %(message)s") % {"place": place, "message": self.message}


def line_ranges(lines: Iterable[int]) -> str:
    """2, 3, 4, 5, 9 → "2–5, 9"."""
    ranges: list[list[int]] = []
    for line in sorted(set(lines)):
        if ranges and line == ranges[-1][1] + 1:
            ranges[-1][1] = line
        else:
            ranges.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)


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
    read_as: str = ""  # how the file was read: "read as Windows-1254, separated by semicolons"
    # (column, message) → the lines where it occurs, for the grouped list (at most MAX_ERRORS distinct ones).
    _lines: dict[tuple[str, str], list[int]] = dataclasses.field(default_factory=dict, repr=False)
    more_groups: int = 0

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
        key = (error.column, error.message)
        if key in self._lines:
            self._lines[key].append(error.line)
        elif len(self._lines) < MAX_ERRORS:
            self._lines[key] = [error.line]
        else:
            self.more_groups += 1

    def grouped_errors(self) -> list[ImportError_]:
        """The errors with those that repeat (same column, same message) made one, naming their lines
        ("lines 2–22, 30"): the distinct ones first, by line, then the repeated ones, by their first line."""
        grouped = [
            ImportError_(lines[0], column, message, lines=tuple(lines))
            for (column, message), lines in self._lines.items()
        ]
        return sorted(grouped, key=lambda error: (len(error.lines) > 1, error.line))


def text_stream(binary):
    """An uploaded or opened binary file, as `run_import` reads it (the encoding is found there)."""
    return binary


def _header(cells, importer: Importer, report: ImportReport, source) -> list[str] | None:
    if cells is None:
        report.add_error(ImportError_(1, "", _("The file is empty: it needs a header line.")))
        return None
    names = [name.strip().lower() for name in cells]
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
    hint = getattr(source, "likelier_delimiter", lambda: None)()
    if report.errors and hint:
        shown = {"\t": _("tabs")}.get(hint, f"“{hint}”")
        report.add_error(
            ImportError_(
                1,
                "",
                _("The header does not match; the file seems separated by %(delimiter)s.") % {"delimiter": shown},
            )
        )
    return None if report.errors else names


def run_import(
    kind: str,
    stream: TextIO | BinaryIO,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    on_row: Callable[[Row, str], None] | None = None,
    **options,
) -> ImportReport:
    """Import `stream` as `kind`: everything or nothing. A binary stream is CSV in any encoding the portal reads or
    an .xlsx workbook (`sources`); a text stream is CSV. `progress(rows)` is called now and then; `on_row(row,
    outcome)` after each row saved (CREATED, UPDATED or UNCHANGED), e.g. for a preview."""
    importer = REGISTRY[kind](**options)
    report = ImportReport(kind=kind, dry_run=dry_run)
    csv.field_size_limit(MAX_FIELD)
    from portal.search import indexing

    # The rows are indexed for search together at the end (nothing at all on a dry run, which is rolled back).
    indexed = indexing.paused() if dry_run else indexing.deferred()
    with transaction.atomic(), indexed:
        source = None
        try:
            source = sources.open_source(stream, known=(*importer.columns, *importer.optional_columns))
            _import_rows(importer, source, report, progress, on_row)
        except sources.FileRefused as exc:
            report.add_error(ImportError_(exc.line, exc.column, exc.message))
        if source is not None:
            report.read_as = source.described  # after the rows: a code page may show itself beyond the sample
        if not report.written:
            transaction.set_rollback(True)
    return report


def _import_rows(importer: Importer, source, report: ImportReport, progress, on_row) -> None:
    rows = source.rows()
    line, header = next(rows, (1, None))
    if header is not None and _refuse_controls(line, header, [""] * len(header), report):
        return
    names = _header(header, importer, report, source)
    if names is None:
        return
    keys: dict = {}
    for line, cells in rows:
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
        if _refuse_controls(line, cells, names, report):
            continue
        row = Row({name: _clean(cell) for name, cell in zip(names, cells, strict=True) if name}, line)
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


def _refuse_controls(line: int, cells: list[str], names: list[str], report: ImportReport) -> bool:
    """Record every cell that holds a control character (NUL, escape… see `portal.text.find_control`)."""
    refused = False
    for name, cell in zip(names, cells, strict=True):
        found = find_control(cell)
        if found:
            report.add_error(
                ImportError_(line, name, _("contains the control character %(character)s") % {"character": found})
            )
            refused = True
    return refused


def _clean(cell: str) -> str:
    """A cell as the importers read it: without surrounding spaces nor direction controls (`portal.text`), and
    without the quote an export put before a formula-looking text (`exporting.csv_cell`)."""
    return unquote_cell(strip_bidi_controls(cell).strip()).strip()


def _validation_messages(exc: ValidationError) -> Iterable[tuple[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        return [(field if field != "__all__" else "", messages) for field, messages in exc.message_dict.items()]
    return [("", exc.messages)]


def open_text(path: str) -> BinaryIO:
    """An inventory file (CSV in any encoding `sources` reads, or .xlsx) from disk; the caller closes it."""
    return open(path, "rb")


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


def text(field) -> Callable[[str], str]:
    """A reader of a free-text cell for the model field `field`: the text, if it is not longer than the field
    allows (the same limit as the forms' and the API's)."""

    def read(value: str) -> str:
        if field.max_length is not None and len(value) > field.max_length:
            from django.core.validators import MaxLengthValidator

            MaxLengthValidator(field.max_length)(value)  # raises ValidationError with Django's translated message
        return value

    return read
