"""The one import and export mechanism of the inventories (award results, grants, events…).

An app describes a kind of file with an `Importer` (its columns, how a row is read and saved) and registers
it; `run_import` then reads the file (CSV in any encoding and delimiter `sources` knows, or .xlsx) row by
row (memory stays flat whatever its length), all or nothing: every row is checked, every error is named by
line and column, and nothing is written unless the whole file is valid (and not even then with `dry_run`).
Rows are saved as they come, inside the one transaction, so a later row can refer to what an earlier row
created.

    class AwardResultImporter(Importer):
        kind = "award-results"
        columns = ("programme", "edition_year", ...)

        def save(self, row: Row) -> str:
            programme = row.required("programme", find_programme)
            ...
            return CREATED

    register(AwardResultImporter)

By step: `sources` (encodings, delimiters, .xlsx, physical lines), `reading` (importers, `run_import`, cell
readers), `matching` (names of agencies, projects, countries), `exporting` (exporters, CSV and XLSX). The
areas use the names below (`from portal import imports`).
"""

from portal.imports.exporting import (
    EXPORTERS,
    FORMULA_START,
    XLSX_CONTENT_TYPE,
    Exporter,
    csv_cell,
    looks_like_formula,
    register_exporter,
    unquote_cell,
    write_csv,
    write_csv_rows,
    write_xlsx,
    write_xlsx_rows,
)
from portal.imports.matching import (
    NEW,
    AgencyDirectory,
    Index,
    candidates,
    country,
    normal,
    texts,
    unique_slug,
)
from portal.imports.reading import (
    CREATED,
    MAX_ERRORS,
    MAX_FIELD,
    REGISTRY,
    UNCHANGED,
    UPDATED,
    Importer,
    ImportError_,
    ImportReport,
    Row,
    RowError,
    integer,
    iso_date,
    line_ranges,
    open_text,
    register,
    run_import,
    text,
    text_stream,
    web_address,
    year,
)
from portal.imports.sources import FileRefused, Source, open_source

__all__ = [
    "CREATED",
    "EXPORTERS",
    "FORMULA_START",
    "MAX_ERRORS",
    "MAX_FIELD",
    "NEW",
    "REGISTRY",
    "UNCHANGED",
    "UPDATED",
    "XLSX_CONTENT_TYPE",
    "AgencyDirectory",
    "Exporter",
    "FileRefused",
    "ImportError_",
    "ImportReport",
    "Importer",
    "Index",
    "Row",
    "RowError",
    "Source",
    "candidates",
    "country",
    "csv_cell",
    "integer",
    "iso_date",
    "line_ranges",
    "looks_like_formula",
    "normal",
    "open_source",
    "open_text",
    "register",
    "register_exporter",
    "run_import",
    "text",
    "text_stream",
    "texts",
    "unique_slug",
    "unquote_cell",
    "web_address",
    "write_csv",
    "write_csv_rows",
    "write_xlsx",
    "write_xlsx_rows",
    "year",
]
