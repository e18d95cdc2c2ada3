"""Reading an inventory file: the importers' registry, `run_import` (streamed CSV, all or nothing, errors by line
and column) and the readers of single cells."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.imports.exporting import unquote_cell
from portal.text import strip_bidi_controls

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
    from portal.search import indexing

    # The rows are indexed for search together at the end (nothing at all on a dry run, which is rolled back).
    indexed = indexing.paused() if dry_run else indexing.deferred()
    with transaction.atomic(), indexed:
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


def _clean(cell: str) -> str:
    """A cell as the importers read it: without surrounding spaces nor direction controls (`portal.text`), and
    without the quote an export put before a formula-looking text (`exporting.csv_cell`)."""
    return unquote_cell(strip_bidi_controls(cell).strip()).strip()


def _validation_messages(exc: ValidationError) -> Iterable[tuple[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        return [(field if field != "__all__" else "", messages) for field, messages in exc.message_dict.items()]
    return [("", exc.messages)]


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


def text(field) -> Callable[[str], str]:
    """A reader of a free-text cell for the model field `field`: the text, if it is not longer than the field
    allows (the same limit as the forms' and the API's)."""

    def read(value: str) -> str:
        if field.max_length is not None and len(value) > field.max_length:
            from django.core.validators import MaxLengthValidator

            MaxLengthValidator(field.max_length)(value)  # raises ValidationError with Django's translated message
        return value

    return read
