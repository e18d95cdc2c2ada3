"""API v1 of the awards area: programmes, their categories and editions, the results inventory (public,
read-only) and the agencies' applications (their own agency's, for agency contacts)."""

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets

from awards import selectors, services
from awards.filters import ApplicationFilter, CategoryFilter, EditionFilter, ResultFilter
from awards.models import AwardApplication, AwardCategory, AwardEdition, AwardProgramme, AwardResult
from portal.api import (
    SLUG_REGEX,
    CanChangeRecord,
    ModelSerializer,
    ReportedRecordSerializer,
    RevisionStatusMixin,
    SlugRelatedField,
)
from portal.models import Agency, Project, ReviewState

ID_REGEX = r"[0-9]{1,18}"
NULLABLE_DATETIME = {"type": "string", "format": "date-time", "nullable": True}


class ProgrammeSerializer(ModelSerializer):
    """`name`, `organiser`, `description`, `eligibility` in the request's language."""

    themes = SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = AwardProgramme
        fields = [
            "slug",
            "name",
            "acronym",
            "organiser",
            "website",
            "description",
            "eligibility",
            "frequency",
            "themes",
        ]
        read_only_fields = fields


class CategorySerializer(ModelSerializer):
    """`title` in the request's language; the action lines, SDGs and themes a project can match."""

    programme = SlugRelatedField(slug_field="slug", read_only=True)
    action_lines = SlugRelatedField(slug_field="code", many=True, read_only=True)
    sdgs = SlugRelatedField(slug_field="number", many=True, read_only=True)
    themes = SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = AwardCategory
        fields = ["id", "programme", "code", "title", "position", "action_lines", "sdgs", "themes"]
        read_only_fields = fields


class EditionSerializer(ModelSerializer):
    """One year's call. `nomination_deadline` is the instant in UTC; `nomination_deadline_local` the same in the
    edition's zone `tz`; `nomination_deadline_date_only` says the organiser gave no time (23:59 that day).
    `texts_to_confirm` names the texts (e.g. `ceremony_place`) carried over from the previous edition that a
    curator has not confirmed yet."""

    programme = SlugRelatedField(slug_field="slug", read_only=True)
    nomination_deadline = serializers.SerializerMethodField()
    nomination_deadline_local = serializers.SerializerMethodField()
    nomination_deadline_date_only = serializers.SerializerMethodField()
    texts_to_confirm = serializers.SerializerMethodField()

    class Meta:
        model = AwardEdition
        fields = [
            "id",
            "programme",
            "year",
            "nomination_opens",
            "nomination_deadline",
            "tz",
            "nomination_deadline_local",
            "nomination_deadline_date_only",
            "voting_starts",
            "voting_ends",
            "ceremony_on",
            "ceremony_place",
            "url",
            "guide_url",
            "tentative",
            "texts_to_confirm",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_texts_to_confirm(self, obj) -> list[str]:
        return sorted(obj.unconfirmed_texts)

    @extend_schema_field(NULLABLE_DATETIME)
    def get_nomination_deadline(self, obj) -> str | None:
        due = obj.nomination_deadline_at
        return None if due is None else due.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")

    @extend_schema_field(NULLABLE_DATETIME)
    def get_nomination_deadline_local(self, obj) -> str | None:
        due = obj.nomination_deadline_at
        return None if due is None else due.isoformat()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_nomination_deadline_date_only(self, obj) -> bool:
        return obj.nomination_deadline_time is None


class ResultSerializer(ModelSerializer):
    """A line of the inventory. `project` is the slug of a published project (`null` otherwise); `notes` in the
    request's language. No agency contact appears."""

    programme = serializers.CharField(source="edition.programme.slug", read_only=True)
    year = serializers.IntegerField(source="edition.year", read_only=True)
    category = serializers.CharField(source="category.code", read_only=True, allow_null=True, default=None)
    agency = SlugRelatedField(slug_field="slug", read_only=True)
    project = serializers.SerializerMethodField()

    class Meta:
        model = AwardResult
        fields = [
            "id",
            "programme",
            "year",
            "edition",
            "category",
            "agency",
            "project",
            "outcome",
            "evidence_url",
            "notes",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "nullable": True})
    def get_project(self, obj) -> str | None:
        project = obj.project
        return project.slug if project and project.review_state == ReviewState.PUBLISHED else None


class ApplicationSerializer(ReportedRecordSerializer):
    """An agency's application. A contact's is its own agency's (`agency` may be left out); `project` is a
    project of the agency or one it is a partner in; `category` the id of a category of the edition's
    programme. `state` is how far it went with the organiser (not `won` while the edition's nominations are open);
    `review_state` where the working group's review stands (set by working-group admins only). A won application's
    result enters the inventory once the working group has published it, and is public once the working group has
    verified it against `evidence_url`; an application no longer won withdraws its result."""

    agency = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    project = SlugRelatedField(slug_field="slug", queryset=Project.objects.none())
    programme = serializers.CharField(source="edition.programme.slug", read_only=True)
    year = serializers.IntegerField(source="edition.year", read_only=True)

    save_record = staticmethod(services.save_application)

    class Meta:
        model = AwardApplication
        fields = [
            "id",
            "agency",
            "project",
            "edition",
            "programme",
            "year",
            "category",
            "state",
            "outcome",
            "evidence_url",
            "submitted_on",
            "decided_on",
            "notes",
            "review_state",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "review_state", "created_at", "updated_at"]


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return AwardProgramme.objects.prefetch_related("themes").order_by("slug")


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CategorySerializer
    filterset_class = CategoryFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            AwardCategory.objects.select_related("programme")
            .prefetch_related("action_lines", "sdgs", "themes")
            .order_by("programme__slug", "position", "code", "pk")
        )


class EditionViewSet(viewsets.ReadOnlyModelViewSet):
    """Editions, latest first. `open=true`: nominations still accepted."""

    serializer_class = EditionSerializer
    filterset_class = EditionFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return AwardEdition.objects.select_related("programme").order_by("-year", "programme__slug", "pk")


class ResultViewSet(viewsets.ReadOnlyModelViewSet):
    """The results inventory: which agency reached which outcome, with which project, in which category."""

    serializer_class = ResultSerializer
    filterset_class = ResultFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return selectors.results_inventory().order_by(
            "-edition__year", "edition__programme__slug", "category__position", "pk"
        )


class ApplicationViewSet(
    RevisionStatusMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The applications of the user's own agency (every agency's, for working-group admins)."""

    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    permission_classes = [permissions.IsAuthenticated, CanChangeRecord]
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return selectors.applications_visible_to(self.request.user).order_by("-edition__year", "agency__slug", "pk")
