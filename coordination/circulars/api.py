"""API v1 of circular letters under /api/v1/coordination/, with the pages' visibility rules.

Read-only for circulars and distribution lists (the working group writes them in the back-office); the one write is
an addressed agency's acknowledgement and answer, through the same services as the circular's page:
- `circulars`: those the user sees (`selectors.visible_circulars`: public ones once sent for everyone; addressees-only
  ones for the addressed and the sender agencies' contacts; drafts for admins), with the recipients' counts only. The
  contact person's e-mail and telephone are given to signed-in agency contacts and admins only (null otherwise).
- `circulars/{id}/acknowledge/` and `circulars/{id}/answer/` (POST): for a contact of an addressed agency, on its own
  agency's row. A circular the user does not see is a 404; one it sees but is not addressed to its agency a 403.
- `circular-recipients`: the rows with the answers (`dashboard.readable_recipients`): the sender agency's contacts and
  admins read every row of a circular, an addressed agency its own; the public none.
- `distribution-lists`: working-group admins only (an empty list for others)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from coordination.circulars import dashboard, selectors, services
from coordination.circulars.filters import MAX_ID, CircularFilter, RecipientFilter
from coordination.circulars.models import (
    ANSWERED_STATES,
    Circular,
    CircularRecipient,
    DistributionList,
    RecipientState,
)
from portal.api import SLUG_REGEX, ModelSerializer, SlugRelatedField
from portal.models.fields import LONG_TEXT
from portal.selectors import is_working_group_admin

ID_REGEX = r"[0-9]{1,18}"


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


class FileSerializer(serializers.Serializer):
    """An attached file: its title and the absolute address it downloads from (checked against visibility)."""

    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        if hasattr(obj, "recipient_id"):  # an answer's file; its row is the one it was prefetched with
            path = reverse("coordination:circular_reply_attachment", args=[obj.recipient.circular_id, obj.pk])
        else:
            path = reverse("coordination:circular_attachment", args=[obj.circular_id, obj.pk])
        return _absolute(path)


class RecipientCountsSerializer(serializers.Serializer):
    """How many addressed agencies there are, and how many have answered (`answered` counts "nothing to report"
    too), acknowledged without answering yet, or are still pending."""

    total = serializers.IntegerField(source="n_total", read_only=True)
    answered = serializers.IntegerField(source="n_answered", read_only=True)
    acknowledged = serializers.IntegerField(source="n_acknowledged", read_only=True)
    pending = serializers.IntegerField(source="n_pending", read_only=True)


class ContactDetailField(serializers.CharField):
    """The contact person's e-mail or telephone: for signed-in agency contacts and admins, null for the public."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def get_attribute(self, instance):
        request = self.context.get("request")
        if request is None or not selectors.can_see_contact_details(request.user):
            return None
        return super().get_attribute(instance)


class CircularSerializer(ModelSerializer):
    """A circular letter. `subject`, `body_html` (the text, rendered from Markdown and sanitised),
    `requested_action` and `contact_role` in the request's language. The reply deadline is a local date
    `reply_due_on` (and time `reply_due_time`, else 23:59) in the IANA zone `tz`; `reply_due_at` is the same instant
    in UTC. `recipients`: counts only; the answers are in `circular-recipients`, for those who may read them."""

    sender = SlugRelatedField(slug_field="slug", read_only=True)
    sender_name = serializers.CharField(source="sender.name", read_only=True)
    contact_email = ContactDetailField()
    contact_phone = ContactDetailField()
    reply_due_at = serializers.DateTimeField(read_only=True, default_timezone=dt.UTC, allow_null=True)
    attachments = FileSerializer(many=True, read_only=True)
    award_edition = serializers.PrimaryKeyRelatedField(read_only=True)
    funding_call = serializers.PrimaryKeyRelatedField(read_only=True)
    event = SlugRelatedField(slug_field="slug", read_only=True)
    recipients = RecipientCountsSerializer(source="*", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Circular
        fields = [
            "id",
            "reference",
            "dated_on",
            "sender",
            "sender_name",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "subject",
            "body_html",
            "requested_action",
            "reply_due_on",
            "reply_due_time",
            "tz",
            "reply_due_at",
            "visibility",
            "state",
            "distribution_name",
            "sent_at",
            "withdrawn_at",
            "award_edition",
            "funding_call",
            "event",
            "attachments",
            "recipients",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return _absolute(reverse("coordination:circular", args=[obj.pk]))


class RecipientSerializer(ModelSerializer):
    """An addressed agency's row: its state, who acknowledged and answered and when, its answer, the award
    applications it named and the files it attached. `late`: answered after the reply deadline; `overdue`: not
    answered and the deadline has passed."""

    circular = serializers.PrimaryKeyRelatedField(read_only=True)
    agency = SlugRelatedField(slug_field="slug", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    acknowledged_by = serializers.SerializerMethodField()
    answered_by = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    applications = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    attachments = FileSerializer(many=True, read_only=True)

    class Meta:
        model = CircularRecipient
        fields = [
            "id",
            "circular",
            "agency",
            "agency_name",
            "state",
            "late",
            "overdue",
            "acknowledged_at",
            "acknowledged_by",
            "answered_at",
            "answered_by",
            "answer",
            "applications",
            "attachments",
            "last_reminded_at",
        ]
        read_only_fields = fields

    @staticmethod
    def _person(user) -> str | None:
        return (user.get_full_name() or user.email) if user is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_acknowledged_by(self, obj) -> str | None:
        return self._person(obj.acknowledged_by)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_answered_by(self, obj) -> str | None:
        return self._person(obj.answered_by)

    def get_overdue(self, obj) -> bool:
        return dashboard.is_overdue(obj, obj.circular)


class AnswerSerializer(serializers.Serializer):
    """An agency's answer: its text, or `nothing_to_report`; `applications`: ids of the agency's own award
    applications to the circular's award edition. Answering again corrects the text and adds applications."""

    text = serializers.CharField(max_length=LONG_TEXT, required=False, allow_blank=True, default="")
    nothing_to_report = serializers.BooleanField(required=False, default=False)
    applications = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list, max_length=100
    )


class DistributionListSerializer(ModelSerializer):
    """A distribution list and its agencies (by slug); `name` and `description` in the request's language."""

    agencies = SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = DistributionList
        fields = ["slug", "name", "description", "agencies", "updated_at"]
        read_only_fields = fields


def _counted(qs):
    answered = Q(recipients__state__in=list(ANSWERED_STATES))
    return qs.annotate(
        n_total=Count("recipients", distinct=True),
        n_answered=Count("recipients", filter=answered, distinct=True),
        n_acknowledged=Count("recipients", filter=Q(recipients__state=RecipientState.ACKNOWLEDGED), distinct=True),
        n_pending=Count("recipients", filter=Q(recipients__state=RecipientState.PENDING), distinct=True),
    )


class CircularViewSet(viewsets.ReadOnlyModelViewSet):
    """Circular letters the user sees, the latest first; an addressed agency's contacts acknowledge and answer
    them (POST)."""

    serializer_class = CircularSerializer
    filterset_class = CircularFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            _counted(selectors.visible_circulars(self.request.user))
            .prefetch_related("attachments")
            .order_by("-dated_on", "-pk")
        )

    def _own_row(self) -> CircularRecipient:
        circular = self.get_object()  # 404 for a circular the user does not see
        recipient = selectors.recipient_for(self.request.user, circular)
        if recipient is None:
            raise ApiPermissionDenied(_("This circular is not addressed to your agency."))
        return recipient

    def _answered(self, recipient: CircularRecipient) -> Response:
        row = dashboard.readable_recipients(self.request.user).get(pk=recipient.pk)
        return Response(RecipientSerializer(row, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=RecipientSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def acknowledge(self, request, pk=None):
        """Note that your agency has received the circular (the first acknowledgement stands)."""
        recipient = self._own_row()
        try:
            services.acknowledge(recipient, request.user)
        except DjangoPermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        return self._answered(recipient)

    @extend_schema(request=AnswerSerializer, responses=RecipientSerializer)
    @action(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def answer(self, request, pk=None):
        """Record your agency's answer (files are attached on the circular's page)."""
        recipient = self._own_row()
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.answer(
                recipient,
                request.user,
                data.validated_data["text"],
                nothing_to_report=data.validated_data["nothing_to_report"],
                applications=data.validated_data["applications"],
            )
        except DjangoPermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
            raise ApiValidationError(errors) from exc
        return self._answered(recipient)


class RecipientViewSet(viewsets.ReadOnlyModelViewSet):
    """The addressed agencies' rows and their answers, for those who may read them: a circular's sender agency and
    the working group every row, an addressed agency its own."""

    serializer_class = RecipientSerializer
    filterset_class = RecipientFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return dashboard.readable_recipients(self.request.user).order_by("-circular__dated_on", "circular_id", "pk")


class DistributionListViewSet(viewsets.ReadOnlyModelViewSet):
    """The distribution lists, for working-group admins (who keep them in the back-office)."""

    serializer_class = DistributionListSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        if not is_working_group_admin(self.request.user):
            return DistributionList.objects.none()
        return DistributionList.objects.prefetch_related("agencies").order_by("slug")
