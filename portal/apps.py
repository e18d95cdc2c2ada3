from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Core records")

    def ready(self):
        from portal import materials, reviews, services
        from portal.alerts.subscriptions import subscribe_confirmed_contact
        from portal.models import Contact

        reviews.register(services.PROJECT_REVIEW)
        reviews.register(materials.MATERIAL_REVIEW)
        post_migrate.connect(services.ensure_admin_group_signal, sender=self)
        post_save.connect(subscribe_confirmed_contact, sender=Contact, dispatch_uid="alerts:subscribe")
