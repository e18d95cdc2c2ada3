"""Pages of the materials part: the gallery with its filters and counts, an item's page, its thumbnail and file
(served only for what the viewer sees: `selectors`), and an agency's own materials with the form of their details
(`services.save_details`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from guides.materials import selectors, services
from guides.materials.forms import DetailsForm, GalleryFilterForm
from guides.materials.models import MaterialDetails
from portal import reviews
from portal import selectors as portal_selectors
from portal.reviews import revisions


@require_safe
def gallery(request):
    """The gallery: published materials of published projects and published guides' posters, brochures,
    presentations and images, filtered by kind, agency, language and year."""
    form = GalleryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.Filters()
    page = selectors.gallery_page(filters, request.GET.get("page"))
    return render(
        request,
        "guides/materials/gallery.html",
        {
            "form": form,
            "page": page,
            "items": page.items,
            "facets": selectors.facet_counts(filters),
            "filtered": any(filters.active().values()),
            "is_contact": portal_selectors.active_contact(request.user) is not None,
        },
    )


@require_safe
def item(request, source, pk):
    found = selectors.gallery_item(source, pk)
    if found is None:
        raise Http404
    may_edit = found.source == "material" and portal_selectors.can_change(request.user, found.record)
    return render(request, "guides/materials/item.html", {"item": found, "may_edit": may_edit})


def _serve(file_field, *, as_attachment: bool, content_type=None):
    try:
        handle = file_field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=file_field.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )


@require_safe
def thumbnail(request, source, pk):
    thumb = selectors.thumbnail_for(request.user, source, pk)
    if thumb is None:
        raise Http404
    response = _serve(thumb.image, as_attachment=False, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_safe
def item_file(request, source, pk):
    """A gallery item's file, downloaded as an attachment."""
    found = selectors.gallery_item(source, pk)
    if found is None or not found.record.file:
        raise Http404
    return _serve(found.record.file, as_attachment=True)


@login_required
@require_safe
def mine(request):
    """The materials of the contact's agency (every one, for working-group admins), with their details' state."""
    if not portal_selectors.active_contact(request.user) and not portal_selectors.is_working_group_admin(request.user):
        raise PermissionDenied
    materials = list(selectors.own_materials(request.user))
    pending = revisions.pending_ids(request.user, MaterialDetails) if materials else set()
    return render(request, "guides/materials/mine.html", {"materials": materials, "pending": pending})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def details(request, pk):
    """The form of a material's details, for its agency's contacts and the working-group admins."""
    material = selectors.material_for_details(request.user, pk)
    if material is None:
        raise Http404
    if not portal_selectors.can_change(request.user, material):
        raise PermissionDenied
    stored = getattr(material, "details", None)
    revision = revisions.pending_of(stored) if stored is not None else None
    shown, _m2m = revisions.proposed_version(stored, revision) if stored is not None else (None, {})
    form = DetailsForm(
        request.POST if request.method == "POST" else None, instance=shown or MaterialDetails(material=material)
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_details(request.user, material, form.data_for_service())
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            if saved.is_published and not reviews.kept_published(saved):
                messages.success(request, _("The details are published."))
            else:
                messages.success(
                    request, _("The details are saved. They are public once the working group has reviewed them.")
                )
            return redirect("guides:material_mine")
    return render(
        request,
        "guides/materials/details_form.html",
        {"form": form, "material": material, "stored": stored, "revision": revision},
    )
