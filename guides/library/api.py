"""API v1 of the library: guides (published ones for everyone; a contact also its agency's drafts; admins all),
their versions and their files' metadata (read-only). A contact proposes its agency's guides (POST, a draft) and
changes them (PATCH): a change to a published guide is stored for the working group's review (202)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets

from guides.library import selectors, services
from guides.library.filters import GuideAttachmentFilter, GuideFilter, GuideVersionFilter
from guides.library.models import Audience, Guide, GuideAttachment, GuideVersion, Subtopic
from portal.api import (
    SLUG_REGEX,
    CanChangeRecord,
    FlatListField,
    ModelSerializer,
    ReportedRecordSerializer,
    RevisionStatusMixin,
    SlugRelatedField,
)
from portal.languages import translated_fields
from portal.models import Agency, ReviewState

ID_REGEX = r"[0-9]{1,18}"
TRANSLATED = ("title", "summary", "body", "change_note")


class GuideSerializer(ReportedRecordSerializer):
    """A guide. `title`, `summary`, `body_html` (rendered, sanitised Markdown) and `change_note` in the request's
    language; write `title_<lang>`, `summary_<lang>`, `body_<lang>` (Markdown), `change_note_<lang>`. `version` is
    the number of the current published version (0 before the first); `out_of_date` when its review-by date
    (23:59 that day in `review_tz`) has passed. A contact's guide is its own agency's and a draft until the working
    group publishes it; `state` is set by working-group admins only."""

    agency = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    body_html = serializers.CharField(read_only=True)
    change_note = serializers.CharField(read_only=True)
    subtopics = FlatListField(child=serializers.ChoiceField(choices=Subtopic.choices), max_length=8, required=False)
    audience = FlatListField(child=serializers.ChoiceField(choices=Audience.choices), max_length=8, required=False)
    languages = serializers.ListField(child=serializers.CharField(), read_only=True)
    state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, required=False)
    out_of_date = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    save_record = staticmethod(services.save_guide)

    class Meta:
        model = Guide
        fields = [
            "slug",
            "url",
            "kind",
            "subtopics",
            "audience",
            "agency",
            "title",
            "summary",
            "body_html",
            "change_note",
            *translated_fields(*TRANSLATED),
            "languages",
            "version",
            "state",
            "award_programme",
            "award_edition",
            "fund_programme",
            "fund_call",
            "event",
            "review_by",
            "review_tz",
            "out_of_date",
            "last_reviewed_at",
            "published_at",
            "updated_at",
        ]
        read_only_fields = ["slug", "version", "last_reviewed_at", "published_at", "updated_at"]
        extra_kwargs = {field: {"write_only": True, "required": False} for field in translated_fields(*TRANSLATED)}

    def get_out_of_date(self, obj) -> bool:
        return selectors.is_out_of_date(obj, self.context.setdefault("_now", timezone.now()))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        from django.urls import reverse

        return settings.SITE_URL + reverse("guides:guide", args=[obj.slug])

    def validate(self, attrs):
        if self.instance is None and not any((attrs.get(f"title_{code}") or "").strip() for code in _codes()):
            raise serializers.ValidationError({"title_en": [_("Give the title in at least one language.")]})
        if self.instance is None and not attrs.get("subtopics"):
            raise serializers.ValidationError({"subtopics": [_("Choose at least one sub-topic.")]})
        return attrs


def _codes():
    return [code for code, _name in settings.LANGUAGES]


class GuideVersionSerializer(ModelSerializer):
    """A published version of a guide: `title`, `summary`, `body_html` and `change_note` in the request's
    language, as they were published."""

    guide = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    published_at = serializers.SerializerMethodField()

    class Meta:
        model = GuideVersion
        fields = ["id", "guide", "number", "title", "summary", "body_html", "change_note", "published_at"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_published_at(self, obj) -> str:
        return obj.published_at.astimezone(dt.UTC).isoformat()


class GuideAttachmentSerializer(ModelSerializer):
    """A guide's file, its metadata only; `download` is the page that serves it as an attachment."""

    guide = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    download = serializers.SerializerMethodField()
    size = serializers.SerializerMethodField()

    class Meta:
        model = GuideAttachment
        fields = ["id", "guide", "kind", "title", "language", "size", "uploaded_at", "download"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_download(self, obj) -> str:
        from django.urls import reverse

        return settings.SITE_URL + reverse("guides:guide_attachment", args=[obj.guide.slug, obj.pk])

    def get_size(self, obj) -> int | None:
        try:
            return obj.file.size
        except (FileNotFoundError, OSError, ValueError):
            return None


class GuideViewSet(
    RevisionStatusMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The guides the user sees; an agency's contacts propose their agency's (POST) and change them (PATCH; a
    published guide's change waits for review: 202). There is no DELETE."""

    serializer_class = GuideSerializer
    filterset_class = GuideFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanChangeRecord]
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.visible_guides(self.request.user).order_by("slug")


class GuideVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Every published version of the guides the user sees (`?guide=<slug>`), the latest first."""

    serializer_class = GuideVersionSerializer
    filterset_class = GuideVersionFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return selectors.versions_visible_to(self.request.user).select_related("guide").order_by("guide_id", "-number")


class GuideAttachmentViewSet(viewsets.ReadOnlyModelViewSet):
    """The files of the guides the user sees (metadata; `download` serves the file)."""

    serializer_class = GuideAttachmentSerializer
    filterset_class = GuideAttachmentFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return selectors.attachments_visible_to(self.request.user).select_related("guide").order_by("guide_id", "pk")
