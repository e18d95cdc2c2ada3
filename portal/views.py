"""Pages of the core: home, projects, agencies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import materials, reviews, sections, selectors, services
from portal.filters import ProjectFilter
from portal.forms import ProjectForm, PromoMaterialForm
from portal.models import Agency, Project
from portal.reviews import revisions

PAGE_SIZE = 20
HOME_DEADLINES = 5


def home(request):
    latest = selectors.published_projects().order_by("-published_at")[:6]
    return render(
        request,
        "portal/home.html",
        {
            "latest_projects": latest,
            "agency_count": Agency.objects.count(),
            # The next public deadlines (the calendar page shows a contact its agency's too).
            "upcoming_deadlines": selectors.upcoming_deadlines()[:HOME_DEADLINES],
            "viewer_tz": selectors.viewer_time_zone(request.user),
            "is_contact": selectors.active_contact(request.user) is not None,
        },
    )


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def project_list(request):
    filterset = ProjectFilter(request.GET, queryset=selectors.published_projects().order_by("slug"))
    qs = filterset.qs if filterset.is_valid() else selectors.published_projects().none()
    return render(request, "portal/project_list.html", {"filter": filterset, "page": _page(request, qs)})


def project_detail(request, slug):
    project = get_object_or_404(
        selectors.projects_visible_to(request.user).prefetch_related(
            "themes", selectors.accepted_partners_prefetch(), "listings"
        ),
        slug=slug,
    )
    can_change = selectors.can_change(request.user, project)
    own = can_change and project.is_published and not selectors.is_working_group_admin(request.user)
    return render(
        request,
        "portal/project_detail.html",
        {
            "project": project,
            "partners": selectors.accepted_partners(project),
            # Partners that have not accepted (yet): shown to those who may change the project only.
            "pending_partners": selectors.pending_partnerships(project) if can_change else (),
            "materials": selectors.materials_visible_to(request.user, project),
            "can_change": can_change,
            "revision_status": revisions.status_of(project) if own else None,
            "sections": sections.for_project(request, project),
        },
    )


def _editable(request, slug) -> Project:
    """The project if the user may change it; 404 if they may not even see it, 403 if only see."""
    project = get_object_or_404(selectors.projects_visible_to(request.user), slug=slug)
    if not selectors.can_change(request.user, project):
        raise PermissionDenied
    return project


@login_required
def project_edit(request, slug=None):
    project = _editable(request, slug) if slug else None
    if project is None and not selectors.can_create_project(request.user):
        raise PermissionDenied
    contact = selectors.active_contact(request.user)
    agency = project.agency if project else (contact.agency if contact else None)
    # A contact's published project: the form shows its pending changes, if any (saving again updates them).
    is_admin = selectors.is_working_group_admin(request.user)
    status = revisions.status_of(project) if project and project.is_published and not is_admin else None
    shown, m2m = revisions.proposed_version(project, status.waiting) if status else (project, {})
    form = ProjectForm(request.POST or None, instance=shown, agency=agency, initial=m2m)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        try:
            obj = services.save_project(request.user, obj, m2m=form.m2m_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if reviews.waiting_change(obj) is not None:
                messages.success(request, _("Your changes are waiting for review by the working group."))
            else:
                messages.success(request, _("The project is saved."))
            return redirect("project_detail", slug=obj.slug)
    return render(
        request,
        "portal/project_form.html",
        {
            "form": form,
            "project": project,
            "revision_status": status,
            "is_admin": is_admin,
        },
    )


@login_required
@require_POST
def project_submit(request, slug):
    project = _editable(request, slug)
    try:
        services.submit_project(request.user, project)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The project is submitted to the working group for review."))
    return redirect("project_detail", slug=project.slug)


@login_required
def material_add(request, slug):
    project = _editable(request, slug)
    form = PromoMaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            material = materials.add_material(request.user, project, form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if material.is_published:
                messages.success(request, _("The material is added."))
            elif material.awaits_review:
                messages.success(
                    request, _("The material is added. It is public once the working group has reviewed it.")
                )
            else:
                messages.success(request, _("The material is added. It is published with the project."))
            return redirect("project_detail", slug=project.slug)
    return render(request, "portal/material_form.html", {"form": form, "project": project})


def agency_list(request):
    qs = selectors.agencies_with_counts().order_by("slug")
    kind = request.GET.get("kind")
    if kind in Agency.Kind.values:
        qs = qs.filter(kind=kind)
    return render(
        request, "portal/agency_list.html", {"page": _page(request, qs), "kinds": Agency.Kind.choices, "kind": kind}
    )


def agency_detail(request, slug):
    agency = get_object_or_404(Agency.objects.select_related("parent"), slug=slug)
    # A page at a time, as the other lists: the big ministries run hundreds of projects.
    page = _page(request, selectors.agency_projects(agency).order_by("slug"))
    return render(
        request,
        "portal/agency_detail.html",
        {"agency": agency, "projects": page, "page": page, "sections": sections.for_agency(request, agency)},
    )


def material_download(request, slug, pk):
    """Uploaded files are always downloaded, never rendered by the browser; one waiting for review only by those
    who may change the project."""
    project = get_object_or_404(selectors.projects_visible_to(request.user), slug=slug)
    material = get_object_or_404(selectors.materials_visible_to(request.user, project).exclude(file=""), pk=pk)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=material.file.name.rsplit("/", 1)[-1])
