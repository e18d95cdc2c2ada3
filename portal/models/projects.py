"""Agencies' ICT and e-government projects, their portal listings and promotional materials."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.languages import CODES, has_fallback_text
from portal.markdown import RenderedMarkdown
from portal.models.fields import LONG_TEXT
from portal.models.reviews import ReviewedRecord, ReviewState
from portal.uploads import validate_upload

# The refusal of a record (an award result, a grant…) that names a project its agency has no part in.
NOT_THE_AGENCYS_PROJECT = _("This project is neither the agency's nor one it is a partner of.")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    DISCONTINUED = "discontinued", _("discontinued")


class Project(RenderedMarkdown, ReviewedRecord):
    """An agency's ICT or e-government project: reported by its agency, public once the working group publishes it
    (`portal.reviews`)."""

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="projects"
    )
    # Every agency named as a partner, whatever its answer: what is shown, and what grants rights, is the accepted
    # ones only (`ProjectPartner`, `portal.selectors.accepted_partners`).
    partner_agencies = models.ManyToManyField(
        "portal.Agency",
        verbose_name=_("partner agencies"),
        blank=True,
        related_name="partner_projects",
        through="portal.ProjectPartner",
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    # Optional per language; clean() requires it in Turkish or English, which every language falls back to.
    title = models.CharField(_("title"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), max_length=600, blank=True)
    description = models.TextField(_("description"), max_length=LONG_TEXT, blank=True)
    description_html = models.TextField(_("description (HTML)"), blank=True, default="", editable=False)
    action_lines = models.ManyToManyField(
        "portal.ActionLine", verbose_name=_("WSIS action lines"), blank=True, related_name="projects"
    )
    sdgs = models.ManyToManyField("portal.SDG", verbose_name=_("SDGs"), blank=True, related_name="projects")
    themes = models.ManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="projects")
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ONGOING)
    website = models.URLField(_("website"), blank=True)
    english_page_url = models.URLField(_("English page"), blank=True)
    imported = models.BooleanField(_("imported"), default=False, help_text=_("Created by an import, to be reviewed."))

    markdown_fields = ("description",)

    class Meta:
        ordering = ["-start_year", "slug"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            # The latest published projects (home), and the counts of the project lists and the API with their
            # filters read from this index alone, not from the wide rows (six languages of three texts).
            models.Index(
                fields=["review_state", "-published_at"],
                include=["status", "start_year", "end_year", "agency", "id"],
                name="project_state_published_idx",
            ),
            # Meta.ordering, the admin changelist's order: its first page without sorting every project.
            models.Index(fields=["-start_year", "slug"], name="project_start_year_slug_idx"),
            # The admin's date hierarchy: first and last submission, the years.
            models.Index(fields=["submitted_at"], name="project_submitted_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(end_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="project_years_in_order",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True) | models.Q(start_year__gte=1950, start_year__lte=2100),
                name="project_start_year_range",
                violation_error_message=_("Enter a year between 1950 and 2100."),
            ),
            models.CheckConstraint(
                condition=~models.Q(review_state=ReviewState.PUBLISHED) | models.Q(published_at__isnull=False),
                name="project_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("project_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if not has_fallback_text({code: getattr(self, f"title_{code}") for code in CODES}):
            raise ValidationError(
                {"title_tr": _("Give the title in Turkish or in English, so every language can show it.")}
            )

    def involves(self, agency_id: int) -> bool:
        """The agency runs the project or is one of its accepted partners (who may record its awards, grants…)."""
        return (
            self.agency_id == agency_id
            or self.partnerships.filter(agency_id=agency_id, state=PartnershipState.ACCEPTED).exists()
        )

    @property
    def years(self) -> str:
        if self.start_year and self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or "")


class PartnershipState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class ProjectPartner(models.Model):
    """An agency named as a partner of a project: listed with the project, and allowed to report with it, only once
    one of its contacts or a working-group admin accepted (`portal.partnerships`)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partnerships"
    )
    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("partner agency"), on_delete=models.CASCADE, related_name="partnerships"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=PartnershipState.choices, default=PartnershipState.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["project", "agency"]
        verbose_name = _("project partnership")
        verbose_name_plural = _("project partnerships")
        constraints = [
            models.UniqueConstraint(fields=["project", "agency"], name="project_partner_unique"),
        ]
        indexes = [
            # An agency's accepted partnerships (its profile, what it may report with) and its proposals.
            models.Index(fields=["agency", "state"], name="project_partner_agency_state"),
        ]

    def __str__(self):
        return f"{self.project} – {self.agency}"

    @property
    def is_proposed(self) -> bool:
        return self.state == PartnershipState.PROPOSED


class ProjectListing(models.Model):
    """Where the project is listed on an international portal of good practices."""

    class Portal(models.TextChoices):
        WSIS_STOCKTAKING = "wsis_stocktaking", _("WSIS Stocktaking")
        JOINUP = "joinup", _("Interoperable Europe / Joinup")
        OECD_OPSI = "oecd_opsi", _("OECD OPSI case study library")
        UN_EGOV = "un_egov", _("UN e-Government knowledge base")
        OTHER = "other", _("other portal")

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="listings")
    portal = models.CharField(_("portal"), max_length=20, choices=Portal.choices)
    url = models.URLField(_("address"))
    listed_on = models.DateField(_("listed on"), null=True, blank=True)

    class Meta:
        ordering = ["portal"]
        verbose_name = _("portal listing")
        verbose_name_plural = _("portal listings")
        constraints = [models.UniqueConstraint(fields=["project", "url"], name="listing_unique_url")]

    def __str__(self):
        return f"{self.get_portal_display()}: {self.url}"


class PromoMaterial(ReviewedRecord):
    """A poster, brochure or film about the project: an uploaded file or a link. Its `agency` is the project's.
    A contact's material on a published project waits for the working group's review; on a project not yet
    published it is published with the project (`portal.materials`)."""

    class Kind(models.TextChoices):
        POSTER = "poster", _("poster")
        BROCHURE = "brochure", _("brochure")
        FILM = "film", _("film")
        PRESENTATION = "presentation", _("presentation")
        OTHER = "other", _("other")

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="promo/%Y/", blank=True, validators=[validate_upload])
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("promotional material")
        verbose_name_plural = _("promotional materials")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="material_file_or_link",
                violation_error_message=_("Give either a file or a link, not both."),
            )
        ]

    def __str__(self):
        return self.title
