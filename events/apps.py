"""Back-office of the events area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # imports registers the events importer and exporter; sections adds the participations to the agency
        # profile and the project page.
        from events import deadlines, demo, imports, names, search, sections, services  # noqa: F401
        from portal import reviews
        from portal.demo import register_loader

        deadlines.connect()
        names.register()
        search.register_sources()  # after the deadlines: a save moves them before it is indexed
        register_loader(demo.load)
        reviews.register(services.PARTICIPATION_REVIEW)
