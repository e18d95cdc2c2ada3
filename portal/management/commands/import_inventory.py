"""Import an inventory file (CSV or .xlsx) of one kind: all or nothing, every error named by line and column."""

import sys

from django.core.management.base import BaseCommand, CommandError

from portal import imports


class Command(BaseCommand):
    help = (
        "Import an inventory file (CSV in UTF-8, UTF-16 or a Windows code page, or .xlsx): all rows or none; "
        "--dry-run checks it and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="kind of file: " + (", ".join(sorted(imports.REGISTRY)) or "none yet"))
        parser.add_argument("file", help="path of the CSV or .xlsx file, or - for standard input")
        parser.add_argument("--dry-run", action="store_true", help="check every row; write nothing")
        parser.add_argument("--no-progress", action="store_true", help="no progress line on standard error")
        for kind in imports.REGISTRY.values():
            for flag, help_text in getattr(kind, "flags", {}).items():
                parser.add_argument(f"--{flag}", action="store_true", help=help_text)

    def handle(self, *args, kind, file, dry_run=False, no_progress=False, **options):
        if kind not in imports.REGISTRY:
            raise CommandError(f"Unknown kind “{kind}”; known kinds: {', '.join(sorted(imports.REGISTRY)) or 'none'}.")
        flags = {
            name.replace("-", "_"): options.get(name.replace("-", "_"), False)
            for name in getattr(imports.REGISTRY[kind], "flags", {})
        }
        show = not no_progress and sys.stderr.isatty()

        def progress(rows: int) -> None:
            self.stderr.write(f"\r{rows:,} rows read", ending="")
            self.stderr.flush()

        try:
            stream = imports.text_stream(sys.stdin.buffer) if file == "-" else imports.open_text(file)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        with stream:
            report = imports.run_import(kind, stream, dry_run=dry_run, progress=progress if show else None, **flags)
        if show:
            self.stderr.write("")
        if not report.ok:
            for error in report.grouped_errors():
                self.stderr.write(f"{file}: {error}")
            if report.more_groups:
                self.stderr.write(f"… and {report.more_groups} more kinds of errors.")
            raise CommandError(
                f"Nothing was imported: {len(report.errors) + report.more_errors} errors (the file was {report.read_as})."
            )
        counts = ", ".join(f"{n} {what}" for what, n in report.counts.items())
        if dry_run:
            self.stdout.write(f"Dry run: {report.rows} rows are valid ({counts}); nothing was written.")
        else:
            self.stdout.write(f"Imported {report.rows} rows: {counts}.")
        self.stdout.write(f"The file was {report.read_as}.")
