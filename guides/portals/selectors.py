"""Reads of the portals part: the portals with their counts, the listings each user may see, the projects a contact
may list, and the working group's report of published projects listed nowhere. The one rule of public visibility
is `public_listings`: published listings of published projects; everything public (lists, counts, API, the
project page) goes through it."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from guides.portals.models import InternationalPortal, PortalListing
from portal import selectors
from portal.models import Project, ReviewState

INTERNATIONAL_PORTALS_GUIDE = "international-portals"


def _listings() -> QuerySet:
    return PortalListing.objects.select_related("portal", "project", "agency")


def public_listings() -> QuerySet:
    """Listings anyone may see: published listings of published projects."""
    return _listings().filter(review_state=ReviewState.PUBLISHED, project__review_state=ReviewState.PUBLISHED)


def listings_visible_to(user) -> QuerySet:
    """The public listings, plus every listing of the user's own agency in any state (all, for working-group
    admins)."""
    if selectors.is_working_group_admin(user):
        return _listings()
    contact = selectors.active_contact(user)
    public = Q(review_state=ReviewState.PUBLISHED, project__review_state=ReviewState.PUBLISHED)
    if contact is None:
        return _listings().filter(public)
    return _listings().filter(public | Q(agency_id=contact.agency_id))


def listing_reports(user) -> QuerySet:
    """The listings a user reports: its own agency's in every state (every agency's, for admins), latest first."""
    from portal.reviews import reports_of

    return reports_of(user, _listings().order_by("-updated_at", "-pk"))


def may_list(user) -> bool:
    """Who adds listings: an active agency contact (for its own agency's projects) or a working-group admin with
    the add permission."""
    return selectors.can_add(user, PortalListing)


def listable_projects(user, agency=None) -> QuerySet:
    """The projects a listing may name: those the agency runs (a contact's own agency's; any, for an admin, or
    the given agency's)."""
    qs = Project.objects.order_by("title", "pk")
    if agency is not None:
        return qs.filter(agency=agency)
    if selectors.is_working_group_admin(user):
        return qs
    contact = selectors.active_contact(user)
    return qs.none() if contact is None else qs.filter(agency_id=contact.agency_id)


def portals_with_counts() -> QuerySet:
    """Every portal with `project_count`, the number of published projects publicly listed on it, and its guide
    when that guide is published (a correlated subquery: no join multiplies the rows)."""
    counted = (
        PortalListing.objects.filter(
            portal=OuterRef("pk"),
            review_state=ReviewState.PUBLISHED,
            project__review_state=ReviewState.PUBLISHED,
        )
        .order_by()
        .values("portal")
        .annotate(n=Count("project", distinct=True))
        .values("n")
    )
    return InternationalPortal.objects.select_related("guide").annotate(
        project_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    )


def published_guide(guide):
    """The guide when it is published, else None (a draft guide is never linked from a public page)."""
    return guide if guide is not None and guide.review_state == ReviewState.PUBLISHED else None


def portals_guide():
    """The library's published international-portals guide, or None."""
    from guides.library.models import Guide

    return Guide.objects.filter(slug=INTERNATIONAL_PORTALS_GUIDE, review_state=ReviewState.PUBLISHED).first()


def portal_listings(portal: InternationalPortal) -> QuerySet:
    """The public listings on `portal`, by project title."""
    return public_listings().filter(portal=portal).order_by("project__title", "pk")


def project_listings(project: Project) -> QuerySet:
    """The public listings of `project` (none when the project is not published)."""
    return public_listings().filter(project=project).order_by("portal__position", "portal__slug")


def unlisted_projects() -> QuerySet:
    """Published projects with no public listing on any portal, with their agency, by agency then title."""
    listed = PortalListing.objects.filter(review_state=ReviewState.PUBLISHED).order_by().values("project_id").distinct()
    return (
        Project.objects.filter(review_state=ReviewState.PUBLISHED)
        .exclude(pk__in=listed)
        .select_related("agency")
        .order_by("agency__name", "title", "pk")
    )


def guide_url(guide) -> str | None:
    """The address of a published guide's page, or None (no guide, a draft, or the library's page not routed)."""
    from django.urls import NoReverseMatch, reverse

    guide = published_guide(guide)
    if guide is None:
        return None
    if hasattr(guide, "get_absolute_url"):
        return guide.get_absolute_url()
    try:
        return reverse("guides:guide", kwargs={"slug": guide.slug})
    except NoReverseMatch:
        return None
