"""The toolkit's records, one module per tool (each module's `__all__` says what it holds)."""

from .assessments import *  # noqa: F403
from .briefs import *  # noqa: F403
from .checks import *  # noqa: F403
from .policies import *  # noqa: F403
