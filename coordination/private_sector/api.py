"""API v1 of the private sector part, under /api/v1/coordination/: the partners (companies), their contributions
and the problems they reported (published ones for everyone; a company's contacts also see and report their own
company's), and the incentives offered to companies (read-only; the working group writes them in the
back-office)."""

from rest_framework import mixins, permissions, serializers, viewsets

from awards.models import AwardApplication
from coordination.private_sector import selectors, services
from coordination.private_sector.forms import ContributionFilter, IncentiveFilter, ProblemFilter
from coordination.private_sector.models import Contribution, Incentive, Problem, ProblemStatus
from events.models import Event
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


class PartnerSerializer(ModelSerializer):
    """A company: its sector and size (codes), its description in the request's language."""

    sector = serializers.CharField(source="company_profile.sector", read_only=True, default="")
    size = serializers.CharField(source="company_profile.size", read_only=True, default="")
    description = serializers.CharField(source="company_profile.description", read_only=True, default="")
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = Agency
        fields = ["slug", "name", "acronym", "country", "website", "sector", "size", "description"]
        read_only_fields = fields


class ContributionSerializer(ReportedRecordSerializer):
    """What a company contributed, to exactly one of `project` (slug), `event` (slug) or `award_application` (id),
    in `year`, with `amount` and `currency` (ISO 4217) when it has a value in money. A contact's is its own
    company's (`company` may be left out; another is refused) and is a draft until the working group publishes it.
    `state` is set by working-group admins only. `description` in the request's language; write
    `description_<lang>`."""

    company = SlugRelatedField(source="agency", slug_field="slug", queryset=Agency.objects.all(), required=False)
    project = VisibleProjectField(slug_field="slug", queryset=Project.objects.none(), allow_null=True, required=False)
    event = SlugRelatedField(slug_field="slug", queryset=Event.objects.all(), allow_null=True, required=False)
    award_application = serializers.PrimaryKeyRelatedField(
        queryset=AwardApplication.objects.filter(review_state=ReviewState.PUBLISHED), allow_null=True, required=False
    )
    description = serializers.CharField(read_only=True)
    state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, required=False)

    save_record = staticmethod(services.save_contribution)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "company",
            "kind",
            "project",
            "event",
            "award_application",
            "year",
            "amount",
            "currency",
            "description",
            *translated_fields("description"),
            "state",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {field: {"write_only": True, "required": False} for field in translated_fields("description")}


class ProblemSerializer(ReportedRecordSerializer):
    """A problem a company meets: `category`, `description`, the `agencies_concerned` (slugs) and its `status`
    (set by the working group). A contact's is its own company's and is a draft until the working group publishes
    it."""

    company = SlugRelatedField(source="agency", slug_field="slug", queryset=Agency.objects.all(), required=False)
    agencies_concerned = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), many=True, required=False)
    status = serializers.ChoiceField(choices=ProblemStatus.choices, required=False)
    state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, required=False)

    save_record = staticmethod(services.save_problem)

    class Meta:
        model = Problem
        fields = ["id", "company", "category", "description", "agencies_concerned", "status", "state", "created_at"]
        read_only_fields = ["id", "created_at"]


class IncentiveSerializer(ModelSerializer):
    """An incentive offered to companies: `title`, `description` (what it offers) and `how_to_apply` in the
    request's language; `offered_by` an agency's slug; `eligible_sectors` and `eligible_sizes` codes (empty: all)."""

    offered_by = SlugRelatedField(slug_field="slug", read_only=True)
    eligible_sectors = serializers.ListField(child=serializers.CharField(), read_only=True)
    eligible_sizes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Incentive
        fields = [
            "id",
            "title",
            "description",
            "offered_by",
            "how_to_apply",
            "url",
            "eligible_sectors",
            "eligible_sizes",
            "is_open",
            "is_demo",
        ]
        read_only_fields = fields


class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    """Every company (agency of kind company) with its sector."""

    serializer_class = PartnerSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return selectors.companies().order_by("slug")


class _ReportedViewSet(
    RevisionStatusMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanChangeRecord]
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "patch", "head", "options"]


class ContributionViewSet(_ReportedViewSet):
    """Contributions: the published ones, plus every one of the user's own company. A company's contacts report
    theirs (POST) and correct them (PATCH); there is no DELETE."""

    serializer_class = ContributionSerializer
    filterset_class = ContributionFilter

    def get_queryset(self):
        return selectors.contributions_visible_to(self.request.user).order_by("-year", "agency__slug", "pk")


class ProblemViewSet(_ReportedViewSet):
    """Problems: the published ones, plus every one of the user's own company. A company's contacts report theirs
    (POST) and correct them (PATCH); there is no DELETE."""

    serializer_class = ProblemSerializer
    filterset_class = ProblemFilter

    def get_queryset(self):
        return selectors.problems_visible_to(self.request.user).order_by("-created_at", "pk")


class IncentiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Incentives offered to companies, the open ones first."""

    serializer_class = IncentiveSerializer
    filterset_class = IncentiveFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return selectors.incentives()
