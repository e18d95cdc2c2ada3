"""Back-office of the coordination area, one module per part."""

from coordination.circulars import admin as _circulars  # noqa: F401
from coordination.meetings import admin as _meetings  # noqa: F401
from coordination.participation import admin as _participation  # noqa: F401
from coordination.private_sector import admin as _private_sector  # noqa: F401
