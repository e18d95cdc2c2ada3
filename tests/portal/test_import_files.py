"""The one reader of every import kind, with files as people have them, made here byte for byte: UTF-8 with and
without a byte-order mark, UTF-16 (Excel's "Unicode text"), the Windows code pages of Turkish, Russian and Persian,
semicolons and tabs, an .xlsx workbook; the line of a byte that cannot be read, control characters, grouped errors."""

import codecs
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.core.validators import validate_slug
from django.utils import translation

from portal import imports
from portal.imports import sources
from portal.models import Theme

KIND = "test-file-themes"


class ThemeImporter(imports.Importer):
    kind = KIND
    columns = ("slug", "title_en")
    optional_columns = ("title_tr", "since")

    def save(self, row):
        slug = row.value("slug", lambda text: validate_slug(text) or text)
        title_en = row.value("title_en")
        title_tr = row.value("title_tr", required=False, default="")
        row.value("since", imports.year, required=False)
        row.check()
        Theme.objects.create(slug=slug, title=title_en, title_en=title_en, title_tr=title_tr)
        return imports.CREATED


@pytest.fixture(autouse=True)
def _registered():
    imports.register(ThemeImporter)
    yield
    imports.REGISTRY.pop(KIND)


def themes() -> dict[str, tuple[str, str]]:
    return {t.slug: (t.title_en, t.title_tr) for t in Theme.objects.filter(slug__startswith="t-").order_by("slug")}


def run_bytes(data: bytes, **options):
    return imports.run_import(KIND, io.BytesIO(data), **options)


TURKISH = "Bilgi Teknolojileri ve İletişim Kurumu; Çağrı Merkezi, Şehir Güvenliği"
RUSSIAN = "Министерство цифрового развития, связи и массовых коммуникаций"
PERSIAN = "سازمان فناوري اطلاعات ايران و دولت الكترونيك"  # as Windows-1256 writes it (Arabic yeh and kaf)


def table(delimiter: str, rows) -> str:
    """CSV text as a spreadsheet saves it: cells quoted when they hold the delimiter, lines ending in CRLF."""

    def cell(text):
        return f'"{text}"' if delimiter in text or '"' in text else text

    return "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in rows)


ROWS = [("slug", "title_en", "title_tr"), ("t-tr", "Turkey", TURKISH), ("t-ru", RUSSIAN, ""), ("t-fa", PERSIAN, "")]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "named"),
    [
        ("utf-8", ",", "UTF-8"),
        ("utf-8-sig", ";", "UTF-8"),  # Excel's "CSV UTF-8"
        ("utf-16", "\t", "UTF-16"),  # Excel's "Unicode text": a byte-order mark, tabs
        ("utf-16-be", ";", "UTF-16"),
    ],
)
def test_unicode_files_with_any_delimiter_are_read(encoding, delimiter, named):
    data = table(delimiter, ROWS).encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    report = run_bytes(data)
    assert report.ok, [str(e) for e in report.errors]
    assert report.counts["created"] == 3
    assert themes() == {"t-tr": ("Turkey", TURKISH), "t-ru": (RUSSIAN, ""), "t-fa": (PERSIAN, "")}
    assert named in report.read_as


@pytest.mark.parametrize(
    ("encoding", "named", "rows"),
    [
        ("cp1254", "Windows-1254", [("slug", "title_en", "title_tr"), ("t-tr", "Turkey", TURKISH)]),
        ("cp1251", "Windows-1251", [("slug", "title_en"), ("t-ru", RUSSIAN)]),
        ("cp1256", "Windows-1256", [("slug", "title_en"), ("t-fa", PERSIAN)]),
    ],
)
def test_legacy_code_pages_are_detected_and_named(encoding, named, rows):
    # Excel's plain "CSV" in a Turkish, Russian or Persian Windows: the code page, semicolons.
    report = run_bytes(table(";", rows).encode(encoding))
    assert report.ok, [str(e) for e in report.errors]
    assert named in report.read_as
    slug, title, *rest = rows[1]
    assert themes()[slug] == (title, rest[0] if rest else "")


def test_detection_reads_a_bounded_sample():
    # A Turkish file whose first letter lies beyond the sample: the sample is not read twice, and the code page is
    # found where its first letter is (what came before is plain ASCII, the same in it).
    filler = "".join(f"t-{n},Theme {n}\r\n" for n in range(sources.SAMPLE // 10))
    data = ("slug,title_en\r\n" + filler).encode() + "t-late,Çağrı Merkezi Kapısı\r\n".encode("cp1254")
    report = run_bytes(data, dry_run=True)
    assert report.ok, [str(e) for e in report.errors[:3]]
    assert report.rows == filler.count("\n") + 1
    assert "Windows-1254" in report.read_as
    # Not so for a file that is UTF-8 before: its stray byte is refused on its line.
    data = ("slug,title_en\r\nt-x,Türkçe\r\n" + filler).encode() + b"t-late,Kap\xfds\xfd\r\n"
    report = run_bytes(data)
    assert [(e.line, e.column) for e in report.errors] == [(3 + filler.count("\n"), "")]
    assert "0xFD" in report.errors[0].message and "UTF-8" in report.errors[0].message
    assert themes() == {}


@pytest.mark.parametrize("line", [2, 202])
def test_a_bad_byte_is_refused_on_its_physical_line(line):
    # UTF-8 (Turkish names on every line, a quoted cell over two lines early on) with one byte that is not UTF-8.
    lines = ["slug,title_en,title_tr", 't-0,"Türkçe', 'over two lines",X'] + [f"t-{n},T,Türkçe {n}" for n in range(400)]
    data = [text.encode() for text in lines]  # the file's physical lines
    data[line - 1] = data[line - 1].replace("ü".encode(), b"\xfc")
    report = run_bytes(b"\n".join(data) + b"\n")
    if line == 2:
        assert [(e.line, e.column) for e in report.errors] == [(2, "")]
    else:
        assert [(e.line, e.column) for e in report.errors] == [(202, "")]
    assert "0xFC" in report.errors[0].message
    assert themes() == {}


def test_a_quoted_cell_over_several_lines_is_reported_on_its_first_line():
    data = b'slug,title_en\n"t-one","One,\nspread over\nthree lines"\nbad slug,Two\n'
    report = run_bytes(data)
    assert [(e.line, e.column) for e in report.errors] == [(5, "slug")]


def test_a_byte_that_the_code_page_has_not_is_refused_by_line():
    # 0x81 is no character in Windows-1254.
    data = (
        table(";", [("slug", "title_en", "title_tr"), ("t-tr", "Turkey", TURKISH)]).encode("cp1254") + b"t-x;X\x81;\r\n"
    )
    report = run_bytes(data)
    assert [(e.line, e.column) for e in report.errors] == [(3, "")]
    assert "Windows-1254" in report.errors[0].message
    assert themes() == {}


def test_a_nul_and_other_control_characters_are_refused_by_name():
    data = "slug,title_en\nt-one,One\nt-two,Two\x00\nt-three,Esc\x1b\nt-four,Next\u0085line\n".encode()
    report = run_bytes(data)
    assert [(e.line, e.column) for e in report.errors] == [(3, "title_en"), (4, "title_en"), (5, "title_en")]
    assert "U+0000 NULL" in report.errors[0].message
    assert "U+001B ESCAPE" in report.errors[1].message
    assert "U+0085" in report.errors[2].message
    assert themes() == {}
    # Tabs, line feeds and carriage returns in a quoted cell are text; direction controls are stripped (portal.text).
    assert run_bytes('slug,title_en\nt-ok,"A\tB\r\nC\u202e"\n'.encode()).ok
    assert themes() == {"t-ok": ("A\tB\r\nC", "")}


def test_a_header_that_does_not_match_hints_at_the_delimiter():
    # Semicolons are found; a file separated by "|" is not guessed, and a header in one cell is explained.
    assert run_bytes(b"slug;title_en\nt-one;One\n").ok
    report = run_bytes(b"slug;title_en;;\nt-two;Two;;\n".replace(b"title_en", b"title"))
    assert any("“;”" in str(error) for error in report.errors) is False  # ";" was used: no hint
    report = run_bytes(b"slug,title;en,x;y;z\nt-two,Two\n")
    hint = [e for e in report.errors if e.line == 1 and not e.column]
    assert hint and "“;”" in hint[0].message


def test_errors_that_repeat_are_grouped_with_the_distinct_ones_first():
    lines = "".join(f"bad slug {n},Theme\n" for n in range(2, 23))  # lines 2–22: the same slug error
    lines += "t-ok,\n"  # line 23: a missing title
    lines += "also bad,Theme\n"  # line 24: the slug error again
    report = imports.run_import(KIND, io.StringIO("slug,title_en\n" + lines))
    assert len(report.errors) == 23  # each error is still there, by line (MAX_ERRORS applies to them)
    grouped = report.grouped_errors()
    assert [(e.line, e.column, e.lines) for e in grouped] == [
        (23, "title_en", (23,)),
        (2, "slug", (*range(2, 23), 24)),
    ]
    with translation.override("en"):
        assert str(grouped[1]).startswith("lines 2–22, 24, column “slug”: ")
        assert str(grouped[0]).startswith("line 23, column “title_en”: ")
    assert imports.line_ranges([5, 2, 3, 9, 4]) == "2–5, 9"


def test_many_kinds_of_errors_beyond_the_limit_are_counted():
    lines = "".join(f"t-{n},Theme,,{n % 3000 + 5000}\n" for n in range(imports.MAX_ERRORS + 5))
    report = imports.run_import(KIND, io.StringIO("slug,title_en,title_tr,since\n" + lines))
    assert len(report.grouped_errors()) == imports.MAX_ERRORS and report.more_groups == 5


def workbook_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Notes").append(["not read"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_workbook_is_read_from_its_first_sheet_with_its_row_numbers():
    data = workbook_bytes(
        [
            ["slug", "title_en", "title_tr", "since"],
            ["t-tr", "Turkey", TURKISH, 2019],  # a number: "2019", not "2019.0"
            [None, None, None, None],  # a blank row is row 3 of the sheet, and no row
            ["t-date", dt.datetime(2024, 5, 1), "", 2020.0],  # noqa: DTZ001 (a workbook date is naive)
            ["bad slug", "Bad", None, None],
        ]
    )
    report = run_bytes(data)
    assert [(e.line, e.column) for e in report.errors] == [(5, "slug")]
    assert "Excel" in report.read_as
    good = workbook_bytes([["slug", "title_en", "since"], ["t-tr", "Turkey", 2019], ["t-date", dt.date(2024, 5, 1)]])
    report = run_bytes(good)
    assert report.ok, [str(e) for e in report.errors]
    assert themes() == {"t-date": ("2024-05-01", ""), "t-tr": ("Turkey", "")}
    assert sources.cell_text(2019.5) == "2019.5" and sources.cell_text(12.0) == "12"


def test_a_damaged_workbook_is_refused_in_one_sentence():
    report = run_bytes(b"PK\x03\x04" + b"not a zip" * 10)
    assert [(e.line, e.column) for e in report.errors] == [(1, "")]
    assert "xlsx" in report.errors[0].message


def test_the_command_reads_a_legacy_file_and_names_a_bad_line(tmp_path, capsys):
    good = tmp_path / "turkish.csv"
    good.write_bytes(table(";", [("slug", "title_en", "title_tr"), ("t-tr", "Turkey", TURKISH)]).encode("cp1254"))
    out = io.StringIO()
    call_command("import_inventory", KIND, str(good), stdout=out)
    assert "Windows-1254" in out.getvalue() and themes() == {"t-tr": ("Turkey", TURKISH)}

    bad = tmp_path / "bad.csv"
    rows = ["slug,title_en,title_tr"] + [f"t-{n},Theme {n},Türkçe {n}" for n in range(2, 300)]
    data = "\n".join(rows).encode().replace("Türkçe 202".encode(), b"T\xfcrk\xe7e 202") + b"\n"
    bad.write_bytes(data)
    with pytest.raises(CommandError, match="Nothing was imported: 1 errors"):
        call_command("import_inventory", KIND, str(bad))
    [error] = capsys.readouterr().err.splitlines()
    assert re.search(r"\b202\b", error.removeprefix(str(bad))), error
    assert set(themes()) == {"t-tr"}

    book = tmp_path / "themes.xlsx"
    book.write_bytes(workbook_bytes([["slug", "title_en"], *[[f"bad {n}", "X"] for n in range(2, 12)]]))
    with pytest.raises(CommandError, match="Nothing was imported: 10 errors"):
        call_command("import_inventory", KIND, str(book))
    [error] = capsys.readouterr().err.splitlines()
    assert "2–11" in error and "“slug”" in error
