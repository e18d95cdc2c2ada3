"""The rows of an inventory file as `run_import` reads them, whatever the file people have: CSV in UTF-8 (with or
without a byte-order mark), UTF-16 with a byte-order mark (Excel's "Unicode text") or a legacy code page of the
portal's languages (Windows-1254, -1251, -1256, detected on a bounded sample), separated by commas, semicolons or
tabs (sniffed from the header line), or an `.xlsx` workbook (its first sheet, read-only and streamed).

Every path gives `(line, cells)`: the physical line of the file where the row starts (a quoted cell may span
lines), counting the header as line 1, and the cells as text. A file that cannot be read raises `FileRefused`
naming its line; nothing here raises a decoding exception at the caller.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

# Bytes looked at to recognise the encoding: a 50 MB file is not read twice.
SAMPLE = 64 * 1024
CHUNK = 64 * 1024
DELIMITERS = (",", ";", "\t")
LEGACY = ("cp1254", "cp1251", "cp1256")
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1254": "Windows-1254",
    "cp1251": "Windows-1251",
    "cp1256": "Windows-1256",
}
XLSX_MAGIC = b"PK\x03\x04"


class FileRefused(Exception):
    def __init__(self, line: int, message: str, column: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.column = column


class Source:
    """An opened file: `rows()` gives (line, cells); `described` says how it was read."""

    encoding = ""  # the encoding's human name ("Windows-1254"), "" for text given already decoded
    delimiter = ","
    format = "csv"

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        raise NotImplementedError

    @property
    def described(self) -> str:
        if self.format == "xlsx":
            return _("read as an Excel workbook (its first sheet)")
        names = {",": _("commas"), ";": _("semicolons"), "\t": _("tabs")}
        if self.encoding:
            return _("read as %(encoding)s, separated by %(delimiter)s") % {
                "encoding": self.encoding,
                "delimiter": names[self.delimiter],
            }
        return _("separated by %(delimiter)s") % {"delimiter": names[self.delimiter]}


def open_source(stream, *, known: Iterable[str] = ()) -> Source:
    """`stream` (binary or text, opened by the caller) as a Source; `known` are the column names of the kind,
    which decide between delimiters when the header could be read more than one way."""
    start = stream.read(0) if hasattr(stream, "read") else ""
    if isinstance(start, str):
        return CsvSource(_TextLines(stream), known)
    head = stream.read(SAMPLE)
    if head.startswith(XLSX_MAGIC):
        return XlsxSource(_Joined(head, stream))
    encoding = detect_encoding(head)
    return CsvSource(_DecodedLines(_Joined(head, stream), encoding), known)


def detect_encoding(sample: bytes) -> str:
    """The codec of a file from its first bytes: a byte-order mark; else UTF-8 when the sample is UTF-8 (or mostly:
    a stray bad byte in a UTF-8 file is reported by its line, not guessed away); else the legacy code page that
    charset-normalizer finds likeliest among those of the portal's languages; else UTF-8 (bad bytes reported)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if sample.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    multibyte = sum(1 for char in decoded if ord(char) > 0x7F and char != "\ufffd")
    if multibyte > bad:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(LEGACY)).best()
    if best is None:
        # A byte no code page here has (0x81 in Windows-1254) rules that page out: decide on the others, and the
        # byte is then refused by its line.
        best = from_bytes(sample.translate(None, _UNDEFINED), cp_isolation=list(LEGACY)).best()
    if best is not None and best.encoding in LEGACY:
        return best.encoding
    return "utf-8"


def _undefined(encoding: str) -> bytes:
    return bytes(byte for byte in range(0x80, 0x100) if _fails(bytes([byte]), encoding))


def _fails(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return True
    return False


_UNDEFINED = b"".join(_undefined(encoding) for encoding in LEGACY)


class _Joined:
    """The sample already read, then the rest of the stream: a binary stream read once."""

    def __init__(self, head: bytes, stream):
        self.head = head
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        if self.head:
            data, self.head = (
                (self.head, b"") if size < 0 or size >= len(self.head) else (self.head[:size], self.head[size:])
            )
            return data
        return self.stream.read(size)


class _TextLines:
    """A text stream's physical lines (the caller decoded it)."""

    def __init__(self, stream):
        self.stream = stream

    def __iter__(self) -> Iterator[str]:
        while True:
            text = self.stream.readline()
            if not text:
                return
            yield text


class _DecodedLines:
    """A binary stream decoded chunk by chunk and cut into physical lines (at "\\n", as the CSV reader counts them);
    a byte that does not decode is refused naming its line and its place in the line."""

    def __init__(self, binary, encoding: str):
        self.binary = binary
        self.encoding = encoding
        self.name = ENCODING_NAMES[encoding]

    def __iter__(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        line = 1
        pending = ""
        first = True
        ascii_so_far = True
        while True:
            chunk = self.binary.read(CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                decoder = self._code_page(exc, ascii_so_far)
                if decoder is None:
                    raise self._refused(exc, line, pending) from None
                try:
                    text = decoder.decode(exc.object, final=not chunk)
                except UnicodeDecodeError as again:
                    raise self._refused(again, line, pending) from None
            ascii_so_far = ascii_so_far and text.isascii()
            if first:
                text = text.removeprefix("\ufeff")
                first = False
            pieces = (pending + text).split("\n")
            pending = pieces.pop()
            for piece in pieces:
                yield piece + "\n"
                line += 1
            if not chunk:
                break
        if pending:
            yield pending

    def _code_page(self, exc: UnicodeDecodeError, ascii_so_far: bool):
        """When a file taken for UTF-8 because its sample was plain ASCII turns out not to be, the code page its
        first other bytes are in (what came before reads the same in it), as a decoder; None if it is UTF-8."""
        if self.encoding != "utf-8" or not ascii_so_far or not exc.object[: exc.start].isascii():
            return None
        encoding = detect_encoding(exc.object[exc.start : exc.start + SAMPLE])
        if encoding not in LEGACY:
            return None
        self.encoding, self.name = encoding, ENCODING_NAMES[encoding]
        return codecs.getincrementaldecoder(encoding)("strict")

    def _refused(self, exc: UnicodeDecodeError, line: int, pending: str) -> FileRefused:
        before = (pending + exc.object[: exc.start].decode(self.encoding, errors="replace")).removeprefix("\ufeff")
        line += before.count("\n")
        position = len(before) - before.rfind("\n")  # 1-based: the character the bad byte would have been
        byte = exc.object[exc.start : exc.start + 1].hex().upper()
        return FileRefused(
            line,
            _("The byte 0x%(byte)s (character %(position)s of the line) cannot be read as %(encoding)s.")
            % {"byte": byte, "position": position, "encoding": self.name},
        )


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


class CsvSource(Source):
    def __init__(self, lines: _TextLines | _DecodedLines, known: Iterable[str]):
        self.decoded = lines
        self.lines = iter(lines)
        self.header_line = next(self.lines, "")
        known = set(known)

        def score(delimiter: str):
            cells = next(csv.reader([self.header_line], delimiter=delimiter), [])
            return (sum(cell.strip().lower() in known for cell in cells), len(cells), delimiter == ",")

        self.delimiter = max(DELIMITERS, key=score)

    @property
    def encoding(self) -> str:
        return getattr(self.decoded, "name", "")

    def likelier_delimiter(self) -> str | None:
        """Another delimiter that the header line has more of than the one used, if any (a hint when the header
        does not match)."""
        counts = {delimiter: _count_outside_quotes(self.header_line, delimiter) for delimiter in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d])
        return best if best != self.delimiter and counts[best] > counts[self.delimiter] else None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        if not self.header_line:
            return
        lines = _chain_first(self.header_line, self.lines)
        reader = csv.reader(lines, delimiter=self.delimiter)
        start = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise FileRefused(start, _("The line cannot be read as CSV (%(reason)s).") % {"reason": exc}) from None
            yield start, cells
            start = reader.line_num + 1


def _chain_first(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


class XlsxSource(Source):
    """The first sheet of a workbook, read-only and streamed; the sheet's row numbers are the lines."""

    format = "xlsx"

    def __init__(self, binary):
        # openpyxl needs to seek: a file kept on disk (in memory while small), copied from the stream once.
        self.file = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (closed by rows())
        shutil.copyfileobj(binary, self.file)
        self.file.seek(0)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(self.file, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds on a damaged file; the person needs one sentence
            self.file.close()
            raise FileRefused(1, _("The file cannot be read as an Excel workbook (.xlsx).")) from None
        try:
            sheet = workbook.worksheets[0]
            width = None
            for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [cell_text(value) for value in values]
                while cells and not cells[-1]:
                    cells.pop()  # a sheet's rows end where their last filled cell is
                if width is None:
                    width = len(cells)
                elif len(cells) < width:
                    cells += [""] * (width - len(cells))
                yield line, cells
        finally:
            workbook.close()
            self.file.close()


def cell_text(value) -> str:
    """A workbook cell as the CSV export writes it: dates as YYYY-MM-DD, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def as_binary(data: bytes | str) -> io.BytesIO:
    return io.BytesIO(data.encode("utf-8") if isinstance(data, str) else data)
