"""The test suite: fast hashing, files in a temporary folder, e-mail kept in memory."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
AUDIT_SEAL_KEY = "test-only-audit-seal-key"
AUDIT_SEAL_OLD_KEYS = []
AUDIT_CHECKPOINT_FILE = ""
AUDIT_CHECKPOINT_STORAGE = ""
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="coordinated-care-media-")
# Static files exactly as production serves them (hashed names from the manifest, compressed, by
# whitenoise), collected once before the session by the root conftest: a page that names a static
# file the manifest lacks fails its own test instead of answering 500 only in production.
STATIC_ROOT = BASE_DIR / "build" / "test-static"  # noqa: F405
ACCOUNT_RATE_LIMITS = False

# Several test runs may share one PostgreSQL server (developers side by side, CI): each run gets a
# test database of its own instead of fighting over "test_<name>".
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    import os

    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405
