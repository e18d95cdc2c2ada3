"""The shared import/export mechanism, exercised with a small inventory of themes (slug and titles)."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.core.validators import validate_slug

from portal import imports
from portal.models import Theme


class ThemeImporter(imports.Importer):
    kind = "test-themes"
    columns = ("slug", "title_en")
    optional_columns = ("title_tr", "since")

    def key(self, row):
        return row["slug"].lower()

    def save(self, row):
        slug = row.value("slug", lambda text: validate_slug(text) or text)
        title_en = row.value("title_en")
        row.value("since", imports.year, required=False)
        row.check()
        theme, created = Theme.objects.get_or_create(slug=slug, defaults={"title": title_en, "title_en": title_en})
        if created:
            return imports.CREATED
        if theme.title_en == title_en:
            return imports.UNCHANGED
        theme.title_en = title_en
        theme.save()
        return imports.UPDATED


class ThemeExporter(imports.Exporter):
    kind = "test-themes"
    columns = ("slug", "title_en")

    def queryset(self):
        return Theme.objects.filter(slug__startswith="t-").order_by("slug")

    def rows(self, queryset):
        for theme in queryset:
            yield theme.slug, theme.title_en


@pytest.fixture(autouse=True)
def _registered():
    imports.register(ThemeImporter)
    imports.register_exporter(ThemeExporter)
    yield
    imports.REGISTRY.pop("test-themes")
    imports.EXPORTERS.pop("test-themes")


def run(text: str, **options):
    return imports.run_import("test-themes", io.StringIO(text), **options)


def themes() -> dict[str, str]:
    return dict(Theme.objects.filter(slug__startswith="t-").values_list("slug", "title_en"))


def test_rows_are_imported_and_counted():
    report = run("slug,title_en,since\nt-one,One,2020\nt-two,Two,\n")
    assert report.ok and report.written
    assert (report.rows, report.counts) == (2, {"created": 2, "updated": 0, "unchanged": 0})
    assert themes() == {"t-one": "One", "t-two": "Two"}
    again = run("Title_EN , SLUG\nOne again,t-one\nTwo,t-two\n\n")  # any order and case; blank lines skipped
    assert again.counts == {"created": 0, "updated": 1, "unchanged": 1}
    assert themes() == {"t-one": "One again", "t-two": "Two"}


def test_a_dry_run_checks_everything_and_writes_nothing():
    report = run("slug,title_en\nt-one,One\n", dry_run=True)
    assert report.ok and not report.written
    assert report.counts["created"] == 1
    assert themes() == {}


def test_one_bad_row_writes_nothing_and_every_error_names_line_and_column():
    text = "slug,title_en,since\nt-one,One,2020\nnot a slug,,1850\nt-three,Three,20x0\n"
    report = run(text)
    assert not report.ok and not report.written
    assert [(e.line, e.column) for e in report.errors] == [
        (3, "slug"),
        (3, "title_en"),
        (3, "since"),
        (4, "since"),
    ]
    assert "20x0" in report.errors[-1].message
    assert themes() == {}


def test_header_problems_are_named():
    report = run("slug,titel_en,slug\nt-one,One,x\n")
    assert {(e.line, e.column) for e in report.errors} == {(1, "title_en"), (1, "titel_en"), (1, "slug")}
    assert report.rows == 0


def test_a_repeated_row_and_a_short_row_are_errors():
    report = run("slug,title_en\nt-one,One\nT-ONE,One again\nt-two\n")
    assert [(e.line, e.column) for e in report.errors] == [(3, ""), (4, "")]
    assert "2" in report.errors[0].message  # the line it repeats
    assert themes() == {}


def test_an_empty_file_and_bytes_that_are_not_utf8_are_refused():
    assert [(e.line, e.column) for e in run("").errors] == [(1, "")]
    # UTF-8 text (the Turkish letters) with one byte that is not: refused on its line, not guessed another encoding.
    data = "slug,title_en\nt-one,Türkiye’de\nt-two,Çağ\n".encode().replace(b"\xc3\x87", b"\xff")
    stream = imports.text_stream(io.BytesIO(data))
    report = imports.run_import("test-themes", stream)
    assert [(e.line, e.column) for e in report.errors] == [(3, "")]
    assert themes() == {}


def test_a_long_file_streams_and_reports_progress():
    lines = "".join(f"t-{n},Theme {n}\n" for n in range(3000))
    seen = []
    report = run("slug,title_en\n" + lines, progress=seen.append)
    assert report.counts["created"] == 3000
    assert seen == [1000, 2000, 3000, 3000]


def test_errors_beyond_the_limit_are_counted():
    lines = "".join(f"t-{n},\n" for n in range(imports.MAX_ERRORS + 5))
    report = run("slug,title_en\n" + lines)
    assert len(report.errors) == imports.MAX_ERRORS
    assert report.more_errors == 5


def test_the_command_exits_non_zero_with_the_errors_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("slug,title_en\nt-one,One\nbad slug,Two\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported: 1 errors"):
        call_command("import_inventory", "test-themes", str(bad))
    # The wording is in the site's language; the line number and the column's name are not translated.
    [error] = capsys.readouterr().err.splitlines()
    assert re.search(r"\b3\b.*“slug”", error.removeprefix(str(bad))), error
    assert themes() == {}
    good = tmp_path / "good.csv"
    good.write_text("\ufeffslug,title_en\nt-one,One\n", encoding="utf-8")  # a spreadsheet's byte-order mark
    out = io.StringIO()
    call_command("import_inventory", "test-themes", str(good), "--dry-run", stdout=out)
    assert "nothing was written" in out.getvalue() and themes() == {}
    call_command("import_inventory", "test-themes", str(good), stdout=out)
    assert themes() == {"t-one": "One"}
    with pytest.raises(CommandError, match="Unknown kind"):
        call_command("import_inventory", "no-such-kind", str(good))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_inventory", "test-themes", str(tmp_path / "missing.csv"))


def test_an_export_imports_again(tmp_path):
    run('slug,title_en\nt-b,Bee\nt-a,"A, with a comma"\n')
    target = tmp_path / "out.csv"
    call_command("export_inventory", "test-themes", "--output", str(target))
    assert target.read_text(encoding="utf-8").splitlines() == ["slug,title_en", 't-a,"A, with a comma"', "t-b,Bee"]
    Theme.objects.filter(slug__startswith="t-").delete()
    with imports.open_text(str(target)) as stream:
        assert imports.run_import("test-themes", stream).counts["created"] == 2
    assert themes() == {"t-a": "A, with a comma", "t-b": "Bee"}
    with pytest.raises(CommandError, match="Unknown kind"):
        call_command("export_inventory", "no-such-kind")
