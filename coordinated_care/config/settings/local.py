"""Development on a laptop: `make run`. Safe defaults, nothing to configure."""

from .base import *  # noqa: F403
from .base import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A development-only key, so a checkout runs with nothing set; production refuses to start without one.
SECRET_KEY = env_str("SECRET_KEY", "development-only-key-never-used-in-production")
AUDIT_SEAL_KEY = env_str("AUDIT_SEAL_KEY", "development-only-audit-seal-key-never-used-in-production")
