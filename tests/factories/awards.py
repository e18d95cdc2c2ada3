"""Factories of the awards area: editions of the reference programmes, their results, agencies' applications."""

import datetime as dt

import factory
from django.utils import timezone

from awards.models import AwardApplication, AwardCategory, AwardEdition, AwardProgramme, AwardResult
from tests.factories.portal import AgencyFactory, ProjectFactory


def award_programme(slug="wsis-prizes"):
    """A programme of the reference data (awards migration 0002)."""
    return AwardProgramme.objects.get(slug=slug)


def award_category(code, programme="wsis-prizes"):
    return AwardCategory.objects.get(programme__slug=programme, code=code)


class AwardEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardEdition

    programme = factory.LazyFunction(award_programme)
    year = factory.Sequence(lambda n: 2030 + n)
    nomination_deadline = factory.LazyAttribute(lambda edition: dt.date(edition.year, 3, 15))
    tz = "Europe/Zurich"

    class Params:
        # An edition whose nominations closed long ago (1990–1994, years no other factory call uses): its
        # applications may have been won.
        past = factory.Trait(year=factory.Sequence(lambda n: 1990 + n % 5))


def award_result(edition, agency, code, outcome="winner", project=None, programme="wsis-prizes", verified=True):
    """A line of the results inventory in the category `code` of `programme` (None: no category), verified by the
    working group (public) unless `verified` is False."""
    return AwardResult.objects.create(
        verified_at=timezone.now() if verified else None,
        edition=edition,
        agency=agency,
        category=award_category(code, programme) if code else None,
        outcome=outcome,
        project=project,
        evidence_url=f"https://example.org/{agency.slug}/{code}",
    )


class AwardApplicationFactory(factory.django.DjangoModelFactory):
    """A planned application, not yet reported to the working group (a draft), of a published project of the agency
    to a new WSIS Prizes edition, in no category."""

    class Meta:
        model = AwardApplication

    agency = factory.SubFactory(AgencyFactory)
    project = factory.SubFactory(ProjectFactory, agency=factory.SelfAttribute("..agency"), published=True)
    edition = factory.SubFactory(AwardEditionFactory)


def application_report_data(application=None, /, **changes) -> dict:
    """The application form (`awards.forms.ApplicationForm`) as `application` stands (empty without one), with
    `changes`."""
    data = {}
    if application is not None:
        data = {
            "project": application.project_id,
            "edition": application.edition_id,
            "category": application.category_id or "",
            "state": application.state,
            "submitted_on": application.submitted_on.isoformat() if application.submitted_on else "",
            "decided_on": application.decided_on.isoformat() if application.decided_on else "",
            "evidence_url": application.evidence_url,
            "notes": application.notes,
        }
    return {**data, **changes}
