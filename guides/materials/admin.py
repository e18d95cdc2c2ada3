"""Back-office of the materials part (working-group admins only): the details agencies write about their
promotional materials, published or sent back like every reviewed record (an admin's own edits are published at
once, through `services.save_details`), and the thumbnails, with a "rebuild thumbnail" action that asks the worker
for a new one."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from guides.materials import services, tasks, thumbnails
from guides.materials.models import AttachmentThumbnail, MaterialDetails, MaterialThumbnail
from portal.admin import WorkingGroupAdmin
from portal.admin_reviews import ReviewedAdmin


def _rebuild(model_admin, request, pairs) -> None:
    count = 0
    for source, pk in pairs:
        tasks.enqueue(source, pk, force=True)
        count += 1
    model_admin.message_user(
        request,
        ngettext("A new thumbnail is asked for %(n)d file.", "New thumbnails are asked for %(n)d files.", count)
        % {"n": count},
        messages.SUCCESS,
    )


@admin.register(MaterialDetails)
class MaterialDetailsAdmin(ReviewedAdmin, WorkingGroupAdmin, TabbedTranslationAdmin):
    list_display = ["material", "agency", "language", "year", "review_state", "submitted_at", "published_at", "demo"]
    list_select_related = ["material", "agency"]
    list_filter = ["review_state", "language", "demo", "material__kind"]
    search_fields = ["material__title", "agency__slug"]
    fields = ["material", "agency", "language", "year", "lessons", "demo", "thumbnail_preview"]
    raw_id_fields = ["material"]
    actions = ["publish", "request_changes", "rebuild_thumbnail"]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "agency", "thumbnail_preview"]
        return [*fields, "material"] if obj is not None else fields

    @admin.display(description=_("thumbnail"))
    def thumbnail_preview(self, details):
        thumb = getattr(details.material, "thumbnail", None) if details and details.material_id else None
        if thumb is None:
            return "—"
        return thumb.get_error_display() if thumb.error else format_html("{}", thumb.image.name)

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.EDITABLE if name in form.cleaned_data}
        saved = services.save_details(request.user, obj.material, data)
        if "demo" in form.changed_data:
            MaterialDetails.objects.filter(pk=saved.pk).update(demo=form.cleaned_data["demo"])
        obj.pk = saved.pk

    @admin.action(description=_("Rebuild the thumbnail"), permissions=["change"])
    def rebuild_thumbnail(self, request, queryset):
        _rebuild(
            self, request, [("material", material_id) for material_id in queryset.values_list("material_id", flat=True)]
        )


class ThumbnailAdmin(WorkingGroupAdmin, admin.ModelAdmin):
    """Thumbnails are made by the worker; here they are read and rebuilt, never typed."""

    source = ""
    list_display = ["__str__", "source", "width", "height", "error", "made_at"]
    list_filter = ["error"]
    readonly_fields = ["image", "source", "width", "height", "error", "made_at"]
    actions = ["rebuild_thumbnail"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Rebuild the thumbnail"), permissions=["change"])
    def rebuild_thumbnail(self, request, queryset):
        field = thumbnails.SOURCES[self.source][2]
        _rebuild(self, request, [(self.source, pk) for pk in queryset.values_list(f"{field}_id", flat=True)])


@admin.register(MaterialThumbnail)
class MaterialThumbnailAdmin(ThumbnailAdmin):
    source = "material"
    list_select_related = ["material"]
    search_fields = ["material__title"]


@admin.register(AttachmentThumbnail)
class AttachmentThumbnailAdmin(ThumbnailAdmin):
    source = "attachment"
    list_select_related = ["attachment"]
    search_fields = ["attachment__title"]
