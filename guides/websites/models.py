"""Models of the websites part: the checker's findings on each agency's English website (a history per agency),
the on-demand check requests the admin's "check now" leaves for the worker, and the English-website address an
agency's contact proposes, published to the agency once the working group reviews it.

The agency's published entry stays on the agency (`Agency.english_website_url`, `english_website_state`,
`english_website_checked_on`): the coverage report and the agency profile read it there."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Agency, EnglishWebsiteState
from portal.models.reviews import ReviewedRecord

__all__ = [
    "CheckOutcome",
    "EnglishWebsite",
    "WebsiteCheck",
    "WebsiteCheckRequest",
    "WebsiteProposal",
]

URL_LENGTH = 2000


class CheckOutcome(models.TextChoices):
    """What one check found. `ok`: the page answered 200 and is in English (or says no language); the state then
    says whether it is current or outdated (by its Last-Modified)."""

    OK = "ok", _("answers in English")
    BROKEN = "broken", _("broken")  # an error, a timeout, 4xx/5xx, too many redirects
    NOT_ENGLISH = "not_english", _("not in English")
    REFUSED = "refused", _("refused: a private address")


class EnglishWebsite(Agency):
    """The agencies seen as English-website entries (the back-office's list with its "check now" action)."""

    class Meta:
        proxy = True
        verbose_name = _("agency's English website")
        verbose_name_plural = _("agencies' English websites")


class WebsiteCheck(models.Model):
    """One check of an agency's English website: what the address answered and what the checker decided."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="english_website_checks"
    )
    url = models.URLField(_("address checked"), max_length=URL_LENGTH)
    checked_at = models.DateTimeField(_("checked"))
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.CharField(_("address after redirects"), max_length=URL_LENGTH, blank=True)
    html_lang = models.CharField(_("language of the page (<html lang>)"), max_length=35, blank=True)
    content_language = models.CharField(_("Content-Language header"), max_length=100, blank=True)
    last_modified = models.DateTimeField(_("Last-Modified header"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    state = models.CharField(
        _("state decided"), max_length=10, choices=EnglishWebsiteState.choices, default=EnglishWebsiteState.NONE
    )
    error = models.CharField(_("error"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration, not fetched."))

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("English website check")
        verbose_name_plural = _("English website checks")
        indexes = [models.Index(fields=["agency", "-checked_at"], name="website_check_latest")]

    def __str__(self):
        return f"{self.agency} · {self.checked_at:%Y-%m-%d %H:%M} · {self.outcome}"

    @property
    def flagged(self) -> bool:
        """Broken, not in English or refused: the working group should look."""
        return self.outcome != CheckOutcome.OK


class WebsiteCheckRequest(models.Model):
    """An agency whose website a working-group admin asked to check now: the worker's task checks every agency
    requested and removes the request; if the broker is down the request waits for the next run."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="english_website_check_request"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"))

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("English website check request")
        verbose_name_plural = _("English website check requests")

    def __str__(self):
        return str(self.agency)


class WebsiteProposal(ReviewedRecord):
    """The English-website address an agency's contact proposes for its own agency; once the working group
    publishes it, it becomes the agency's published address (and the next check decides its state)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="english_website_proposals"
    )
    url = models.URLField(
        _("English website"),
        max_length=URL_LENGTH,
        help_text=_("The address of the agency's English website, starting with https:// or http://."),
    )
    note = models.CharField(
        _("note for the working group"), max_length=500, blank=True, help_text=_("What changed, if anything.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposed English website")
        verbose_name_plural = _("proposed English websites")

    def __str__(self):
        return _("%(agency)s: %(url)s") % {"agency": self.agency, "url": self.url}
