"""The library's guides: a guide (roadmap, analysis, inventory, guideline, application guide, checklist, template)
under one or more of the working group's eight sub-topics, linked to what it serves (an award programme or edition,
a fund programme or call, an event, a circular), written by an agency for an audience, with a Markdown body in six
languages (stored rendered and sanitised), attachments checked by content, a review-by date in its own zone and
numbered versions, each a copy of the guide as published with its change note.

A guide is a reported record: an agency's contact proposes a guide or a change, the working group publishes it;
every publication is a new `GuideVersion`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.markdown import RenderedMarkdown
from portal.models.contacts import validate_time_zone
from portal.models.fields import LONG_TEXT, SHORT_TEXT, ChoiceListField
from portal.models.reviews import ReviewedRecord
from portal.uploads import validate_document

__all__ = [
    "Audience",
    "Guide",
    "GuideAttachment",
    "GuideKind",
    "GuideVersion",
    "Subtopic",
]


class GuideKind(models.TextChoices):
    ROADMAP = "roadmap", _("roadmap")
    ANALYSIS = "analysis", _("analysis")
    INVENTORY = "inventory", _("inventory")
    GUIDELINE = "guideline", _("guideline")
    APPLICATION_GUIDE = "application_guide", _("application guide")
    CHECKLIST = "checklist", _("checklist")
    TEMPLATE = "template", _("template")


class Subtopic(models.TextChoices):
    """The working group's eight fields of work (seed 000). No code contains another (ChoiceListField)."""

    AWARDS = "awards", _("award applications")
    FUNDS = "funds", _("funds")
    EVENTS = "events", _("fairs and events")
    WEBSITES = "websites", _("English websites")
    PORTALS = "portals", _("international portals")
    MATERIALS = "materials", _("promotional material")
    COORDINATION = "coordination", _("inter-ministry coordination")
    PRIVATE_SECTOR = "private_sector", _("private sector")


class Audience(models.TextChoices):
    """Who a guide is written for. No code contains another (ChoiceListField)."""

    AGENCIES = "agencies", _("every public agency")
    MINISTRIES = "ministries", _("ministries and central agencies")
    LOCAL = "local", _("local governments")
    UNIVERSITIES = "universities", _("universities")
    NGOS = "ngos", _("NGOs")
    COMPANIES = "companies", _("companies")
    WORKING_GROUP = "working_group", _("the working group")


class Guide(RenderedMarkdown, ReviewedRecord):
    """A guide of the library. `version` is the number of its current published version (0 before the first);
    `change_note` says what the change being prepared changes and is copied onto the version it publishes."""

    markdown_fields = ("body",)

    agency = models.ForeignKey(
        "portal.Agency", verbose_name=_("author agency"), on_delete=models.PROTECT, related_name="guides"
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=GuideKind.choices)
    subtopics = ChoiceListField(_("sub-topics"), codes=Subtopic.choices)
    audience = ChoiceListField(_("audience"), codes=Audience.choices, blank=True)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), max_length=SHORT_TEXT, blank=True)
    body = models.TextField(_("body"), max_length=LONG_TEXT, blank=True, help_text=_("Markdown."))
    body_html = models.TextField(_("body (HTML)"), blank=True, default="", editable=False)
    # The languages its body is written in, kept from the translated bodies on save.
    languages = ChoiceListField(_("languages"), codes=settings.LANGUAGES, blank=True, editable=False)
    change_note = models.CharField(
        _("change note"), max_length=500, blank=True, help_text=_("What this change changes, for the version history.")
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    # What it serves.
    award_programme = models.ForeignKey(
        "awards.AwardProgramme",
        verbose_name=_("award programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    award_edition = models.ForeignKey(
        "awards.AwardEdition",
        verbose_name=_("award edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    fund_programme = models.ForeignKey(
        "funds.FundingProgramme",
        verbose_name=_("funding programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    fund_call = models.ForeignKey(
        "funds.FundingCall",
        verbose_name=_("funding call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    circular = models.ForeignKey(
        "coordination.Circular",
        verbose_name=_("circular letter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    # Kept current: reviewed by this local date (23:59 that day in `review_tz`), a `guide.review` deadline.
    review_by = models.DateField(_("review by"), null=True, blank=True)
    review_tz = models.CharField(
        _("time zone of the review date"), max_length=64, default="Europe/Istanbul", validators=[validate_time_zone]
    )
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    demo = models.BooleanField(_("demo"), default=False, help_text=_("Made up for the demonstration."))

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        indexes = [models.Index(fields=["review_state", "kind"], name="guide_state_kind")]

    def __str__(self):
        return self.title

    def filled_languages(self) -> list[str]:
        """The languages whose body is written."""
        return [code for code, _name in settings.LANGUAGES if (getattr(self, f"body_{code}", "") or "").strip()]

    def save(self, *args, update_fields=None, **kwargs):
        """`languages` follows the bodies written (kept on every save that writes a body)."""
        self.languages = self.filled_languages()
        if update_fields is not None and any(name.startswith("body") for name in update_fields):
            update_fields = [*update_fields, "languages"]
        return super().save(*args, update_fields=update_fields, **kwargs)


class GuideVersion(models.Model):
    """A guide as it was published: its number, title, summary and body in every language, and the change note."""

    guide = models.ForeignKey(Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), max_length=SHORT_TEXT, blank=True)
    body = models.TextField(_("body"), max_length=LONG_TEXT, blank=True)
    body_html = models.TextField(_("body (HTML)"), blank=True, default="")
    change_note = models.CharField(_("change note"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["guide", "-number"]
        verbose_name = _("guide version")
        verbose_name_plural = _("guide versions")
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="guide_version_number")]

    def __str__(self):
        return _("%(guide)s, version %(number)s") % {"guide": self.guide, "number": self.number}


class GuideAttachment(models.Model):
    """A file of a guide (PDF, Word, Excel, PowerPoint, image), checked by content, downloaded as an attachment."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        FORM = "form", _("form or template")
        POSTER = "poster", _("poster")
        BROCHURE = "brochure", _("brochure")
        PRESENTATION = "presentation", _("presentation")
        IMAGE = "image", _("image")

    guide = models.ForeignKey(Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="guides/%Y/", validators=[validate_document])
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Added by a contact to a published guide: shown to the public once the working group publishes its next version.
    pending = models.BooleanField(
        _("waiting for review"),
        default=False,
        help_text=_("Added by the agency to a published guide: public once the working group publishes a version."),
    )

    class Meta:
        ordering = ["guide", "pk"]
        verbose_name = _("guide attachment")
        verbose_name_plural = _("guide attachments")

    def __str__(self):
        return self.title
