"""Translated fields of the guides area (modeltranslation), one module per part."""

from guides.library import translation as _library  # noqa: F401
from guides.materials import translation as _materials  # noqa: F401
from guides.portals import translation as _portals  # noqa: F401
from guides.websites import translation as _websites  # noqa: F401
