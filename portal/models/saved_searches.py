"""Saved searches: a contact's search (or filtered list) kept under a name, and what each one already mailed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# At most this many saved searches per contact (the form and the API say so).
MAX_SAVED_SEARCHES = 20


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("at once")
    DAILY = "daily", _("daily digest")
    WEEKLY = "weekly", _("weekly digest")


class SavedSearch(models.Model):
    """A search a contact wants to hear of: its query (text, kind, facet values, open deadlines only; read in the
    contact's language), how often new matches are mailed, and whether it still mails (one-click unsubscribe turns
    it off)."""

    contact = models.ForeignKey(
        "portal.Contact", verbose_name=_("contact"), on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    text = models.CharField(_("words"), max_length=200, blank=True, default="")
    kind = models.CharField(_("kind"), max_length=40, blank=True, default="")
    # {facet: [value, …]} for the facets of portal.search.engine.FACETS.
    facets = models.JSONField(_("facets"), blank=True, default=dict)
    open_only = models.BooleanField(_("open deadlines only"), default=False)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The last run that looked for new matches (due or not, whether it found any): digests run once per slot.
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last mail"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["contact", "name", "pk"]
        indexes = [models.Index(fields=["active", "frequency"], name="saved_search_due")]

    def __str__(self):
        return self.name


class SavedSearchMatch(models.Model):
    """A record a saved search has mailed (by content type and id, so a record indexed again is not new): once per
    saved search, whatever its frequency."""

    saved_search = models.ForeignKey(
        SavedSearch, verbose_name=_("saved search"), on_delete=models.CASCADE, related_name="matches"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    mailed_at = models.DateTimeField(_("mailed"))
    mail = models.ForeignKey(
        "portal.OutboxMail", verbose_name=_("mail"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("saved search match")
        verbose_name_plural = _("saved search matches")
        ordering = ["-mailed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "content_type", "object_id"], name="saved_search_match_once"
            ),
        ]

    def __str__(self):
        return f"{self.saved_search} → {self.content_type_id}:{self.object_id}"


__all__ = ["MAX_SAVED_SEARCHES", "Frequency", "SavedSearch", "SavedSearchMatch"]
