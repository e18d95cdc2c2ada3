"""Factories of the coordination area's private sector part: companies, their contributions and problems, and
incentives."""

import factory
from django.utils import timezone

from coordination.private_sector.models import CompanyProfile, Contribution, Incentive, Problem
from portal.models import ReviewState
from tests.factories.events import EventFactory
from tests.factories.portal import AgencyFactory


class CompanyFactory(AgencyFactory):
    """An agency of kind company, with its profile (`company_profile__sector=…`)."""

    class Meta:
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"company-{n}")
    name = factory.Sequence(lambda n: f"Şirket {n} A.Ş.")
    name_en = factory.Sequence(lambda n: f"Company {n} Inc.")
    kind = "company"
    company_profile = factory.RelatedFactory(
        "tests.factories.private_sector.CompanyProfileFactory", factory_related_name="agency"
    )


class CompanyProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyProfile

    agency = factory.SubFactory(CompanyFactory, company_profile=None)
    sector = "software"
    size = "small"


class ContributionFactory(factory.django.DjangoModelFactory):
    """A draft sponsorship of a new event by a new company; `published=True` makes it public."""

    class Meta:
        model = Contribution

    class Params:
        published = factory.Trait(review_state=ReviewState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    agency = factory.SubFactory(CompanyFactory)
    kind = "sponsorship"
    event = factory.SubFactory(EventFactory)
    year = 2026
    review_state = ReviewState.DRAFT


class ProblemFactory(factory.django.DjangoModelFactory):
    """A draft problem of a new company; `published=True` makes it public."""

    class Meta:
        model = Problem

    class Params:
        published = factory.Trait(review_state=ReviewState.PUBLISHED, published_at=factory.LazyFunction(timezone.now))

    agency = factory.SubFactory(CompanyFactory)
    category = "payment_delays"
    description = "Payments arrive months late."
    review_state = ReviewState.DRAFT


class IncentiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incentive

    title = factory.Sequence(lambda n: f"Teşvik {n}")
    title_tr = factory.SelfAttribute("title")
    title_en = factory.Sequence(lambda n: f"Incentive {n}")
    description = "Desteğin açıklaması."
    description_en = "What the support offers."
    is_open = True


def contribution_report_data(contribution=None, /, **changes) -> dict:
    """The contribution report form as `contribution` stands (empty without one), with `changes`."""
    data = {}
    if contribution is not None:
        data = {
            "kind": contribution.kind,
            "project": contribution.project_id or "",
            "event": contribution.event_id or "",
            "award_application": contribution.award_application_id or "",
            "year": str(contribution.year),
            "amount": "" if contribution.amount is None else str(contribution.amount),
            "currency": contribution.currency,
            "description_tr": contribution.description_tr or "",
            "description_en": contribution.description_en or "",
        }
    return {**data, **changes}
