"""The portal's core records: agencies and their contacts, projects, reference lists."""

from portal.models.agencies import Agency, AgencyDomain, EnglishWebsiteState
from portal.models.contacts import Contact
from portal.models.deadlines import Audience, Deadline, DeadlineKind, Topic
from portal.models.projects import (
    ModerationState,
    Project,
    ProjectListing,
    ProjectStatus,
    PromoMaterial,
)
from portal.models.reference import SDG, ActionLine, Theme

__all__ = [
    "SDG",
    "ActionLine",
    "Agency",
    "AgencyDomain",
    "Audience",
    "Contact",
    "Deadline",
    "DeadlineKind",
    "EnglishWebsiteState",
    "ModerationState",
    "Project",
    "ProjectListing",
    "ProjectStatus",
    "PromoMaterial",
    "Theme",
    "Topic",
]
