from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Core records")

    def ready(self):
        from portal import materials, reviews, services
        from portal.alerts.subscriptions import subscribe_confirmed_contact
        from portal.models import Contact

        reviews.register(services.PROJECT_REVIEW)
        from portal.search.core_sources import register_core

        register_core()
        from portal import names

        names.register_core()
        reviews.register(materials.MATERIAL_REVIEW)
        post_migrate.connect(services.ensure_admin_group_signal, sender=self)
        post_save.connect(subscribe_confirmed_contact, sender=Contact, dispatch_uid="alerts:subscribe")
        # Names, titles and every other text of the portal's own records, whichever door they come through.
        from portal.text import clean_texts

        own = set(services.admin_group_apps()) - set(services.ADMIN_GROUP_THIRD_PARTY_APPS)
        for model in apps.get_models():
            if model._meta.app_label in own and not getattr(model, "rendered_texts", False):
                pre_save.connect(clean_texts, sender=model, dispatch_uid=f"text:{model._meta.label}")
