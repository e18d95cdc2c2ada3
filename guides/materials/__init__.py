"""The gallery of agencies' posters, brochures, films and presentations (the projects' promotional materials and
the guides' attachments), with thumbnails made in the worker and the lessons agencies wrote."""


def ready() -> None:
    """Wire the part into the portal's registries (reviews, demo, tasks, thumbnails); called by the app config."""
    from django.db.models.signals import post_save

    from guides.library.models import GuideAttachment
    from guides.materials import demo, services, tasks  # noqa: F401
    from portal import reviews
    from portal.demo import register_loader
    from portal.models import PromoMaterial

    reviews.register(services.DETAILS_REVIEW)
    register_loader(demo.load)
    post_save.connect(_material_saved, sender=PromoMaterial, dispatch_uid="guides.materials.material_saved")
    post_save.connect(_attachment_saved, sender=GuideAttachment, dispatch_uid="guides.materials.attachment_saved")


def _material_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    from guides.materials import services

    services.file_saved("material", instance)


def _attachment_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    from guides.materials import services

    services.file_saved("attachment", instance)
