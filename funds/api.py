"""API v1 of the funds area: funders, their programmes and calls (public, read-only) and the grants inventory
(published grants for everyone; an agency contact also sees and reports its own agency's)."""

import datetime as dt

from django.db.models import F
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets

from funds import selectors, services
from funds.filters import CallFilter, GrantFilter, ProgrammeFilter
from funds.models import Funder, FundingCall, FundingProgramme, Grant
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
from portal.models import Agency, Project, ReviewState

ID_REGEX = r"[0-9]{1,18}"
NULLABLE_DATETIME = {"type": "string", "format": "date-time", "nullable": True}
COUNTRY_CODES = {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}}


class FunderSerializer(ModelSerializer):
    """`name` and `description` in the request's language; `country` empty for an international organisation."""

    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Funder
        fields = ["slug", "name", "acronym", "kind", "country", "website", "description"]
        read_only_fields = fields


class FundingProgrammeSerializer(ModelSerializer):
    """`name`, `description` and `how_to_apply` in the request's language. Empty `eligible_agency_kinds` or
    `eligible_countries`: open to every kind, every country. Amounts are decimals in `currency`, never converted."""

    funder = SlugRelatedField(slug_field="slug", read_only=True)
    themes = SlugRelatedField(slug_field="slug", many=True, read_only=True)
    action_lines = SlugRelatedField(slug_field="code", many=True, read_only=True)
    eligible_agency_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=Agency.Kind.choices), read_only=True
    )
    eligible_countries = serializers.SerializerMethodField()

    class Meta:
        model = FundingProgramme
        fields = [
            "slug",
            "funder",
            "name",
            "description",
            "scope",
            "themes",
            "action_lines",
            "eligible_agency_kinds",
            "eligible_countries",
            "amount_min",
            "amount_max",
            "currency",
            "co_financing_percent",
            "how_to_apply",
            "website",
        ]
        read_only_fields = fields

    @extend_schema_field(COUNTRY_CODES)
    def get_eligible_countries(self, obj) -> list[str]:
        return [country.code for country in obj.eligible_countries]


class FundingCallSerializer(ModelSerializer):
    """A call for proposals. `deadline` is the instant in UTC; `deadline_local` the same in the call's zone `tz`;
    `deadline_date_only` says the funder gave no time (23:59 that day). `title` in the request's language."""

    programme = SlugRelatedField(slug_field="slug", read_only=True)
    funder = serializers.CharField(source="programme.funder.slug", read_only=True)
    deadline = serializers.SerializerMethodField()
    deadline_local = serializers.SerializerMethodField()
    deadline_date_only = serializers.SerializerMethodField()

    class Meta:
        model = FundingCall
        fields = [
            "id",
            "programme",
            "funder",
            "title",
            "state",
            "opens_on",
            "deadline",
            "tz",
            "deadline_local",
            "deadline_date_only",
            "budget",
            "currency",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(NULLABLE_DATETIME)
    def get_deadline(self, obj) -> str | None:
        due = obj.deadline_at
        return None if due is None else due.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")

    @extend_schema_field(NULLABLE_DATETIME)
    def get_deadline_local(self, obj) -> str | None:
        due = obj.deadline_at
        return None if due is None else due.isoformat()

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_deadline_date_only(self, obj) -> bool:
        return obj.deadline_time is None


class GrantSerializer(ReportedRecordSerializer):
    """A grant an agency received: `amount` a decimal in its ISO 4217 `currency` (above zero, no more decimals than
    the currency has: none for KRW), never converted. A contact's grant is its own agency's (`agency` may be left
    out; another agency is refused) and is a draft until the working group publishes it; a contact's change to a published one waits for review (`revision_pending`).
    `project` is a project of the agency or one it is a partner in. `purpose` in the request's language; write
    `purpose_<lang>`."""

    funder = SlugRelatedField(slug_field="slug", queryset=Funder.objects.all())
    programme = SlugRelatedField(
        slug_field="slug", queryset=FundingProgramme.objects.all(), allow_null=True, required=False
    )
    agency = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    project = VisibleProjectField(slug_field="slug", queryset=Project.objects.none(), allow_null=True, required=False)
    purpose = serializers.CharField(read_only=True)
    state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, read_only=True)

    save_record = staticmethod(services.save_grant)

    class Meta:
        model = Grant
        fields = [
            "id",
            "funder",
            "programme",
            "agency",
            "project",
            "amount",
            "currency",
            "signed_on",
            "duration_months",
            "purpose",
            *translated_fields("purpose"),
            "source_url",
            "state",
            "imported",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "imported", "created_at", "updated_at"]
        extra_kwargs = {field: {"write_only": True, "required": False} for field in translated_fields("purpose")}


class FunderViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = FunderSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    filterset_fields = {"kind": ["exact"], "country": ["exact"]}

    def get_queryset(self):
        return Funder.objects.order_by("slug")


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    """Funding programmes. `agency_kind` and `country`: the programmes open to such an applicant."""

    serializer_class = FundingProgrammeSerializer
    filterset_class = ProgrammeFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return (
            FundingProgramme.objects.select_related("funder")
            .prefetch_related("themes", "action_lines")
            .order_by("funder__slug", "slug")
        )


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """Calls for proposals, soonest deadline first. `open=true`: not cancelled and the deadline still ahead."""

    serializer_class = FundingCallSerializer
    filterset_class = CallFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return FundingCall.objects.select_related("programme__funder").order_by(
            "deadline", F("deadline_time").asc(nulls_last=True), "pk"
        )


class GrantViewSet(
    RevisionStatusMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The grants inventory: published grants, plus every grant of the user's own agency. Agency contacts report
    their agency's grants (POST) and correct them (PATCH); there is no DELETE."""

    serializer_class = GrantSerializer
    filterset_class = GrantFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanChangeRecord]
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.grants_visible_to(self.request.user).order_by(
            F("signed_on").desc(nulls_last=True), "funder__slug", "pk"
        )
