"""Back-office of the guides area, one module per part."""

from guides.library import admin as _library  # noqa: F401
from guides.materials import admin as _materials  # noqa: F401
from guides.portals import admin as _portals  # noqa: F401
from guides.websites import admin as _websites  # noqa: F401
