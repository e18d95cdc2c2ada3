"""Reference lists shipped with the portal: WSIS action lines, SDGs and themes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionLine(models.Model):
    """A WSIS action line (C1–C11) or one of the eight C7 sub-lines (C7.1–C7.8)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    title = models.CharField(_("title"), max_length=255)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent line"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveSmallIntegerField(_("position"), unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("WSIS action line")
        verbose_name_plural = _("WSIS action lines")

    def __str__(self):
        return f"{self.code} {self.title}"


class SDG(models.Model):
    """One of the 17 United Nations Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")
        constraints = [
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=17), name="sdg_number_1_to_17")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Theme(models.Model):
    """A subject area used to match projects with awards, funds and events."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=120)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.title
