"""The back-office's Import and Export buttons (django-import-export) on the one inventory mechanism of
portal/imports.py: the admin uploads, previews and confirms; reading, matching and writing the rows is `run_import`'s,
as for `import_inventory`, and an export is the registered Exporter's, as for `export_inventory`.

    @admin.register(AwardResult)
    class AwardResultAdmin(InventoryImportExportMixin, admin.ModelAdmin):
        inventory_kind = "award-results"
"""

from __future__ import annotations

import functools
import io
from collections import defaultdict
from typing import ClassVar

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm
from import_export.results import RowResult

from portal import imports

ROW_TYPES = {
    imports.CREATED: RowResult.IMPORT_TYPE_NEW,
    imports.UPDATED: RowResult.IMPORT_TYPE_UPDATE,
    imports.UNCHANGED: RowResult.IMPORT_TYPE_SKIP,
}


# --- Formats ----------------------------------------------------------------------------------------------


class SourceDataset(tablib.Dataset):
    """An uploaded file as import-export's Dataset (its preview shows the cells) that keeps the file's own bytes:
    `run_import` reads those bytes (CSV in any encoding it knows, or .xlsx), and the preview's cells are read by the
    same reader, so the lines, cells and errors are exactly those of the file."""

    def __init__(self, data: bytes | str):
        super().__init__()
        self.data = data.encode("utf-8") if isinstance(data, str) else data
        self.lines: dict[int, int] = {}  # a line of the file → the index of its row here
        try:
            rows = imports.open_source(io.BytesIO(self.data)).rows()
            line, header = next(rows, (1, None))
            if not header:
                return
            self.headers = header
            for line, cells in rows:
                if not any(cell.strip() for cell in cells):
                    continue  # not a row, for run_import either
                self.lines[line] = self.height
                # A row of the wrong width is shown cut or padded; run_import refuses it, naming its line.
                self.append((cells + [""] * len(header))[: len(header)])
        except imports.FileRefused:
            pass  # run_import names the line that cannot be read

    def cells(self, line: int) -> dict[str, str]:
        """The cells of the file's `line` by column (the header's names for line 1)."""
        headers = self.headers or []
        if line == 1:
            return dict(zip(headers, headers, strict=True))
        if line in self.lines:
            return dict(zip(headers, self[self.lines[line]], strict=True))
        return {}


def source_dataset(dataset: tablib.Dataset) -> SourceDataset:
    """The dataset as the uploaded file, or as CSV text when it was made otherwise."""
    if isinstance(dataset, SourceDataset):
        return dataset
    return SourceDataset(dataset.export("csv") if dataset.headers else "")


class InventoryCSV(base_formats.CSV):
    """CSV read as the inventory importer reads it (its bytes, see SourceDataset: the encoding and the separator are
    found there), and written as `export_inventory` writes it (formula-looking texts quoted, `imports.write_csv_rows`)."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        return SourceDataset(in_stream)

    def export_data(self, dataset, **kwargs):
        out = io.StringIO()
        rows = (dataset[i] for i in range(dataset.height))
        imports.write_csv_rows(dataset.headers or [], rows, out)
        return out.getvalue()


class InventoryXLSX(base_formats.XLSX):
    """A workbook read as the inventory importer reads it (its first sheet, streamed, see SourceDataset); the export
    as a spreadsheet, written by `imports.write_xlsx_rows` (text cells never formulas)."""

    def create_dataset(self, in_stream, **kwargs):
        return SourceDataset(in_stream)

    def export_data(self, dataset, **kwargs):
        out = io.BytesIO()
        rows = (dataset[i] for i in range(dataset.height))
        imports.write_xlsx_rows(dataset.headers or [], rows, out, title=dataset.title or "")
        return out.getvalue()


# --- The resource: one inventory kind ----------------------------------------------------------------------


class InventoryResource(resources.Resource):
    """An inventory kind as import-export sees it: its columns, an import that is `run_import` and an export that
    is the registered Exporter. Made for a kind by `for_kind`."""

    kind: ClassVar[str]

    @classmethod
    @functools.cache
    def for_kind(cls, kind: str) -> type[InventoryResource]:
        importer = imports.REGISTRY.get(kind)
        columns = (*importer.columns, *importer.optional_columns) if importer else imports.EXPORTERS[kind].columns
        # Keyed apart from the columns' names: a column may be named like an attribute of the resource ("kind").
        attrs = {f"column_{name}": fields.Field(attribute=name, column_name=name) for name in columns}
        name = "".join(part.capitalize() for part in kind.split("-")) + "Resource"
        return type(name, (cls,), {"kind": kind, "__module__": __name__, **attrs})

    @classmethod
    def get_display_name(cls):
        return cls.kind

    @classmethod
    def flags(cls) -> dict:
        """The importer's options an admin may switch on (e.g. create-categories), with their help text."""
        return getattr(imports.REGISTRY.get(cls.kind), "flags", {})

    def import_data(self, dataset, dry_run=False, raise_errors=False, options=None, **kwargs):
        """Run the shared import on the file: every row or none; its errors become the preview's invalid rows (by
        line, then by column), its rows the preview's new / update / skip rows."""
        source = source_dataset(dataset)
        result = self.get_result_class()()
        result.diff_headers = list(source.headers or [])
        names = [name.strip().lower() for name in result.diff_headers]
        saved = []

        def on_row(row: imports.Row, outcome: str) -> None:
            row_result = self.get_row_result_class()()
            row_result.import_type = ROW_TYPES[outcome]
            row_result.diff = [row[name] for name in names]
            saved.append(row_result)

        allowed = {flag.replace("-", "_") for flag in self.flags()}
        options = {name: True for name in options or () if name in allowed}
        report = imports.run_import(self.kind, io.BytesIO(source.data), dry_run=dry_run, on_row=on_row, **options)
        result.total_rows = report.rows
        if report.read_as and kwargs.get("request") is not None:
            messages.info(kwargs["request"], capfirst(_("the file was %(how)s.") % {"how": report.read_as}))
        if report.ok:
            for row_result in saved:
                result.append_row_result(row_result)
                result.increment_row_result_total(row_result)
            return result
        # Errors that repeat are one, shown on their first line and naming all of them; the distinct ones first.
        problems: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for error in report.grouped_errors():
            message = error.message
            if len(error.lines) > 1:
                message = _("lines %(lines)s: %(message)s") % {
                    "lines": imports.line_ranges(error.lines),
                    "message": error.message,
                }
            problems[error.line][error.column or NON_FIELD_ERRORS].append(message)
        for line in problems:
            result.append_invalid_row(line, source.cells(line), ValidationError(dict(problems[line])))
        if report.more_groups:
            more = ngettext(
                "… and %(n)d more kind of error.", "… and %(n)d more kinds of errors.", report.more_groups
            ) % {"n": report.more_groups}
            result.append_invalid_row("…", {}, ValidationError(more))
        result.totals[RowResult.IMPORT_TYPE_INVALID] = len(result.invalid_rows)
        return result

    def export(self, queryset=None, **kwargs):
        """The registered Exporter's columns and rows (as `export_inventory` writes them), for the records of
        `queryset` (the admin's filtered list) in the exporter's order."""
        exporter = imports.EXPORTERS[self.kind]()
        records = exporter.queryset()
        if queryset is not None:
            records = records.filter(pk__in=queryset.values("pk"))
        dataset = tablib.Dataset(headers=list(exporter.columns), title=self.kind)
        for values in exporter.rows(records):
            dataset.append(["" if value is None else value for value in values])
        return dataset


# --- Forms: the importer's flags as check boxes, carried to the confirmation --------------------------------


def _flag_field(flag: str) -> str:
    return "flag_" + flag.replace("-", "_")


class InventoryImportForm(ImportForm):
    """The upload form, with a check box per importer flag (e.g. create the categories the file names)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        for resource in resources:
            for flag, help_text in resource.flags().items():
                self.fields[_flag_field(flag)] = forms.BooleanField(label=capfirst(help_text), required=False)

    def options(self) -> list[str]:
        return [
            name.removeprefix("flag_")
            for name, value in self.cleaned_data.items()
            if name.startswith("flag_") and value
        ]


class InventoryConfirmForm(ConfirmImportForm):
    """The confirmation, carrying the flags chosen on upload (only the importer's own flags are ever used)."""

    options = forms.CharField(widget=forms.HiddenInput(), required=False)

    def chosen(self) -> list[str]:
        return [name for name in self.cleaned_data.get("options", "").split(",") if name]


# --- The ModelAdmin mixin ----------------------------------------------------------------------------------


class InventoryImportExportMixin(ImportExportMixin):
    """Import and Export buttons for the inventory `inventory_kind` on a ModelAdmin. Importing adds and changes
    records, so only who may do both there may import; whoever may view the list may export it."""

    inventory_kind: ClassVar[str]
    import_form_class = InventoryImportForm
    confirm_form_class = InventoryConfirmForm
    export_form_class = ExportForm  # the exporter's columns, all of them: a file that imports again
    # import-export logs an entry per saved instance; run_import reports counts, not instances.
    skip_admin_log = True

    def get_resource_classes(self, request):
        return [InventoryResource.for_kind(self.inventory_kind)]

    def get_import_formats(self):
        return [InventoryCSV, InventoryXLSX]

    def get_export_formats(self):
        return [InventoryCSV, InventoryXLSX]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["options"] = ",".join(import_form.options())
        return initial

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        kwargs = super().get_import_data_kwargs(**kwargs)
        if isinstance(form, InventoryImportForm):
            kwargs["options"] = form.options()
        elif isinstance(form, InventoryConfirmForm):
            kwargs["options"] = form.chosen()
        return kwargs

    def process_result(self, result, request):
        if result.has_validation_errors():
            # The inventory changed between the preview and the confirmation: nothing was written.
            messages.error(
                request,
                _("Nothing was imported: the file no longer matches the inventory. Upload it again to see why."),
            )
            return HttpResponseRedirect(
                reverse("admin:{}_{}_import".format(*self.get_model_info()), current_app=self.admin_site.name)
            )
        return super().process_result(result, request)

    def get_export_filename(self, request, queryset, file_format):
        return f"{self.inventory_kind}-{timezone.localdate():%Y-%m-%d}.{file_format.get_extension()}"
