"""OpenAPI generation for API v1."""

from drf_spectacular.openapi import AutoSchema


class PortalAutoSchema(AutoSchema):
    pass
