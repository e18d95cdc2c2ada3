"""Index every record search may show anew (after a bulk load, or to repair the index)."""

from django.core.management.base import BaseCommand, CommandError

from portal import search
from portal.search import indexing


class Command(BaseCommand):
    help = "Rebuild the search index (every kind, or the kinds named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Kinds to rebuild (default: all): " + ", ".join(
            source.kind for source in search.sources()))  # fmt: skip

    def handle(self, *args, kinds, **options):
        known = {source.kind for source in search.sources()}
        unknown = sorted(set(kinds) - known)
        if unknown:
            raise CommandError(f"Unknown kinds: {', '.join(unknown)}. Known: {', '.join(sorted(known))}.")
        counts = indexing.rebuild(kinds or None)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
