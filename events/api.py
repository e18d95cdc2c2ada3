"""API v1 of the events area: the events with their deadlines (public, read-only; the working group writes them in
the back-office) and the agencies' participations (published ones for everyone; an agency contact also sees and
reports its own agency's)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets

from events import selectors, services
from events.filters import EventFilter, ParticipationFilter
from events.models import EVENT_LANGUAGES, Event, EventParticipation, Support
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
from portal.models import Agency, Deadline, Project, ReviewState

ID_REGEX = r"[0-9]{1,18}"
OUTCOME_HELP = _("What came of it: partners met, agreements, awards, press…")


class EventDeadlineSerializer(ModelSerializer):
    """A deadline of the event as the registry holds it: `due_at` the instant in UTC, `due_local` the same in the
    event's zone; `date_only`: the organiser gave a date (23:59 that day there)."""

    due_at = serializers.DateTimeField(read_only=True, default_timezone=dt.UTC)
    due_local = serializers.SerializerMethodField()

    class Meta:
        model = Deadline
        fields = ["kind", "due_at", "due_local", "date_only", "tentative"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_due_local(self, obj) -> str:
        return obj.due_at.astimezone(ZoneInfo(obj.tz)).isoformat()


class EventListSerializer(serializers.ListSerializer):
    """The events of a page with their deadlines read in one query for all of them."""

    def to_representation(self, data):
        found = list(data.all() if hasattr(data, "all") else data)
        return super().to_representation(selectors.with_event_deadlines(found))


class EventSerializer(ModelSerializer):
    """An event. Its dates (`starts_on`, `ends_on`) and times are local to its IANA zone `tz`; `starts_at` and
    `ends_at` are its first and last instants in UTC (the start of its first day, the end of its last one when
    no time is known). `country` is an ISO code, empty for an event held only online. `deadlines`: its open
    deadlines in the registry (proposal, exhibition space, registration, the start), soonest first; none when it
    is cancelled or postponed. `name`, `description`, `city`, `venue` and `support_details` in the request's
    language."""

    country = serializers.CharField(source="country.code", read_only=True)
    starts_at = serializers.DateTimeField(read_only=True, default_timezone=dt.UTC)
    ends_at = serializers.DateTimeField(read_only=True, default_timezone=dt.UTC)
    languages = serializers.ListField(child=serializers.ChoiceField(choices=EVENT_LANGUAGES), read_only=True)
    themes = SlugRelatedField(slug_field="slug", many=True, read_only=True)
    action_lines = SlugRelatedField(slug_field="code", many=True, read_only=True)
    deadlines = EventDeadlineSerializer(source="registry_deadlines", many=True, read_only=True)
    support = serializers.ListField(child=serializers.ChoiceField(choices=Support.choices), read_only=True)

    class Meta:
        model = Event
        list_serializer_class = EventListSerializer
        fields = [
            "slug",
            "name",
            "kind",
            "organiser",
            "description",
            "attendance",
            "city",
            "country",
            "venue",
            "online_url",
            "starts_on",
            "start_time",
            "ends_on",
            "end_time",
            "tz",
            "starts_at",
            "ends_at",
            "website",
            "languages",
            "themes",
            "action_lines",
            "deadlines",
            "support",
            "support_details",
            "status",
            "source_url",
        ]
        read_only_fields = fields

    def to_representation(self, instance):
        if not hasattr(instance, "registry_deadlines"):
            selectors.with_event_deadlines([instance])  # one event (the detail): its own query
        return super().to_representation(instance)


class ParticipationSerializer(ReportedRecordSerializer):
    """An agency took part in an event. A contact's is its own agency's (`agency` may be left out; another agency
    is refused) and is a draft until the working group publishes it; changing a submitted one
    makes it a draft again; a contact's change to a published one waits for review (`revision_pending`). `state` is set by working-group admins only. `project` is a project of the agency
    or one it is a partner in (`null` in an answer when the reader may not see it). `material_links`: one web
    address per line. `outcome` and `lessons` in the request's language; write `outcome_<lang>`, `lessons_<lang>`."""

    event = SlugRelatedField(slug_field="slug", queryset=Event.objects.all())
    agency = SlugRelatedField(slug_field="slug", queryset=Agency.objects.all(), required=False)
    project = VisibleProjectField(slug_field="slug", queryset=Project.objects.none(), allow_null=True, required=False)
    outcome = serializers.CharField(read_only=True)
    lessons = serializers.CharField(read_only=True)
    state = serializers.ChoiceField(source="review_state", choices=ReviewState.choices, required=False)

    save_record = staticmethod(services.save_participation)

    class Meta:
        model = EventParticipation
        fields = [
            "id",
            "event",
            "agency",
            "project",
            "role",
            "people",
            "outcome",
            "lessons",
            *translated_fields("outcome", "lessons"),
            "material_links",
            "state",
            "imported",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "imported", "created_at", "updated_at"]
        extra_kwargs = {
            **{field: {"write_only": True, "required": False} for field in translated_fields("lessons")},
            # Not the model's help text ("Contacts made…"): the schema names no contact, not even in a sentence.
            **{
                field: {"write_only": True, "required": False, "help_text": OUTCOME_HELP}
                for field in translated_fields("outcome")
            },
        }


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Every event, past and to come, in the order they start. `month` (YYYY-MM): events running on a day of that
    month by their local dates; `open_deadline=true`: a deadline still ahead in the event's own zone."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        return selectors.events().order_by("starts_on", "start_time", "pk")


class ParticipationViewSet(
    RevisionStatusMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Participations in events: the published ones, plus every one of the user's own agency. Agency contacts
    report their agency's (POST) and correct them (PATCH); there is no DELETE."""

    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanChangeRecord]
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.participations_visible_to(self.request.user).order_by(
            "-event__starts_on", "event__slug", "agency__slug", "pk"
        )
