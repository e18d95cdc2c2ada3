from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Core records")

    def ready(self):
        from portal import services

        post_migrate.connect(services.ensure_admin_group_signal, sender=self)
