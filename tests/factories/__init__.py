"""Factories per area (tests/factories/<area>.py), every public name re-exported here:
`from tests import factories; factories.ProjectFactory(...)`."""

from tests.factories.awards import (
    AwardApplicationFactory,
    AwardEditionFactory,
    application_report_data,
    award_category,
    award_programme,
    award_result,
)
from tests.factories.circulars import PDF, CircularFactory, DistributionListFactory, sent_circular
from tests.factories.dates import in_days, today_in
from tests.factories.events import EventFactory, ParticipationFactory, participation_report_data
from tests.factories.funds import (
    FunderFactory,
    FundingCallFactory,
    FundingProgrammeFactory,
    GrantFactory,
    grant_report_data,
)
from tests.factories.guides import GuideAttachmentFactory, GuideFactory
from tests.factories.guides_follows import GuideFollowFactory, publish_guide_version
from tests.factories.guides_materials import (
    MaterialDetailsFactory,
    PromoMaterialFactory,
    bomb_png,
    pdf_bytes,
    png_bytes,
)
from tests.factories.guides_portals import InternationalPortalFactory, PortalListingFactory
from tests.factories.meetings import BodyFactory, MeetingFactory, ProgressNoteFactory, ResolutionFactory
from tests.factories.participation import agency_invitation, circular_recipient, coverage_circular
from tests.factories.portal import (
    PASSWORD,
    AgencyDomainFactory,
    AgencyFactory,
    ContactFactory,
    ProjectFactory,
    UserFactory,
    admin_user,
    partners,
    registration_data,
)
from tests.factories.private_sector import (
    CompanyFactory,
    CompanyProfileFactory,
    ContributionFactory,
    IncentiveFactory,
    ProblemFactory,
    contribution_report_data,
)
from tests.factories.saved_searches import SavedSearchFactory

__all__ = [
    "PASSWORD",
    "PDF",
    "AgencyDomainFactory",
    "AgencyFactory",
    "AwardApplicationFactory",
    "AwardEditionFactory",
    "BodyFactory",
    "CircularFactory",
    "CompanyFactory",
    "CompanyProfileFactory",
    "ContactFactory",
    "ContributionFactory",
    "DistributionListFactory",
    "EventFactory",
    "FunderFactory",
    "FundingCallFactory",
    "FundingProgrammeFactory",
    "GrantFactory",
    "GuideAttachmentFactory",
    "GuideFactory",
    "GuideFollowFactory",
    "IncentiveFactory",
    "InternationalPortalFactory",
    "MaterialDetailsFactory",
    "MeetingFactory",
    "ParticipationFactory",
    "PortalListingFactory",
    "ProblemFactory",
    "ProgressNoteFactory",
    "ProjectFactory",
    "PromoMaterialFactory",
    "ResolutionFactory",
    "SavedSearchFactory",
    "UserFactory",
    "admin_user",
    "agency_invitation",
    "application_report_data",
    "award_category",
    "award_programme",
    "award_result",
    "bomb_png",
    "circular_recipient",
    "contribution_report_data",
    "coverage_circular",
    "grant_report_data",
    "in_days",
    "participation_report_data",
    "partners",
    "pdf_bytes",
    "png_bytes",
    "publish_guide_version",
    "registration_data",
    "sent_circular",
    "today_in",
]
