"""API v1 of the websites part: every agency's English-website entry (public, read-only: the agency's public
address, its state and what the last check found). Contacts propose their agency's address on the pages; the
working group publishes it."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from guides.websites import selectors
from guides.websites.filters import EnglishWebsiteFilter
from guides.websites.models import CheckOutcome
from portal.api import SLUG_REGEX, ModelSerializer, OptionalURLField
from portal.models import Agency, EnglishWebsiteState


class EnglishWebsiteSerializer(ModelSerializer):
    """An agency's English website: `url` (null: none known), `state` (none, outdated, current), `checked_on`
    (the day of the last check in the portal's zone), and the last check's `last_checked_at` (UTC), `last_outcome`
    (ok, broken, not_english, refused) and `last_status` (HTTP)."""

    agency = serializers.CharField(source="slug", read_only=True)
    url = OptionalURLField(source="english_website_url", read_only=True)
    state = serializers.ChoiceField(source="english_website_state", choices=EnglishWebsiteState.choices, read_only=True)
    checked_on = serializers.DateField(source="english_website_checked_on", read_only=True, allow_null=True)
    last_checked_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_outcome = serializers.SerializerMethodField()
    last_status = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Agency
        fields = [
            "agency",
            "name",
            "kind",
            "country",
            "url",
            "state",
            "checked_on",
            "last_checked_at",
            "last_outcome",
            "last_status",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=CheckOutcome.choices, allow_null=True))
    def get_last_outcome(self, obj) -> str | None:
        return obj.last_outcome


class EnglishWebsiteViewSet(viewsets.ReadOnlyModelViewSet):
    """Every agency's English-website entry, by name; by agency slug for one."""

    serializer_class = EnglishWebsiteSerializer
    filterset_class = EnglishWebsiteFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return selectors.entries()
