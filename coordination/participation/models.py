"""Models of the coordination area's participation part: the invitations the working group mails to agencies that
have no confirmed contact yet."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AgencyInvitation"]


class AgencyInvitation(models.Model):
    """One invitation mailed to an agency's general address (`Agency.email`) with the registration link, so the
    coverage report says when it was invited and a second one is not sent too soon."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=10)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("agency invitation")
        verbose_name_plural = _("agency invitations")
        indexes = [models.Index(fields=["agency", "-sent_at"], name="agency_invitation_latest")]

    def __str__(self):
        return f"{self.agency} — {self.email}"
