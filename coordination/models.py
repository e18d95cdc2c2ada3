"""Models of the coordination area, one module per part."""

from coordination.circulars.models import *  # noqa: F403
from coordination.meetings.models import *  # noqa: F403
from coordination.participation.models import *  # noqa: F403
from coordination.private_sector.models import *  # noqa: F403
