"""Agency contacts: the people who receive alerts and edit their agency's records."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), code="time_zone", params={"value": value})


class Contact(models.Model):
    """A person at an agency. Personal data: never shown on public pages or the public API."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact",
    )
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Istanbul", validators=[validate_time_zone]
    )
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["agency__slug", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [models.UniqueConstraint(Lower("email"), name="contact_email_unique")]

    def __str__(self):
        return f"{self.name} ({self.agency})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def email_domain(self) -> str:
        return self.email.rsplit("@", 1)[-1].lower()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def awaiting_approval(self) -> bool:
        return self.is_confirmed and not self.is_approved
