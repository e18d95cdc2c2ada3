"""The portals part's section of the project page: the portals the project is listed on (published listings of a
published project only: the section is public), and, for the project's own agency, the way to add a listing."""

from django.urls import reverse

from guides.portals import selectors
from portal import selectors as portal_selectors
from portal.models import ReviewState
from portal.sections import Section, project_section


@project_section
def project_listings(request, project) -> Section | None:
    listings = list(selectors.project_listings(project)) if project.review_state == ReviewState.PUBLISHED else []
    contact = portal_selectors.active_contact(request.user)
    own = contact is not None and contact.agency_id == project.agency_id
    if not listings and not own:
        return None
    add_url = f"{reverse('guides:listing_create')}?project={project.slug}" if own else None
    return Section("guides/portals/project_section.html", {"listings": listings, "add_url": add_url})
