"""Factories per area (tests/factories/<area>.py), every public name re-exported here:
`from tests import factories; factories.ProjectFactory(...)`."""

from tests.factories.awards import (
    AwardApplicationFactory,
    AwardEditionFactory,
    award_category,
    award_programme,
    award_result,
)
from tests.factories.dates import in_days, today_in
from tests.factories.events import EventFactory, ParticipationFactory
from tests.factories.funds import FunderFactory, FundingCallFactory, FundingProgrammeFactory, GrantFactory
from tests.factories.portal import (
    PASSWORD,
    AgencyDomainFactory,
    AgencyFactory,
    ContactFactory,
    ProjectFactory,
    UserFactory,
    admin_user,
    registration_data,
)

__all__ = [
    "PASSWORD",
    "AgencyDomainFactory",
    "AgencyFactory",
    "AwardApplicationFactory",
    "AwardEditionFactory",
    "ContactFactory",
    "EventFactory",
    "FunderFactory",
    "FundingCallFactory",
    "FundingProgrammeFactory",
    "GrantFactory",
    "ParticipationFactory",
    "ProjectFactory",
    "UserFactory",
    "admin_user",
    "award_category",
    "award_programme",
    "award_result",
    "in_days",
    "registration_data",
    "today_in",
]
