"""Factories of the guides area: guides of the library (published, version 1, unless told) and their attachments."""

import factory
from django.utils import timezone

from guides.library.models import Guide, GuideAttachment, GuideVersion
from portal.models import ReviewState
from tests.factories.portal import AgencyFactory


class GuideFactory(factory.django.DjangoModelFactory):
    """A published guideline on award applications, at version 1 (its version row made from it), unless told;
    `review_state=ReviewState.DRAFT` (with `version=0`) makes a draft without versions."""

    class Meta:
        model = Guide
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    slug = factory.Sequence(lambda n: f"guide-{n}")
    kind = "guideline"
    subtopics = ["awards"]
    title = factory.Sequence(lambda n: f"Rehber {n}")
    title_en = factory.Sequence(lambda n: f"Guide {n}")
    body_en = "## Steps\n\nRead the call."
    review_state = ReviewState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    version = 1

    @factory.post_generation
    def first_version(self, create, extracted, **kwargs):
        if create and self.version:
            fields = {
                f"{name}_{code}": getattr(self, f"{name}_{code}")
                for name in ("title", "summary", "body", "body_html", "change_note")
                for code in ("tr", "en", "ru", "ky", "fa", "az")
            }
            GuideVersion.objects.create(
                guide=self, number=self.version, published_at=self.published_at or timezone.now(), **fields
            )


class GuideAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideAttachment

    guide = factory.SubFactory(GuideFactory)
    title = "Form"
    file = factory.django.FileField(filename="form.pdf", data=b"%PDF-1.4\n%%EOF\n")
