"""Pages of the portals part: the international portals with what each accepts and how many published projects
are listed there, a portal with its listed projects, and — for the working group — the published projects listed
nowhere (with a CSV download). Only published listings of published projects appear on the public pages."""

import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _gettext

from guides.portals import selectors
from guides.portals.forms import UnlistedFilter
from portal import imports
from portal import selectors as portal_selectors

PAGE_SIZE = 25


def portal_list(request):
    """Every portal with what it accepts, its status, its count of listed published projects and its guide."""
    portals = list(selectors.portals_with_counts())
    rows = [(portal, selectors.published_guide(portal.guide), selectors.guide_url(portal.guide)) for portal in portals]
    guide = selectors.portals_guide()
    return render(
        request,
        "guides/portals/portal_list.html",
        {
            "rows": rows,
            "guide": guide,
            "guide_url": selectors.guide_url(guide),
            "may_list": selectors.may_list(request.user),
            "is_admin": portal_selectors.is_working_group_admin(request.user),
        },
    )


def portal_detail(request, slug):
    """A portal: what it accepts, how to get listed, its guide, and the published projects listed there."""
    portal = get_object_or_404(selectors.portals_with_counts(), slug=slug)
    page = Paginator(selectors.portal_listings(portal), PAGE_SIZE).get_page(request.GET.get("page"))
    guide = selectors.portals_guide()
    return render(
        request,
        "guides/portals/portal_detail.html",
        {
            "portal": portal,
            "portal_guide": selectors.published_guide(portal.guide),
            "portal_guide_url": selectors.guide_url(portal.guide),
            "guide": guide,
            "guide_url": selectors.guide_url(guide),
            "page": page,
            "may_list": selectors.may_list(request.user) and not portal.is_closed,
        },
    )


def _unlisted_csv(qs) -> HttpResponse:
    out = io.StringIO()
    header = [
        _gettext("project"),
        _gettext("address"),
        _gettext("agency"),
        _gettext("kind of agency"),
        _gettext("country"),
    ]
    rows = (
        (
            project.title,
            settings.SITE_URL + project.get_absolute_url(),
            project.agency.name,
            project.agency.kind,
            project.agency.country.code,
        )
        for project in qs.iterator(chunk_size=500)
    )
    imports.write_csv_rows(header, rows, out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="unlisted-projects.csv"'
    return response


@login_required
def unlisted(request):
    """For working-group admins: the published projects with no published listing on any portal, with their
    agency, filtered by the agency's kind and country; `?format=csv` downloads exactly them."""
    if not portal_selectors.is_working_group_admin(request.user):
        raise PermissionDenied
    everything = selectors.unlisted_projects()
    filterset = UnlistedFilter(request.GET, queryset=everything)
    valid = filterset.is_valid()
    qs = filterset.qs if valid else everything.none()
    if valid and request.GET.get("format") == "csv":
        return _unlisted_csv(qs)
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return render(
        request,
        "guides/portals/unlisted.html",
        {
            "filter": filterset,
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "csv_query": query.urlencode(),
        },
    )
