"""Factories of the coordination area's circulars: distribution lists and circular letters in their own zone."""

import factory

from coordination.circulars.models import Circular, CircularVisibility, DistributionList
from tests.factories.dates import in_days
from tests.factories.portal import AgencyFactory

# A small valid one-page PDF, as a circular's or an answer's attachment.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class DistributionListFactory(factory.django.DjangoModelFactory):
    """A list of `agencies` (give them: `DistributionListFactory(agencies=[a, b])`)."""

    class Meta:
        model = DistributionList
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"list-{n}")
    name = factory.Sequence(lambda n: f"Liste {n}")
    name_en = factory.Sequence(lambda n: f"List {n}")

    @factory.post_generation
    def agencies(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.agencies.set(extracted)


class CircularFactory(factory.django.DjangoModelFactory):
    """A draft addressees-only circular of a new agency, due in 20 days (23:59 in Istanbul); send it with
    `coordination.circulars.services.send_circular`."""

    class Meta:
        model = Circular

    reference = factory.Sequence(lambda n: f"E-2026/{n}")
    dated_on = factory.LazyFunction(lambda: in_days(-1, "Europe/Istanbul"))
    sender = factory.SubFactory(AgencyFactory)
    contact_name = "Handan Cantekinler"
    contact_role = "Bilişim Başuzmanı"
    contact_email = "handan@sender.example"
    contact_phone = "0312 412 12 54"
    subject = factory.Sequence(lambda n: f"Genelge {n}")
    subject_en = factory.Sequence(lambda n: f"Circular {n}")
    body = "Sayın ilgili,\n\n**WSIS** ödülleri için başvuru yapınız."
    requested_action = "Projelerinizi aday gösteriniz."
    requested_action_en = "Nominate your projects."
    reply_due_on = factory.LazyFunction(lambda: in_days(20, "Europe/Istanbul"))
    tz = "Europe/Istanbul"
    visibility = CircularVisibility.ADDRESSEES

    class Params:
        public = factory.Trait(visibility=CircularVisibility.PUBLIC)


def sent_circular(agencies, *, by=None, **kwargs) -> Circular:
    """A circular sent to a new list of `agencies` (its mails queued)."""
    from coordination.circulars.services import send_circular

    circular = CircularFactory(**kwargs)
    send_circular(circular, by, DistributionListFactory(agencies=list(agencies)))
    circular.refresh_from_db()
    return circular


__all__ = ["PDF", "CircularFactory", "DistributionListFactory", "sent_circular"]
