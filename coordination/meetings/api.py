"""API v1 of the meetings part: the coordination bodies, their meetings and resolutions (public, read-only; the
working group writes them in the back-office) and the progress notes on resolutions (published ones for everyone;
the contacts of a resolution's responsible agencies also see and report their agency's)."""

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets

from coordination.meetings import selectors, services
from coordination.meetings.filters import MeetingFilter, ProgressNoteFilter, ResolutionFilter
from coordination.meetings.models import Body, Meeting, MeetingAttachment, ProgressNote, Resolution
from portal.api import (
    SLUG_REGEX,
    CanChangeRecord,
    ModelSerializer,
    ReportedRecordSerializer,
    RevisionStatusMixin,
    SlugRelatedField,
)
from portal.languages import translated_fields
from portal.models import Agency, ReviewState

ID_REGEX = r"[0-9]{1,18}"


class BodySerializer(ModelSerializer):
    """A coordination body and its member agencies (slugs). `name` and `description` in the request's language."""

    convener = SlugRelatedField(slug_field="slug", read_only=True)
    parent = SlugRelatedField(slug_field="slug", read_only=True)
    members = SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Body
        fields = ["slug", "name", "acronym", "kind", "description", "convener", "parent", "members", "website"]
        read_only_fields = fields


class MeetingAttachmentSerializer(ModelSerializer):
    class Meta:
        model = MeetingAttachment
        fields = ["title", "file"]
        read_only_fields = fields


class MeetingSerializer(ModelSerializer):
    """A meeting: `held_on` and `start_time` are local to its IANA zone `tz`, `starts_at` its first instant in UTC;
    `date_is_approximate` when the sources give no exact date. `minutes_html` is the rendered Markdown;
    `attachments` the files of the minutes."""

    body = SlugRelatedField(slug_field="slug", read_only=True)
    attendees = SlugRelatedField(slug_field="slug", many=True, read_only=True)
    starts_at = serializers.SerializerMethodField()
    attachments = MeetingAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "number",
            "title",
            "held_on",
            "start_time",
            "tz",
            "starts_at",
            "date_is_approximate",
            "place",
            "online_url",
            "attendees",
            "agenda",
            "minutes_html",
            "attachments",
            "source_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_starts_at(self, obj) -> str:
        return obj.starts_at().astimezone(dt.UTC).isoformat()


class ResolutionSerializer(ModelSerializer):
    """A resolution: `due_on` (and `due_time`) local to its zone `tz`, `due_at` the instant in UTC (23:59 that day
    there when no time is given); `overdue` when still open or in progress after it. `responsible`: agency slugs."""

    body = serializers.SlugRelatedField(source="meeting.body", slug_field="slug", read_only=True)
    responsible = SlugRelatedField(slug_field="slug", many=True, read_only=True)
    due_at = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = [
            "id",
            "meeting",
            "body",
            "number",
            "text",
            "responsible",
            "due_on",
            "due_time",
            "tz",
            "due_at",
            "overdue",
            "state",
            "state_note",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_due_at(self, obj) -> str | None:
        return obj.due_at.astimezone(dt.UTC).isoformat() if obj.due_at else None

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue()


class ProgressNoteSerializer(ReportedRecordSerializer):
    """Progress a responsible agency reports on a resolution. A contact's note is its own agency's (`agency` may be
    left out; another agency is refused), on a resolution its agency is responsible for, and a draft until the
    working group publishes it. `state` is set by working-group admins only. `text` in the request's language;
    write `text_<lang>`."""

    resolution = serializers.PrimaryKeyRelatedField(queryset=Resolution.objects.all())
    agency = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    text = serializers.CharField(read_only=True)
    state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, required=False)

    save_record = staticmethod(services.save_note)

    class Meta:
        model = ProgressNote
        fields = ["id", "resolution", "agency", "text", *translated_fields("text"), "state", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {field: {"write_only": True, "required": False} for field in translated_fields("text")}


class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Every coordination body (councils, working groups, clusters) with its member agencies."""

    serializer_class = BodySerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return Body.objects.select_related("convener", "parent").prefetch_related("members").order_by("slug")


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Every meeting of every body, the latest first."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return selectors.meetings().prefetch_related("attendees", "attachments")


class ResolutionViewSet(viewsets.ReadOnlyModelViewSet):
    """Every resolution, in the order the meetings took them; `overdue=true`: still open after its due date."""

    serializer_class = ResolutionSerializer
    filterset_class = ResolutionFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return selectors.resolutions()


class ProgressNoteViewSet(
    RevisionStatusMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress notes on resolutions: the published ones, plus every one of the user's own agency. The contacts of
    a resolution's responsible agencies report their agency's (POST) and correct them (PATCH); there is no DELETE."""

    serializer_class = ProgressNoteSerializer
    filterset_class = ProgressNoteFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanChangeRecord]
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.notes_visible_to(self.request.user).order_by("-created_at", "-pk")
