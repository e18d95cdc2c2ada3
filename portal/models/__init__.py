"""The portal's core records: agencies and their contacts, projects, reference lists."""

from portal.models.agencies import Agency, AgencyDomain, EnglishWebsiteState
from portal.models.alerts import (
    AlertDelivery,
    Delivery,
    DeliveryState,
    PlanningRun,
    Subscription,
    SubscriptionLead,
)
from portal.models.contacts import Contact
from portal.models.deadlines import Audience, Deadline, DeadlineKind, Topic
from portal.models.outbox import MailKind, OutboxMail
from portal.models.projects import (
    PartnershipState,
    Project,
    ProjectListing,
    ProjectPartner,
    ProjectStatus,
    PromoMaterial,
)
from portal.models.ratelimits import RateLimitCounter
from portal.models.reference import SDG, ActionLine, Theme
from portal.models.reviews import ReportedRecord, ReviewedRecord, ReviewerSettings, ReviewNotice, ReviewState
from portal.models.revisions import Revision, RevisionState
from portal.models.saved_searches import MAX_SAVED_SEARCHES, Frequency, SavedSearch, SavedSearchMatch
from portal.models.search import SearchDocument, SearchEntry, SearchFacet

__all__ = [
    "MAX_SAVED_SEARCHES",
    "SDG",
    "ActionLine",
    "Agency",
    "AgencyDomain",
    "AlertDelivery",
    "Audience",
    "Contact",
    "Deadline",
    "DeadlineKind",
    "Delivery",
    "DeliveryState",
    "EnglishWebsiteState",
    "Frequency",
    "MailKind",
    "OutboxMail",
    "PartnershipState",
    "PlanningRun",
    "Project",
    "ProjectListing",
    "ProjectPartner",
    "ProjectStatus",
    "PromoMaterial",
    "RateLimitCounter",
    "ReportedRecord",
    "ReviewNotice",
    "ReviewState",
    "ReviewedRecord",
    "ReviewerSettings",
    "Revision",
    "RevisionState",
    "SavedSearch",
    "SavedSearchMatch",
    "SearchDocument",
    "SearchEntry",
    "SearchFacet",
    "Subscription",
    "SubscriptionLead",
    "Theme",
    "Topic",
]
