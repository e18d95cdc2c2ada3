"""Public agencies (ministries, local governments, universities…) and their verified domains."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.markdown import RenderedMarkdown
from portal.models.fields import LONG_TEXT


class EnglishWebsiteState(models.TextChoices):
    NONE = "none", _("none")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("current")


class Agency(RenderedMarkdown, models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        PRESIDENCY = "presidency", _("presidency")
        REGULATOR = "regulator", _("regulator")
        PUBLIC_AGENCY = "public_agency", _("public agency")
        LOCAL_GOVERNMENT = "local_government", _("local government")
        UNIVERSITY = "university", _("university")
        NGO = "ngo", _("NGO")
        INTERNATIONAL = "international", _("international organisation")
        COMPANY = "company", _("company")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "Other names the imports recognise, one a line: how organisers, the press or agencies write it "
            "(e.g. “ICT Authority” for “Information and Communication Technologies Authority”)."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = CountryField(_("country"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    english_website_url = models.URLField(_("English website"), blank=True)
    english_website_state = models.CharField(
        _("English website state"), max_length=10, choices=EnglishWebsiteState.choices, default=EnglishWebsiteState.NONE
    )
    english_website_checked_on = models.DateField(_("English website last checked"), null=True, blank=True)
    email = models.EmailField(
        _("general e-mail address"),
        blank=True,
        help_text=_(
            "The agency's public address (not a person's): the working group invites the agency to the portal there "
            "while it has no confirmed contact."
        ),
    )
    description = models.TextField(_("description"), max_length=LONG_TEXT, blank=True)
    description_html = models.TextField(_("description (HTML)"), blank=True, default="", editable=False)
    imported = models.BooleanField(_("imported"), default=False, help_text=_("Created by an import, to be reviewed."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    markdown_fields = ("description",)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="agency_not_its_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agency_detail", kwargs={"slug": self.slug})


domain_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a domain name such as btk.gov.tr, without @ or http://."),
)


class AgencyDomain(models.Model):
    """An e-mail domain that belongs to the agency: contacts with such an address join at once."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("domain"), max_length=253, validators=[domain_validator])

    class Meta:
        ordering = ["domain"]
        verbose_name = _("verified e-mail domain")
        verbose_name_plural = _("verified e-mail domains")
        constraints = [models.UniqueConstraint(Lower("domain"), name="agency_domain_unique")]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Normalise before the validator runs, as save() does: "BTK.gov.tr" is the same domain.
        self.domain = (self.domain or "").strip().lower()
        super().clean_fields(exclude=exclude)
