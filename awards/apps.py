"""Back-office of the awards area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        # imports registers the award-results inventory, sections the awards on the project and agency pages.
        from awards import deadlines, demo, imports, names, search, sections, services  # noqa: F401
        from portal import reviews
        from portal.demo import register_loader
        from portal.reviews import verifications

        deadlines.connect()
        names.register()
        search.register_sources()  # after the deadlines: a save moves them before it is indexed
        register_loader(demo.load)
        reviews.register(services.APPLICATION_REVIEW)
        verifications.register(services.RESULT_VERIFICATION)
