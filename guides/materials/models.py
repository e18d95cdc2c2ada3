"""Models of the materials part: what the gallery adds to the projects' promotional materials and to the guides'
attachments.

- `MaterialDetails`: the language and year of a project's promotional material and the lessons its agency wrote
  about it (in six languages). It is a reviewed record of its own (`portal.reviews`), its agency the material's: a
  contact's details are a draft until the working group publishes them, and a contact's change to published details
  waits as a pending revision while the published text stays — so what an agency writes is public only after review.
- `MaterialThumbnail` and `AttachmentThumbnail`: the small picture the worker makes of a material's or an
  attachment's file (an image, or the first page of a PDF). Made by the worker, never typed: kept out of the
  reviewed details so a thumbnail never goes through review and never races a contact's edit. `source` is the
  stored name of the file it was made from (a new file makes it stale); `error` says why none could be made."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.fields import SHORT_TEXT
from portal.models.reviews import ReviewedRecord

__all__ = ["AttachmentThumbnail", "MaterialDetails", "MaterialThumbnail", "ThumbnailError"]

FIRST_YEAR = 1990
LAST_YEAR = 2100


class MaterialDetails(ReviewedRecord):
    """The gallery's details of a project's promotional material, written by its agency."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="material_details"
    )
    material = models.OneToOneField(
        "portal.PromoMaterial", verbose_name=_("promotional material"), on_delete=models.CASCADE, related_name="details"
    )
    language = models.CharField(_("language of the material"), max_length=8, choices=settings.LANGUAGES, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("The year the material was made."),
    )
    lessons = models.TextField(
        _("lessons learned"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=_("What worked and what the agency would do differently: for other agencies making theirs."),
    )
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))

    class Meta:
        ordering = ["material", "pk"]
        verbose_name = _("material details")
        verbose_name_plural = _("materials' details")

    def __str__(self):
        return str(self.material)

    def clean(self):
        super().clean()
        if self.material_id and self.agency_id and self.material.agency_id != self.agency_id:
            raise ValidationError({"agency": _("The details belong to the material's agency.")}, code="agency")


class ThumbnailError(models.TextChoices):
    """Why no thumbnail could be made of a file (the file is left as it is; the gallery shows no picture)."""

    UNREADABLE = "unreadable", _("the file could not be read as an image or a PDF")
    TOO_LARGE = "too_large", _("the image has too many pixels")
    UNSUPPORTED = "unsupported", _("no thumbnail for this kind of file")
    MISSING = "missing", _("the file is missing")


class Thumbnail(models.Model):
    """A generated thumbnail (PNG in the media storage), or the reason none could be made."""

    image = models.FileField(_("thumbnail"), upload_to="thumbnails/%Y/", blank=True, editable=False)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    source = models.CharField(_("made from"), max_length=255, blank=True, editable=False)
    error = models.CharField(_("error"), max_length=20, choices=ThumbnailError.choices, blank=True, editable=False)
    made_at = models.DateTimeField(_("made"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_ready(self) -> bool:
        return bool(self.image) and not self.error


class MaterialThumbnail(Thumbnail):
    material = models.OneToOneField(
        "portal.PromoMaterial",
        verbose_name=_("promotional material"),
        on_delete=models.CASCADE,
        related_name="thumbnail",
    )

    class Meta:
        verbose_name = _("material thumbnail")
        verbose_name_plural = _("material thumbnails")

    def __str__(self):
        return str(self.material)


class AttachmentThumbnail(Thumbnail):
    attachment = models.OneToOneField(
        "guides.GuideAttachment",
        verbose_name=_("guide attachment"),
        on_delete=models.CASCADE,
        related_name="thumbnail",
    )

    class Meta:
        verbose_name = _("attachment thumbnail")
        verbose_name_plural = _("attachment thumbnails")

    def __str__(self):
        return str(self.attachment)
