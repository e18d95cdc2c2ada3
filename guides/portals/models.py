"""Models of the portals part: the international portals where public ICT projects get listed (WSIS Stocktaking,
Joinup, OECD OPSI, the UN e-Government Knowledge Base…, and ePractice as a closed, historical one) with what each
accepts and how to get listed, and the listings of the agencies' projects on them.

A listing is a reviewed record (`portal.reviews`): an agency's contact reports that one of the agency's projects is
listed on a portal, the working group publishes it. The public sees only published listings of published projects
(`guides.portals.selectors`)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.markdown import RenderedMarkdown
from portal.models.fields import MEDIUM_TEXT, SHORT_TEXT
from portal.models.reviews import ReviewedRecord

__all__ = ["InternationalPortal", "PortalListing", "PortalStatus"]

FIRST_YEAR, LAST_YEAR = 1990, 2100


class PortalStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    CLOSED = "closed", _("closed (historical)")


class InternationalPortal(RenderedMarkdown, models.Model):
    """A portal or database where public ICT projects are listed: who runs it, what it accepts, how to get listed
    (Markdown, stored rendered and sanitised), whether it still runs, and the library's guide to it. Entered by
    the working group."""

    markdown_fields = ("how_to_list",)

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    owner = models.CharField(
        _("owner organisation"), max_length=200, help_text=_("The organisation that runs the portal.")
    )
    url = models.URLField(_("address"), max_length=500)
    accepts = models.TextField(
        _("what it accepts"), max_length=SHORT_TEXT, blank=True, help_text=_("Which projects or practices it lists.")
    )
    how_to_list = models.TextField(_("how to get listed"), max_length=MEDIUM_TEXT, blank=True, help_text=_("Markdown."))
    how_to_list_html = models.TextField(_("how to get listed (HTML)"), blank=True, default="", editable=False)
    status = models.CharField(_("status"), max_length=10, choices=PortalStatus.choices, default=PortalStatus.ACTIVE)
    closed_year = models.PositiveSmallIntegerField(
        _("closed in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("The year a closed portal stopped taking entries."),
    )
    guide = models.ForeignKey(
        "guides.Guide",
        verbose_name=_("guide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portals",
        help_text=_("The library's guide to getting listed on this portal."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order in the list."))
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("international portal")
        verbose_name_plural = _("international portals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="closed") | models.Q(closed_year__isnull=True),
                name="portal_closed_year_only_when_closed",
                violation_error_message=_("Only a closed portal has the year it closed."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == PortalStatus.CLOSED

    def clean(self):
        super().clean()
        if self.closed_year is not None and self.status != PortalStatus.CLOSED:
            raise ValidationError({"closed_year": _("Only a closed portal has the year it closed.")})


class PortalListing(ReviewedRecord):
    """One of an agency's projects as listed on an international portal: the address of its entry, since when,
    and a note. The agency is the project's; its contacts report it, the working group publishes it."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="portal_listings"
    )
    portal = models.ForeignKey(
        InternationalPortal, verbose_name=_("portal"), on_delete=models.PROTECT, related_name="listings"
    )
    project = models.ForeignKey(
        "portal.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="portal_listings"
    )
    url = models.URLField(_("address of the entry"), max_length=500, blank=True)
    listed_on = models.DateField(_("listed on"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=SHORT_TEXT, blank=True)
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))

    class Meta:
        ordering = ["portal__position", "portal__slug", "project__title", "pk"]
        verbose_name = _("portal listing")
        verbose_name_plural = _("portal listings")
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "project"],
                name="portal_listing_once_per_project",
                violation_error_message=_("This project is already listed on this portal."),
                violation_error_code="already_listed",
            ),
        ]
        indexes = [models.Index(fields=["review_state", "portal"], name="portal_listing_state")]

    def __str__(self):
        return f"{self.project} — {self.portal}"

    def clean(self):
        super().clean()
        if self.project_id and self.agency_id and self.project.agency_id != self.agency_id:
            error = ValidationError(_("Choose one of the agency's own projects."), code="not_own_project")
            raise ValidationError({"project": error})
