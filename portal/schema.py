"""OpenAPI generation for API v1: besides the successful answers, document the errors the API really gives.

- 400 with a mapping of field → messages when a request body or a list's filter parameter is invalid
  (a body that cannot be parsed at all gets `{"detail": …}` instead);
- 403 (and 401 when an authentication class asks for credentials) when a write is refused, and for any
  request to an endpoint that needs a logged-in user;
- 404 `{"detail": …}` for an unknown record, for a page number past the end of a list, and at the address
  of the user's own record (`own_record = True` on the view, such as /alerts/subscription/) for a user
  who has none.

Read-only relations whose model field is nullable (an agency's parent, a sub-line's main line) are
documented as nullable, since they are `null` in the answer when unset. Integer fields get the range of the
model's check constraint (a start year in 1950-2100, an SDG number in 1-17), numeric filters the bounds their
form field checks, and creating a project documents that its title is needed in Turkish or English.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions, serializers

ERROR_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "additionalProperties": False,
}
VALIDATION_ERROR = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "minProperties": 1,
}
# What DRF's TimeField writes: hours, minutes, seconds and, when there are any, fractions of a second.
LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?$"
# A new record needs at least one of these fields, not blank (Project.clean: every language falls back to English,
# then Turkish).
CREATE_REQUIRES_ONE_OF = {"portal.Project": ("title_tr", "title_en")}


class PortalAutoSchema(AutoSchema):
    def get_override_parameters(self):
        # portal.middleware.ApiLanguageMiddleware: `?lang=` picks the language of the answer.
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                "lang",
                str,
                OpenApiParameter.QUERY,
                description=_("language"),
                enum=[code for code, _name in settings.LANGUAGES],
            ),
        ]

    def _get_filter_parameters(self):
        """Numeric filters document their bounds (`NumberFilter(min_value=…, max_value=…)`), as form fields check them."""
        parameters = super()._get_filter_parameters()
        filters = getattr(getattr(self.view, "filterset_class", None), "base_filters", {})
        for parameter in parameters:
            extra = getattr(filters.get(parameter.get("name")), "extra", {})
            schema = parameter.get("schema", {})
            if schema.get("type") in ("integer", "number"):
                for kwarg, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
                    if extra.get(kwarg) is not None:
                        schema[keyword] = extra[kwarg]
        # portal.filters.NameFilter: `agency=` takes a slug or a name; `agency_name=` is the same filter by name
        # (on lists only: a detail is not filtered).
        from portal.filters import NameFilter

        if not self._is_list_view():
            return parameters

        for name, filter_ in filters.items():
            if isinstance(filter_, NameFilter) and not any(p.get("name") == f"{name}_name" for p in parameters):
                parameters.append(
                    {
                        "in": "query",
                        "name": f"{name}_name",
                        "schema": {"type": "string", "maxLength": 200},
                        "description": str(
                            _("The same as “%(name)s”, by its name in any language or its acronym.") % {"name": name}
                        ),
                    }
                )
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, schema in self._error_responses().items():
            responses.setdefault(code, self._get_response_for_code(schema, code, direction=direction))
        # A contact's change to a published record is stored for review: 202 with the published version.
        if getattr(self.view, "stores_revisions", False) and self.method in ("PUT", "PATCH") and "200" in responses:
            responses.setdefault("202", responses["200"])
        return responses

    def _error_responses(self) -> dict[str, dict]:
        detail = self._component("ErrorDetail", ERROR_DETAIL)
        invalid = self._component("ValidationError", VALIDATION_ERROR)
        errors = {}
        writes = self.method not in permissions.SAFE_METHODS
        if self.method in ("POST", "PUT", "PATCH"):
            errors["400"] = {"oneOf": [invalid, detail]}
        elif self._is_list_view() and self._get_filter_parameters():
            errors["400"] = invalid
        if writes or self._requires_login():
            if any(auth().authenticate_header(self.view.request) for auth in self.view.authentication_classes):
                errors["401"] = detail
            errors["403"] = detail
        own_record = getattr(self.view, "own_record", False)
        if "{" in self.path or own_record or (self._is_list_view() and self._get_paginator()):
            errors["404"] = detail
        return errors

    def _requires_login(self) -> bool:
        """The view's permissions refuse anonymous users whatever the method (`IsAuthenticated`)."""
        return any(
            isinstance(permission, type) and issubclass(permission, permissions.IsAuthenticated)
            for permission in self.view.permission_classes
        )

    def _component(self, name: str, schema: dict) -> dict:
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
        self.registry.register_on_missing(component)
        return component.ref

    def _get_request_for_media_type(self, serializer, direction="request"):
        schema, required = super()._get_request_for_media_type(serializer, direction)
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        one_of = CREATE_REQUIRES_ONE_OF.get(model._meta.label) if model is not None else None
        if schema is not None and one_of and self._is_create_operation():
            text = {"type": "string", "pattern": r"\S"}
            schema = {"allOf": [schema, {"anyOf": [{"required": [f], "properties": {f: text}} for f in one_of]}]}
            required = True
        return schema, required

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        model = getattr(getattr(field.parent, "Meta", None), "model", None)
        if schema and model is not None and isinstance(field, serializers.IntegerField):
            _narrow_to_constraint(schema, model, field.source)
        # A local time of day ("17:00:00", in the record's zone `tz`): RFC 3339's partial-time, not its "time",
        # which has an offset.
        if (
            schema
            and direction == "response"
            and isinstance(field, serializers.TimeField)
            and schema.get("format") == "time"
        ):
            schema.update(format="partial-time", pattern=LOCAL_TIME_PATTERN)
        return schema

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        from portal.api import OptionalURLField

        for name, field in serializer.fields.items():
            prop = schema.get("properties", {}).get(name, {})
            if not (isinstance(field, OptionalURLField) and "oneOf" in prop):
                continue
            address, blank = prop.pop("oneOf")
            if direction == "response":
                # An empty optional address is `null` in an answer, never "".
                prop.update(address)
            else:
                # A request may send an address, "" or null (`nullable` counts only beside a `type`).
                prop["oneOf"] = [{**address, "nullable": prop.pop("nullable", False)}, blank]
        return schema

    def _map_model_field(self, model_field, direction):
        schema = super()._map_model_field(model_field, direction)
        if schema and isinstance(model_field, models.IntegerField):
            _narrow_to_constraint(schema, model_field.model, model_field.name)
        return schema

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and self._read_only_nullable_relation(field):
            meta["nullable"] = True
        return meta

    @staticmethod
    def _read_only_nullable_relation(field) -> bool:
        """A read-only relation such as `SlugRelatedField(read_only=True)` shows `null` for an unset foreign key."""
        if not (field.read_only and isinstance(field, serializers.RelatedField)):
            return False
        model = getattr(getattr(field.parent, "Meta", None), "model", None)
        if model is None:
            return False
        try:
            model_field = model._meta.get_field(field.source_attrs[0])
        except (IndexError, FieldDoesNotExist):
            return False
        return bool(model_field.null)


def _narrow_to_constraint(schema: dict, model, name: str) -> None:
    """Document the range a check constraint of `model` gives the integer field `name`.

    Only the plain shapes are read: `Q(f__gte=a, f__lte=b)`, or that or `Q(f__isnull=True)`."""
    if schema.get("type") != "integer":
        return
    isnull = (f"{name}__isnull", True)
    for constraint in model._meta.constraints:
        condition = getattr(constraint, "condition", None)
        if not isinstance(condition, models.Q) or condition.negated:
            continue
        if condition.connector == models.Q.OR and len(condition.children) == 2 and isnull in condition.children:
            condition = next(child for child in condition.children if child != isnull)
        if not isinstance(condition, models.Q) or condition.negated or condition.connector != models.Q.AND:
            continue
        lookups = dict(child for child in condition.children if isinstance(child, tuple))
        low, high = lookups.get(f"{name}__gte"), lookups.get(f"{name}__lte")
        if len(lookups) == len(condition.children) == 2 and type(low) is int and type(high) is int:
            schema["minimum"], schema["maximum"] = low, high
            return
