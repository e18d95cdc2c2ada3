"""Factories of the funds area: funders, their programmes and calls, the grants agencies received.

Names default to the slug (a funder or programme made with `slug="koica"` is called "koica" in every language);
a call closes `days` (30) days from today in its own zone."""

from decimal import Decimal

import factory
from django.utils import timezone

from funds.models import Funder, FundingCall, FundingProgramme, Grant
from portal.models import ActionLine, ReviewState
from tests.factories.dates import in_days
from tests.factories.portal import AgencyFactory

CALL_ZONE = FundingCall._meta.get_field("tz").default  # a call's zone unless told (Europe/Brussels)


class FunderFactory(factory.django.DjangoModelFactory):
    """A bilateral donor named after its slug."""

    class Meta:
        model = Funder

    slug = factory.Sequence(lambda n: f"funder-{n}")
    name = factory.SelfAttribute("slug")
    name_en = factory.SelfAttribute("name")
    kind = Funder.Kind.BILATERAL
    website = factory.LazyAttribute(lambda funder: f"https://{funder.slug}.example")


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    """A programme of a new funder, open to every kind of agency in every country, named after its slug.
    `themes=[...]` (themes) and `action_lines=[...]` (codes) file it under them."""

    class Meta:
        model = FundingProgramme
        skip_postgeneration_save = True

    funder = factory.SubFactory(FunderFactory)
    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.SelfAttribute("slug")
    name_en = factory.SelfAttribute("name")

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def action_lines(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.action_lines.set(ActionLine.objects.filter(code__in=extracted))


class FundingCallFactory(factory.django.DjangoModelFactory):
    """An announced call of a new programme, closing `days` days from today in its own zone `tz` (a date alone:
    23:59 there; give `deadline_time` for another hour)."""

    class Meta:
        model = FundingCall

    class Params:
        days = 30

    programme = factory.SubFactory(FundingProgrammeFactory)
    title = factory.Sequence(lambda n: f"Çağrı {n}")
    title_en = factory.Sequence(lambda n: f"Call {n}")
    tz = CALL_ZONE
    deadline = factory.LazyAttribute(lambda call: in_days(call.days, call.tz))


class GrantFactory(factory.django.DjangoModelFactory):
    """A draft grant of 1,000 USD to a new agency from the programme's funder (a new funder without a programme);
    `published=True` makes it part of the public inventory."""

    class Meta:
        model = Grant

    class Params:
        published = factory.Trait(review_state=ReviewState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    programme = None
    funder = factory.Maybe(
        "programme",
        yes_declaration=factory.SelfAttribute("programme.funder"),
        no_declaration=factory.SubFactory(FunderFactory),
    )
    agency = factory.SubFactory(AgencyFactory)
    amount = Decimal("1000")
    currency = "USD"
    review_state = ReviewState.DRAFT


def grant_report_data(grant=None, /, **changes) -> dict:
    """The grant report form (`funds.report_forms.GrantReportForm`) as `grant` stands (empty without one), with
    `changes`."""
    data = {}
    if grant is not None:
        data = {
            "funder": grant.funder_id,
            "programme": grant.programme_id or "",
            "project": grant.project_id or "",
            "amount": str(grant.amount),
            "currency": grant.currency,
            "signed_on": grant.signed_on.isoformat() if grant.signed_on else "",
            "duration_months": grant.duration_months or "",
            "purpose_tr": grant.purpose_tr or "",
            "purpose_en": grant.purpose_en or "",
            "source_url": grant.source_url,
        }
    return {**data, **changes}
