"""Back-office of the awards area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards import deadlines, imports  # noqa: F401 (imports registers the award-results inventory)

        deadlines.connect()
