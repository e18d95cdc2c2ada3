"""Render the stored HTML of every Markdown text again (after a change of the rendering or sanitising rules)."""

from django.core.management.base import BaseCommand

from portal.markdown import render_all


class Command(BaseCommand):
    help = "Render the stored HTML of every Markdown text (descriptions of agencies and projects) again."

    def handle(self, *args, **options):
        changed = render_all()
        self.stdout.write(f"{changed} record(s) with new HTML.")
