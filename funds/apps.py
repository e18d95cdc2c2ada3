"""Back-office of the funds area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "funds"
    verbose_name = _("Funds")

    def ready(self):
        # sections adds the grants and the calls to the agency profile and the project page; imports registers the
        # grants importer and exporter.
        from funds import deadlines, demo, imports, names, search, sections, services  # noqa: F401
        from portal import reviews
        from portal.demo import register_loader

        deadlines.connect()
        names.register()
        search.register_sources()  # after the deadlines: a save moves them before it is indexed
        register_loader(demo.load)
        reviews.register(services.GRANT_REVIEW)
