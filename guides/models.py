"""Models of the guides area, one module per part."""

from guides.library.follow_models import *  # noqa: F403
from guides.library.models import *  # noqa: F403
from guides.materials.models import *  # noqa: F403
from guides.portals.models import *  # noqa: F403
from guides.websites.models import *  # noqa: F403
