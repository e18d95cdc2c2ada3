"""API v1 of the core: agencies, projects and the reference lists."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError

from portal import selectors, services
from portal.filters import ProjectFilter
from portal.models import SDG, ActionLine, Agency, Project, Theme

LANGS = [code for code, _name in settings.LANGUAGES]


def translated(field: str) -> list[str]:
    return [f"{field}_{code}" for code in LANGS]


class ActionLineSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ActionLine
        fields = ["code", "title", "parent"]


class SDGSerializer(serializers.ModelSerializer):
    class Meta:
        model = SDG
        fields = ["number", "title"]


class AgencySerializer(serializers.ModelSerializer):
    """Public facts of an agency; its contacts and e-mail domains stay private."""

    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "country",
            "parent",
            "website",
            "english_website_url",
            "english_website_state",
            "url",
        ]

    @extend_schema_field(serializers.CharField())
    def get_url(self, obj) -> str:
        return settings.SITE_URL + obj.get_absolute_url()


class ProjectSerializer(serializers.ModelSerializer):
    """Read `title`, `summary`, `description` in the request's language; write `title_<lang>`…"""

    agency = serializers.SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    partner_agencies = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.all(), many=True, required=False
    )
    action_lines = serializers.SlugRelatedField(
        slug_field="code", queryset=ActionLine.objects.all(), many=True, required=False
    )
    sdgs = serializers.SlugRelatedField(slug_field="number", queryset=SDG.objects.all(), many=True, required=False)
    themes = serializers.SlugRelatedField(slug_field="slug", queryset=Theme.objects.all(), many=True, required=False)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "slug",
            "agency",
            "partner_agencies",
            "title",
            "summary",
            "description",
            *translated("title"),
            *translated("summary"),
            *translated("description"),
            "action_lines",
            "sdgs",
            "themes",
            "start_year",
            "end_year",
            "status",
            "website",
            "english_page_url",
            "moderation_state",
            "published_at",
            "url",
        ]
        read_only_fields = ["slug", "moderation_state", "published_at"]
        extra_kwargs = {
            f: {"write_only": True, "required": False}
            for f in translated("title") + translated("summary") + translated("description")
        }

    @extend_schema_field(serializers.CharField())
    def get_url(self, obj) -> str:
        return settings.SITE_URL + obj.get_absolute_url()

    def _save(self, instance, validated):
        m2m = {f: validated.pop(f) for f in ("partner_agencies", "action_lines", "sdgs", "themes") if f in validated}
        for key, value in validated.items():
            setattr(instance, key, value)
        user = self.context["request"].user
        try:
            return services.save_project(user, instance, m2m=m2m)
        except DjangoPermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ApiValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc

    def create(self, validated):
        return self._save(Project(), validated)

    def update(self, instance, validated):
        return self._save(instance, validated)


class CanChangeRecord(permissions.BasePermission):
    """Object-level writes go through the one rule: `selectors.can_change`."""

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or selectors.can_change(request.user, obj)


class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanChangeRecord]
    lookup_field = "slug"

    def get_queryset(self):
        return (
            selectors.projects_visible_to(self.request.user)
            .prefetch_related("partner_agencies", "themes", "action_lines__parent")
            .order_by("slug")
        )


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AgencySerializer
    lookup_field = "slug"
    filterset_fields = {"kind": ["exact"], "country": ["exact"], "parent__slug": ["exact"]}

    def get_queryset(self):
        return Agency.objects.select_related("parent").order_by("slug")


class ActionLineViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActionLineSerializer
    lookup_field = "code"
    lookup_value_regex = r"C[0-9.]+"
    filterset_fields = {"parent__code": ["exact", "isnull"]}

    def get_queryset(self):
        return ActionLine.objects.select_related("parent").order_by("position")


class SDGViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SDGSerializer
    lookup_field = "number"
    filterset_fields = {"number": ["exact"]}

    def get_queryset(self):
        return SDG.objects.order_by("number")
