"""Translated fields of the coordination area (modeltranslation), one module per part."""

from coordination.circulars import translation as _circulars  # noqa: F401
from coordination.meetings import translation as _meetings  # noqa: F401
from coordination.participation import translation as _participation  # noqa: F401
from coordination.private_sector import translation as _private_sector  # noqa: F401
