"""The search API, `/api/v1/search/?q=&kind=&lang=&country=…&page=`: the page's ranking, visibility and facets as
JSON, one ranked list of every kind (or of the chosen kind) a page at a time. Bad parameters are a 400 naming each."""

from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from portal import search
from portal.models import Agency
from portal.schema import VALIDATION_ERROR, PortalAutoSchema
from portal.search import facets, registry
from portal.search.forms import FIRST_YEAR, LAST_YEAR, MAX_PAGE, SearchForm


class HitSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("The kind of record (see `kinds`)."))
    title = serializers.CharField(help_text=_("The record's title in the answer's language, plain text."))
    title_html = serializers.CharField(help_text=_("The title as HTML: escaped, the matching words in <mark>."))
    url = serializers.CharField(help_text=_("The address of the record's page in the answer's language (a path)."))
    snippet = serializers.CharField(
        help_text=_("A passage around the first matching word, plain text."), allow_blank=True
    )
    snippet_html = serializers.CharField(
        help_text=_("The passage as HTML: escaped, the matching words in <mark>."), allow_blank=True
    )
    rank = serializers.FloatField(help_text=_("How well the record matches: higher first."))


class KindCountSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField(help_text=_("The kind's name in the answer's language."))
    count = serializers.IntegerField(min_value=0)
    selected = serializers.BooleanField()


class FacetCountSerializer(serializers.Serializer):
    value = serializers.CharField(help_text=_("The value to pass back as a parameter of the same name."))
    label = serializers.CharField(help_text=_("The value's name in the answer's language."))
    count = serializers.IntegerField(min_value=0)
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    country = FacetCountSerializer(many=True)
    agency_kind = FacetCountSerializer(many=True)
    action_line = FacetCountSerializer(many=True)
    sdg = FacetCountSerializer(many=True)
    year = FacetCountSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    q = serializers.CharField(allow_blank=True, help_text=_("The text searched for, as read."))
    count = serializers.IntegerField(min_value=0, help_text=_("Records found, every page together."))
    page = serializers.IntegerField(min_value=1)
    pages = serializers.IntegerField(min_value=1)
    open_count = serializers.IntegerField(min_value=0, help_text=_("Records found with a deadline still open."))
    suggestion = serializers.CharField(
        allow_blank=True, help_text=_('A spelling that finds more ("did you mean"), or empty.')
    )
    results = HitSerializer(many=True)
    kinds = KindCountSerializer(many=True)
    facets = FacetsSerializer()


def _plain(html: str) -> str:
    return unescape(strip_tags(html))


def _options(options) -> list[dict]:
    return [{"value": o.value, "label": o.label, "count": o.count, "selected": o.selected} for o in options]


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


class SearchSchema(PortalAutoSchema):
    """The search parameters (those of `SearchForm`) and the 400 that names the bad ones."""

    def get_override_parameters(self):
        many = {"many": True, "explode": True}
        return [
            *super().get_override_parameters(),
            OpenApiParameter("q", str, description=_("Words to search for, in any of the portal's languages.")),
            OpenApiParameter("kind", str, enum=[kind for kind, _label in registry.kinds()]),
            OpenApiParameter("country", str, enum=[code for code, _name in countries], **many),
            OpenApiParameter("agency_kind", str, enum=Agency.Kind.values, **many),
            OpenApiParameter(
                "action_line", _array({"type": "string", "pattern": r"^C[0-9]{1,2}(\.[0-9]{1,2})?$"}), explode=True
            ),
            OpenApiParameter("sdg", _array({"type": "integer", "minimum": 1, "maximum": 17}), explode=True),
            OpenApiParameter(
                "year", _array({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}), explode=True
            ),
            OpenApiParameter("open", OpenApiTypes.BOOL, description=_("Only records with a deadline still open.")),
            OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
        ]

    def _error_responses(self):
        return {"400": self._component("ValidationError", VALIDATION_ERROR), **super()._error_responses()}


class SearchView(APIView):
    """Search every published record, in the language of `?lang=` or of the Accept-Language header."""

    permission_classes = [permissions.AllowAny]
    schema = SearchSchema()

    @extend_schema(responses=SearchResponseSerializer)
    def get(self, request):
        labels = facets.Labels()
        form = SearchForm(request.query_params, labels=labels)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            raise ValidationError({field: [error["message"] for error in items] for field, items in errors.items()})
        results = search.run(form.query(language=get_language()), page=form.page_number, grouped=False)
        payload = {
            "q": results.query.text,
            "count": results.total,
            "page": results.page,
            "pages": results.pages,
            "open_count": results.open_count,
            "suggestion": results.suggestion,
            "results": [
                {
                    "kind": hit.kind,
                    "title": _plain(hit.title),
                    "title_html": str(hit.title),
                    "url": hit.url,
                    "snippet": _plain(hit.snippet),
                    "snippet_html": str(hit.snippet),
                    "rank": hit.rank,
                }
                for hit in results.hits
            ],
            "kinds": [
                {"kind": o.value, "label": o.label, "count": o.count, "selected": o.selected}
                for o in facets.kinds(results, labels)
            ],
            "facets": {facet.name: _options(facet.options) for facet in facets.facets(results, labels)},
        }
        return Response(SearchResponseSerializer(payload).data)
