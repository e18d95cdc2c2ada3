"""Back-office of the guides area."""

import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The area's parts, each a package with its own models, services, selectors, pages, API and admin.
PARTS = ("library", "websites", "portals", "materials")


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Guides")

    def ready(self):
        for part in PARTS:
            importlib.import_module(f"guides.{part}").ready()
