"""API v1 of the core: agencies, projects, the reference lists and the deadline calendar."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, mixins, permissions, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.views import APIView

from portal import reviews, selectors, services
from portal.alerts.subscriptions import ensure_subscription, save_subscription
from portal.filters import DeadlineFilter, ProjectFilter
from portal.languages import translated_fields
from portal.links import page_url
from portal.models import SDG, ActionLine, Agency, Deadline, Delivery, Project, ReviewState, Theme, Topic
from portal.models.alerts import MAX_LEAD_DAYS
from portal.models.contacts import validate_time_zone

# The slugs' own format (django.core.validators.validate_slug): anything else in a detail address is a 404
# without a database query; PostgreSQL cannot even compare a text with a NUL character.
SLUG_REGEX = r"[-a-zA-Z0-9_]+"


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's field, refusing a NUL character with a 400 before the lookup that PostgreSQL would fail on."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            ProhibitNullCharactersValidator()(data)
        return super().to_internal_value(data)


class OptionalURLField(serializers.URLField):
    """An address a record may leave empty: `null` in an answer when empty (never "", which is no address; the
    schema says `nullable`, portal.schema). A write takes an address, "" or `null`, and stores "" for none, as the
    model does."""

    def __init__(self, **kwargs):
        kwargs["allow_null"] = True
        if not kwargs.get("read_only"):
            kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        return super().run_validation("" if data is None else data)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class ModelSerializer(serializers.ModelSerializer):
    """The API's model serializer: a model's optional address (a `URLField` that may be blank) is an
    `OptionalURLField`, `null` in an answer when empty."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, models.URLField) and model_field.blank:
            field_class = OptionalURLField
        return field_class, kwargs


class VisibleProjectField(SlugRelatedField):
    """A project by its slug; in an answer only when the reader may see the project (published, or its own
    agency's), `null` otherwise: another agency's draft is not named."""

    def to_representation(self, value):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if value.review_state == ReviewState.PUBLISHED or selectors.is_working_group_admin(user):
            return super().to_representation(value)
        contact = selectors.active_contact(user)
        return super().to_representation(value) if contact and contact.agency_id == value.agency_id else None


REVISION_PENDING_HELP = _(
    "True while a change to this published record waits for the working group's review: the other fields show the "
    "published version, unchanged until the change is accepted. Told only to the record's own agency and to "
    "working-group admins (null for anyone else). A PATCH of a published record by an agency contact answers "
    "202 Accepted with the published version and this flag true."
)


class RevisionPendingMixin(serializers.Serializer):
    """Adds `revision_pending` to a reviewed record's representation: whether a change to it waits for review
    (`portal.reviews.revisions`), looked up once a request and kind for the reader's own agency."""

    revision_pending = serializers.SerializerMethodField(help_text=REVISION_PENDING_HELP)

    def get_field_names(self, declared_fields, info):
        return [*super().get_field_names(declared_fields, info), "revision_pending"]

    @extend_schema_field(serializers.BooleanField(allow_null=True, help_text=REVISION_PENDING_HELP))
    def get_revision_pending(self, obj) -> bool | None:
        if reviews.waiting_change(obj) is not None:
            return True
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not selectors.can_change(user, obj):
            return None
        cache = self.context.setdefault("_pending_revisions", {})
        model = type(obj)
        if model not in cache:
            from portal.reviews import revisions

            cache[model] = revisions.pending_ids(user, model)
        return obj.pk in cache[model]


class RevisionStatusMixin:
    """An update that stored a pending revision instead of changing the published record answers 202 Accepted."""

    stores_revisions = True  # the schema declares the 202 (portal.schema)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self._revision = reviews.waiting_change(serializer.instance)

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        if getattr(self, "_revision", None) is not None:
            response.status_code = 202
        return response


class ReportedRecordSerializer(RevisionPendingMixin, ModelSerializer):
    """A record an agency reports (an award application, a grant, an event participation), written only through
    its service, `save_record(user, instance, data)`: the service's refusals are the API's 403 and 400. Its
    `project` is looked up among the projects the user may see: another agency's draft is "not found", not "not
    yours"."""

    save_record = None  # the area's service, as a staticmethod

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and "project" in fields:
            fields["project"].queryset = selectors.projects_visible_to(request.user)
        return fields

    def _save(self, instance, validated):
        try:
            return self.save_record(self.context["request"].user, instance, validated)
        except DjangoPermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ApiValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc

    def create(self, validated):
        return self._save(self.Meta.model(), validated)

    def update(self, instance, validated):
        return self._save(instance, validated)


class ActionLineSerializer(ModelSerializer):
    parent = SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ActionLine
        fields = ["code", "title", "parent"]


class SDGSerializer(ModelSerializer):
    class Meta:
        model = SDG
        fields = ["number", "title"]


class AgencySerializer(ModelSerializer):
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


class AcceptedPartnersField(serializers.ManyRelatedField):
    """A project's partner agencies: reads those that accepted (`selectors.accepted_partners`, prefetched in lists),
    writes the agencies to name, each asked first."""

    def get_attribute(self, instance):
        return selectors.accepted_partners(instance) if instance.pk else []


class ProjectSerializer(RevisionPendingMixin, ModelSerializer):
    """Read `title`, `summary`, `description` in the request's language; write `title_<lang>`…"""

    agency = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    partner_agencies = AcceptedPartnersField(
        child_relation=SlugRelatedField(slug_field="slug", queryset=Agency.objects.all()),
        required=False,
        help_text=_(
            "Partner agencies by slug. An answer lists those that accepted; a partner written is asked first and "
            "listed once one of its contacts or a working-group admin accepts."
        ),
    )
    action_lines = SlugRelatedField(slug_field="code", queryset=ActionLine.objects.all(), many=True, required=False)
    sdgs = SlugRelatedField(slug_field="number", queryset=SDG.objects.all(), many=True, required=False)
    themes = SlugRelatedField(slug_field="slug", queryset=Theme.objects.all(), many=True, required=False)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    moderation_state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, read_only=True)

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
        read_only_fields = ["slug", "published_at"]
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
    RevisionStatusMixin,
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
            .prefetch_related(selectors.accepted_partners_prefetch(), "themes", "action_lines__parent")
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


class DeadlineSerializer(ModelSerializer):
    """A deadline as the calendar shows it: `title` in the request's language, `due_at` in UTC and `due_local`
    in the deadline's own zone `tz`, `url` the absolute address of its page."""

    title = serializers.CharField(read_only=True)
    due_at = serializers.DateTimeField(read_only=True, default_timezone=dt.UTC)
    due_local = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "topic",
            "title",
            "due_at",
            "tz",
            "due_local",
            "date_only",
            "tentative",
            "url",
            "sequence",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_due_local(self, obj) -> str:
        return obj.due_at.astimezone(ZoneInfo(obj.tz)).isoformat()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return page_url(obj.url, translation.get_language() or settings.LANGUAGE_CODE)


class DeadlineViewSet(viewsets.ReadOnlyModelViewSet):
    """Upcoming deadlines, soonest first: those for everyone subscribed to a topic, and for a logged-in agency
    contact also those addressed to its agency. `month` (YYYY-MM) counts a deadline in the month of its date in
    its own time zone `tz`; `due_at` is in UTC."""

    serializer_class = DeadlineSerializer
    filterset_class = DeadlineFilter
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.upcoming_deadlines(self.request.user)


class FlatListField(serializers.ListField):
    """A list whose errors are a list of messages like any field's (the documented shape of a 400), each naming
    its item, rather than DRF's mapping of item index → messages."""

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except ApiValidationError as exc:
            raise ApiValidationError(
                [
                    _("Item %(number)s: %(message)s") % {"number": int(index) + 1, "message": message}
                    for index, messages in exc.detail.items()
                    for message in messages
                ]
            ) from exc


class SubscriptionSerializer(serializers.Serializer):
    """The user's alert settings. Language and time zone are the contact's own: every e-mail it gets uses them."""

    topics = FlatListField(
        child=serializers.ChoiceField(choices=Topic.choices),
        max_length=20,
        help_text=_("Topics whose deadlines you hear of; deadlines addressed to your agency reach you anyway."),
    )
    lead_days = FlatListField(
        child=serializers.IntegerField(min_value=0, max_value=MAX_LEAD_DAYS),
        min_length=1,
        max_length=100,
        help_text=_("How many days before a deadline you hear of it (whole days, 0 is the day itself)."),
    )
    delivery = serializers.ChoiceField(choices=Delivery.choices)
    digest_hour = serializers.IntegerField(
        min_value=0, max_value=23, help_text=_("Local hour at which the daily or weekly digest is sent.")
    )
    paused = serializers.BooleanField(help_text=_("No alert is sent while paused."))
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    time_zone = serializers.CharField(max_length=64, validators=[validate_time_zone], help_text=_("IANA time zone."))
    calendar_url = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Address of your private calendar feed.")
    )

    def to_representation(self, subscription):
        contact = subscription.contact
        return super().to_representation(
            {
                "topics": subscription.topics,
                "lead_days": subscription.lead_days,
                "delivery": subscription.delivery,
                "digest_hour": subscription.digest_hour,
                "paused": subscription.is_paused,
                "language": contact.language,
                "time_zone": contact.time_zone,
                "calendar_url": selectors.calendar_url(subscription),
            }
        )

    def update(self, subscription, validated):
        try:
            return save_subscription(subscription, **validated)
        except DjangoValidationError as exc:
            raise ApiValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


class SubscriptionView(generics.RetrieveUpdateAPIView):
    """The current user's own alert subscription: there is no other to read or change. Agency contacts only."""

    serializer_class = SubscriptionSerializer
    permission_classes = [permissions.IsAuthenticated]
    own_record = True  # portal.schema: no id in the address, still a 404 for a user who has none

    def get_object(self):
        contact = selectors.active_contact(self.request.user)
        if contact is None:
            raise NotFound(_("Only agency contacts have an alert subscription."))
        return selectors.subscription_of(contact) or ensure_subscription(contact)


class NameQuerySerializer(serializers.Serializer):
    # Both optional, so the bare address answers (agencies; nothing typed, nothing suggested).
    kind = serializers.ChoiceField(
        choices=(), required=False, default="agency", help_text=_("What kind of record: agency, project, funder…")
    )
    q = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=100,
        help_text=_("A few letters of its name in any language, or of its acronym."),
    )

    def __init__(self, *args, **kwargs):
        from portal import names

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = names.kinds()


class NameSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("What filters and forms also accept, and the record's address."))
    name = serializers.CharField(help_text=_("Its name in the language of the answer."))


class NameListSerializer(serializers.Serializer):
    results = NameSerializer(many=True)


class NameSuggestionsView(APIView):
    """The records of a kind whose names fit a few typed letters, best first (at most 8): what the name fields'
    autocomplete shows. Only records the user may see; the same answer for the same question within a minute."""

    permission_classes = [permissions.AllowAny]
    LIMIT = 8

    @extend_schema(
        parameters=[NameQuerySerializer],
        responses={200: NameListSerializer, 400: OpenApiTypes.OBJECT},
        description=_("Records whose name fits the letters typed, for an autocomplete."),
    )
    def get(self, request):
        from django.utils.cache import patch_cache_control, patch_vary_headers
        from rest_framework.response import Response

        from portal import names

        query = NameQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        kind = query.validated_data["kind"]
        named = names.get(kind)
        records = names.suggest(kind, query.validated_data["q"], request.user, limit=self.LIMIT)
        answer = NameListSerializer(
            {"results": [{"slug": getattr(r, named.slug), "name": named.label_of(r)} for r in records]}
        )
        response = Response(answer.data)
        patch_cache_control(response, private=True, max_age=60)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response
