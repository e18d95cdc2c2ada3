"""`manage.py make_thumbnails [--force] [--source material|attachment]`: (re)build the thumbnails of the gallery's
files that have none or an outdated one (every one with --force), in this process, one at a time."""

from django.core.management.base import BaseCommand

from guides.materials import thumbnails


class Command(BaseCommand):
    help = "Make the missing or outdated thumbnails of promotional materials and guide attachments."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Remake every thumbnail, not only missing ones.")
        parser.add_argument("--source", choices=sorted(thumbnails.SOURCES), help="Only this kind of record.")

    def handle(self, *args, force=False, source=None, **options):
        made = failed = 0
        for name in [source] if source else sorted(thumbnails.SOURCES):
            for pk in list(thumbnails.missing(name, force=force)):
                thumb = thumbnails.make(name, pk, force=force)
                if thumb is None:
                    continue
                if thumb.error:
                    failed += 1
                else:
                    made += 1
        self.stdout.write(f"{made} thumbnails made, {failed} files without a thumbnail.")
        return None
