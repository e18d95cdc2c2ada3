"""A circular's recipients and their answers as CSV or XLSX (the dashboard's downloads), through the shared writers
(`portal.imports`: a formula-looking text is written as text, never run). The same rows as the dashboard's."""

import io

from coordination.circulars import dashboard
from coordination.circulars.models import Circular
from portal import imports

COLUMNS = (
    "agency",
    "agency_name",
    "state",
    "late",
    "overdue",
    "acknowledged_at",
    "acknowledged_by",
    "answered_at",
    "answered_by",
    "answer",
    "applications",
    "attachments",
    "last_reminded_at",
)

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": imports.XLSX_CONTENT_TYPE}


def _person(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def rows(lines: list[dashboard.Line]):
    """One tuple per recipient row in `COLUMNS`' order; states are codes, several values one per line."""
    for line in lines:
        row = line.row
        yield (
            row.agency.slug,
            row.agency.name,
            row.state,
            row.late,
            line.overdue,
            row.acknowledged_at,
            _person(row.acknowledged_by),
            row.answered_at,
            _person(row.answered_by),
            row.answer,
            "\n".join(str(application.project) for application in row.applications.all()),
            "\n".join(attachment.title for attachment in row.attachments.all()),
            row.last_reminded_at,
        )


def filename(circular: Circular, kind: str) -> str:
    return f"circular-{circular.pk}-recipients.{kind}"


def export(circular: Circular, lines: list[dashboard.Line], kind: str) -> bytes:
    """The file of `kind` (csv or xlsx) with the header and the rows."""
    if kind == "csv":
        out = io.StringIO()
        imports.write_csv_rows(COLUMNS, rows(lines), out)
        return out.getvalue().encode()
    out = io.BytesIO()
    imports.write_xlsx_rows(COLUMNS, rows(lines), out, title=f"circular-{circular.pk}")
    return out.getvalue()
