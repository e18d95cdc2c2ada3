"""API v1 of the core: agencies, projects and the reference lists."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.views import APIView

from portal import selectors, services
from portal.filters import ProjectFilter
from portal.languages import translated_fields
from portal.models import SDG, ActionLine, Agency, Project, Theme

# The slugs' own format (django.core.validators.validate_slug): anything else in a detail address is a 404
# without a database query; PostgreSQL cannot even compare a text with a NUL character.
SLUG_REGEX = r"[-a-zA-Z0-9_]+"


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's field, refusing a NUL character with a 400 before the lookup that PostgreSQL would fail on."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            ProhibitNullCharactersValidator()(data)
        return super().to_internal_value(data)


class ActionLineSerializer(serializers.ModelSerializer):
    parent = SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ActionLine
        fields = ["code", "title", "parent"]


class SDGSerializer(serializers.ModelSerializer):
    class Meta:
        model = SDG
        fields = ["number", "title"]


class AgencySerializer(serializers.ModelSerializer):
    """Public facts of an agency; its contacts and e-mail domains stay private."""

    parent = SlugRelatedField(slug_field="slug", read_only=True)
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

    agency = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    partner_agencies = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), many=True, required=False)
    action_lines = SlugRelatedField(slug_field="code", queryset=ActionLine.objects.all(), many=True, required=False)
    sdgs = SlugRelatedField(slug_field="number", queryset=SDG.objects.all(), many=True, required=False)
    themes = SlugRelatedField(slug_field="slug", queryset=Theme.objects.all(), many=True, required=False)
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
            *translated_fields("title", "summary", "description"),
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
            f: {"write_only": True, "required": False} for f in translated_fields("title", "summary", "description")
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
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return (
            selectors.projects_visible_to(self.request.user)
            .prefetch_related("partner_agencies", "themes", "action_lines__parent")
            .order_by("slug")
        )


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AgencySerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
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


class NotFoundView(APIView):
    """Any other address under the API: a JSON 404 like the API's own, never the site's HTML page."""

    schema = None
    authentication_classes = []
    permission_classes = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound
