"""Export an inventory of one kind as CSV (or XLSX), in the columns its import reads."""

import sys

from django.core.management.base import BaseCommand, CommandError

from portal import imports


class Command(BaseCommand):
    help = (
        "Write an inventory as CSV (the import's columns) to standard output or --output FILE; "
        "--format xlsx writes a spreadsheet (needs --output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="kind of inventory: " + (", ".join(sorted(imports.EXPORTERS)) or "none yet"))
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument(
            "--format", dest="file_format", choices=("csv", "xlsx"), default="csv", help="file format (default: csv)"
        )

    def handle(self, *args, kind, output=None, file_format="csv", **options):
        if kind not in imports.EXPORTERS:
            raise CommandError(f"Unknown kind “{kind}”; known kinds: {', '.join(sorted(imports.EXPORTERS)) or 'none'}.")
        exporter = imports.EXPORTERS[kind]()
        if file_format == "xlsx":
            if not output:
                raise CommandError("An XLSX file is not written to a terminal: give --output FILE.")
            with open(output, "wb") as out:
                count = imports.write_xlsx(exporter, exporter.queryset(), out)
            self.stderr.write(f"{count} rows written to {output}.")
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = imports.write_csv(exporter, exporter.queryset(), out)
            self.stderr.write(f"{count} rows written to {output}.")
        else:
            imports.write_csv(exporter, exporter.queryset(), sys.stdout)
