"""Writing an inventory: the exporters' registry and the CSV and XLSX writers (streamed, formulas never run)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import re
from collections.abc import Iterable
from typing import BinaryIO, ClassVar, TextIO

from django.utils import timezone


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


# What a spreadsheet would read as the start of a formula in a cell typed by hand (a tab or a carriage return
# before one is skipped by some of them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A text written with a quote before it in CSV: one that looks like a formula, also after quotes of its own (so
# that `unquote_cell` gives back exactly the text, whatever it was).
_QUOTED = re.compile("'*[" + re.escape("".join(FORMULA_START)) + "]")
_UNQUOTE = re.compile("'+[" + re.escape("".join(FORMULA_START)) + "]")


def looks_like_formula(text: str) -> bool:
    """The one rule of both writers: a text a spreadsheet would run as a formula (“=HYPERLINK(…)”, “+SUM(…)”)."""
    return text.startswith(FORMULA_START)


def csv_cell(value):
    """A value as a CSV cell: a text that a spreadsheet would run gets a quote before it, which spreadsheets show
    as text and the importers remove (`unquote_cell`); numbers and dates stay as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and _QUOTED.match(value):
        return "'" + value
    return value


def unquote_cell(text: str) -> str:
    """The text of a cell `csv_cell` wrote (its quote removed): export then import gives the same text back."""
    return text[1:] if _UNQUOTE.match(text) else text


def write_csv(exporter: Exporter, queryset, out: TextIO) -> int:
    """Write the header and one line per record of `queryset`; returns the number of records."""
    return write_csv_rows(exporter.columns, exporter.rows(queryset), out)


def write_csv_rows(header: Iterable, rows: Iterable[Iterable], out: TextIO) -> int:
    """Write `header` and `rows` as CSV, formula-looking texts quoted (`csv_cell`); returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow([csv_cell(name) for name in header])
    count = 0
    for values in rows:
        writer.writerow([csv_cell(value) for value in values])
        count += 1
    return count


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    if looks_like_formula(text):
        cell.quotePrefix = True  # and it stays text when someone edits the cell in a spreadsheet
    return cell
