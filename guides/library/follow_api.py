"""API v1 of following the guides, under /api/v1/guides/follows/: the signed-in contact's own follows — list,
read, create (the topic, a sub-topic or a published guide by its slug) and delete. Another's follow is a 404; anyone
but an active contact is refused (403); the rules are `guides.library.follows`, as on the pages."""

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from guides.library import follows
from guides.library.follow_models import FollowScope, GuideFollow
from guides.library.models import Subtopic
from portal.api import ModelSerializer, SlugRelatedField
from portal.selectors import active_contact

ID_REGEX = r"[0-9]{1,18}"


class FollowFilter(django_filters.FilterSet):
    scope = django_filters.ChoiceFilter(choices=FollowScope.choices)
    subtopic = django_filters.ChoiceFilter(choices=Subtopic.choices)

    class Meta:
        model = GuideFollow
        fields = ["scope", "subtopic"]


class FollowSerializer(ModelSerializer):
    guide = SlugRelatedField(
        slug_field="slug", queryset=follows.followable_guides(), required=False, allow_null=True, default=None
    )
    subtopic = serializers.ChoiceField(choices=Subtopic.choices, required=False, allow_blank=True, default="")

    class Meta:
        model = GuideFollow
        fields = ["id", "scope", "subtopic", "guide", "created_at"]
        read_only_fields = ["id", "created_at"]
        validators = []  # the service checks the scope and its one-per-scope rule


class GuideFollowViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in contact's own follows of the guides (the whole topic, a sub-topic, a guide)."""

    serializer_class = FollowSerializer
    filterset_class = FollowFilter
    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        contact = active_contact(self.request.user)
        if contact is None:
            return GuideFollow.objects.none()
        return follows.follows_of(contact)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            row = follows.follow(
                request.user, data["scope"], subtopic=data.get("subtopic") or "", guide=data.get("guide")
            )
        except DjangoPermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ApiValidationError(exc.message_dict) from exc
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        row = self.get_object()  # the contact's own, or a 404
        follows.unfollow(request.user, row.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
