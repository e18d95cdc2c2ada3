"""API v1 of the saved searches, under /api/v1/saved-searches/: the signed-in contact's own — list, read, create,
change and delete. Another's is a 404; anonymous requests get a 403 as everywhere in the API, a user without an active contact a 403 on
writes (an empty list on reads). The rules are `portal.saved_searches.services`, as on the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from portal.api import ModelSerializer
from portal.models import Frequency, SavedSearch
from portal.saved_searches import queries, selectors, services
from portal.search.engine import FACETS, MAX_TEXT
from portal.selectors import active_contact


class SavedSearchSerializer(ModelSerializer):
    text = serializers.CharField(
        max_length=MAX_TEXT, required=False, allow_blank=True, default="", help_text=_("The words searched for.")
    )
    kind = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", help_text=_("One kind of record, or all.")
    )
    facets = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=40), max_length=queries.MAX_VALUES),
        required=False,
        default=dict,
        help_text=_("Facet values, by facet: %(facets)s.") % {"facets": ", ".join(FACETS)},
    )
    open_only = serializers.BooleanField(required=False, default=False)
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False, default=Frequency.DAILY)
    active = serializers.BooleanField(required=False, default=True)
    description = serializers.SerializerMethodField(help_text=_("The query in words."))

    class Meta:
        model = SavedSearch
        fields = [
            "id",
            "name",
            "text",
            "kind",
            "facets",
            "open_only",
            "frequency",
            "active",
            "description",
            "created_at",
            "last_sent_at",
        ]
        read_only_fields = ["id", "created_at", "last_sent_at"]

    def get_description(self, search) -> str:
        context = self.context
        if "reference_names" not in context:  # once for a whole list
            context["reference_names"] = queries.reference_names()
        return queries.in_words(queries.parts_of(search), context["reference_names"])


def _api_errors(exc: DjangoValidationError):
    messages = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    if "__all__" in messages:
        messages = {**messages, "non_field_errors": messages.pop("__all__")}
    return ApiValidationError(messages)


class SavedSearchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in contact's own saved searches."""

    serializer_class = SavedSearchSerializer

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"[0-9]{1,18}"
    filterset_class = None
    filter_backends = []

    def get_queryset(self):
        contact = active_contact(self.request.user)
        if contact is None:
            return SavedSearch.objects.none()
        return selectors.saved_searches_of(contact).select_related("contact")

    def create(self, request, *args, **kwargs):
        contact = active_contact(request.user)
        if contact is None:
            raise PermissionDenied(_("Only agency contacts save searches."))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        active = data.pop("active", True)
        try:
            search = services.save_search(contact, **data)
            if not active:
                search = services.change_search(search, active=False)
        except DjangoValidationError as exc:
            raise _api_errors(exc) from exc
        return Response(self.get_serializer(search).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        search = self.get_object()  # the contact's own, or a 404
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(search, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            search = services.change_search(search, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise _api_errors(exc) from exc
        return Response(self.get_serializer(search).data)

    def destroy(self, request, *args, **kwargs):
        services.delete_search(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
