"""API v1 of the portals part: `guides/portals` (read-only: every portal with what it accepts and its count of
listed published projects) and `guides/listings` (the public listings — published, of published projects — plus
every listing of the reader's own agency; an agency's contacts add and correct their own agency's, which go to the
working group for review; a PATCH of a published one answers 202 with the change waiting for review)."""

from rest_framework import mixins, permissions, serializers, viewsets

from guides.portals import selectors, services
from guides.portals.forms import ListingFilter, PortalFilter
from guides.portals.models import InternationalPortal, PortalListing
from portal.api import (
    SLUG_REGEX,
    CanChangeRecord,
    ModelSerializer,
    ReportedRecordSerializer,
    RevisionStatusMixin,
    SlugRelatedField,
    VisibleProjectField,
)
from portal.languages import translated_fields
from portal.models import Project, ReviewState

ID_REGEX = r"[0-9]{1,18}"


class PortalSerializer(ModelSerializer):
    """A portal: `name`, `accepts` and `how_to_list_html` (sanitised) in the request's language; `status`
    (`active` or `closed`) with `closed_year`; `guide` the slug of its published guide (null when none);
    `project_count` the published projects listed there."""

    guide = serializers.SerializerMethodField()
    project_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = InternationalPortal
        fields = [
            "slug",
            "name",
            "acronym",
            "owner",
            "url",
            "accepts",
            "how_to_list_html",
            "status",
            "closed_year",
            "guide",
            "project_count",
            "demo",
        ]
        read_only_fields = fields

    def get_guide(self, portal) -> str | None:
        guide = selectors.published_guide(portal.guide)
        return None if guide is None else guide.slug


class ListingSerializer(ReportedRecordSerializer):
    """A project listed on a portal: `portal` and `project` by slug, `agency` (the project's, read-only), `url` of
    the entry, `listed_on`, `note` in the request's language (write `note_<lang>`). A contact lists only its own
    agency's projects; its listing goes to the working group for review. `state` is the review state."""

    portal = SlugRelatedField(slug_field="slug", queryset=InternationalPortal.objects.all())
    project = VisibleProjectField(slug_field="slug", queryset=Project.objects.none())
    agency = SlugRelatedField(slug_field="slug", read_only=True)
    note = serializers.CharField(read_only=True)
    state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, read_only=True)

    save_record = staticmethod(services.save_listing)

    class Meta:
        model = PortalListing
        fields = [
            "id",
            "portal",
            "project",
            "agency",
            "url",
            "listed_on",
            "note",
            *translated_fields("note"),
            "state",
            "demo",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "agency", "state", "demo", "created_at", "updated_at"]
        extra_kwargs = {field: {"write_only": True, "required": False} for field in translated_fields("note")}


class PortalViewSet(viewsets.ReadOnlyModelViewSet):
    """Every international portal, in the list's order, with its count of listed published projects."""

    serializer_class = PortalSerializer
    filterset_class = PortalFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return selectors.portals_with_counts().order_by("position", "slug")


class ListingViewSet(
    RevisionStatusMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Listings: the public ones, plus every one of the reader's own agency. An agency's contacts add theirs
    (POST) and correct them (PATCH); there is no PUT and no DELETE."""

    serializer_class = ListingSerializer
    filterset_class = ListingFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanChangeRecord]
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.listings_visible_to(self.request.user).order_by("portal__position", "portal__slug", "pk")
