"""API v1 of the gallery under /api/v1/guides/materials/: read-only, for everyone, the items the gallery page shows
(`selectors`: published materials of published projects, published guides' posters, brochures, presentations and
images; only published details), with the addresses of their thumbnail, file and page. An item's id is
`material-<n>` or `attachment-<n>`. Filters `kind`, `agency` (slug), `language` and `year` as on the page; a bad
value is a 400 with the field's error."""

from django.conf import settings
from django.http import Http404
from drf_spectacular.plumbing import build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from guides.materials import selectors
from guides.materials.forms import GalleryFilterForm
from guides.materials.models import FIRST_YEAR, LAST_YEAR
from portal.schema import PortalAutoSchema

KEY_REGEX = r"(?:material|attachment)-[0-9]{1,18}"


def _absolute(path: str) -> str | None:
    return settings.SITE_URL + path if path else None


class GalleryItemSerializer(serializers.Serializer):
    """An item of the gallery. `language` is the material's language ("" when not given), `year` the year the
    agency gave, else the year it was published (for an attachment, uploaded); `lessons` what the agency learned,
    in the request's language, once the working group published it ("" otherwise). `thumbnail_url` is null while
    no thumbnail exists; `film_url` is the link of a film; `file_url` downloads the file."""

    id = serializers.CharField(source="key", read_only=True)
    source = serializers.ChoiceField(choices=selectors.SOURCES, read_only=True)
    kind = serializers.ChoiceField(choices=selectors.GalleryKind.choices, read_only=True)
    title = serializers.CharField(read_only=True)
    agency = serializers.CharField(source="agency.slug", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    language = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True, allow_null=True)
    lessons = serializers.CharField(read_only=True)
    thumbnail_url = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()
    film_url = serializers.SerializerMethodField()
    link_url = serializers.SerializerMethodField()
    link_title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, item) -> str:
        return _absolute(item.detail_url)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_thumbnail_url(self, item):
        return _absolute(item.thumbnail_url)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_file_url(self, item):
        return _absolute(item.file_url)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_film_url(self, item):
        return item.film_url or None

    @extend_schema_field(OpenApiTypes.URI)
    def get_link_url(self, item) -> str:
        return _absolute(item.link_url)


class GallerySchema(PortalAutoSchema):
    """The list's filters are the page's form (`GalleryFilterForm`), documented here."""

    def _get_filter_parameters(self):
        if not self._is_list_view():
            return []
        return [
            build_parameter_type("kind", {"type": "string"}, OpenApiParameter.QUERY, enum=selectors.GalleryKind.values),
            build_parameter_type(
                "agency", {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 100}, OpenApiParameter.QUERY
            ),
            build_parameter_type(
                "language",
                {"type": "string"},
                OpenApiParameter.QUERY,
                enum=[code for code, _name in settings.LANGUAGES],
            ),
            build_parameter_type(
                "year", {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}, OpenApiParameter.QUERY
            ),
        ]


class GalleryViewSet(viewsets.GenericViewSet):
    serializer_class = GalleryItemSerializer
    schema = GallerySchema()
    lookup_field = "key"
    lookup_value_regex = KEY_REGEX
    filterset_class = None
    filter_backends = ()

    def _filters(self) -> selectors.Filters:
        params = {name: self.request.query_params.get(name) for name in ("kind", "agency", "language", "year")}
        form = GalleryFilterForm({name: value for name, value in params.items() if value is not None})
        if not form.is_valid():
            raise ValidationError({field: [str(error) for error in errors] for field, errors in form.errors.items()})
        return form.filters()

    def list(self, request, *args, **kwargs):
        rows = selectors.gallery_rows(self._filters())
        page = self.paginate_queryset(rows)
        items = selectors.load_items(page)
        return self.get_paginated_response(self.get_serializer(items, many=True).data)

    @extend_schema(parameters=[OpenApiParameter("key", str, OpenApiParameter.PATH, pattern=f"^{KEY_REGEX}$")])
    def retrieve(self, request, key=None, *args, **kwargs):
        source, _sep, pk = (key or "").partition("-")
        item = selectors.gallery_item(source, int(pk)) if pk.isdigit() else None
        if item is None:
            raise Http404
        return Response(self.get_serializer(item).data)
