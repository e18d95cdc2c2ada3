"""Back-office of the coordination area."""

import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The area's parts, each a package with its own models, services, selectors, pages, API and admin.
PARTS = ("circulars", "meetings", "private_sector", "participation")


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        for part in PARTS:
            importlib.import_module(f"coordination.{part}").ready()
