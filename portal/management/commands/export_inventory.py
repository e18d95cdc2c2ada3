"""Export an inventory of one kind as CSV, in the columns its import reads."""

import sys

from django.core.management.base import BaseCommand, CommandError

from portal import imports


class Command(BaseCommand):
    help = "Write an inventory as CSV (the import's columns) to standard output or --output FILE."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="kind of inventory: " + (", ".join(sorted(imports.EXPORTERS)) or "none yet"))
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, kind, output=None, **options):
        if kind not in imports.EXPORTERS:
            raise CommandError(f"Unknown kind “{kind}”; known kinds: {', '.join(sorted(imports.EXPORTERS)) or 'none'}.")
        exporter = imports.EXPORTERS[kind]()
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                count = imports.write_csv(exporter, exporter.queryset(), out)
            self.stderr.write(f"{count} rows written to {output}.")
        else:
            imports.write_csv(exporter, exporter.queryset(), sys.stdout)
