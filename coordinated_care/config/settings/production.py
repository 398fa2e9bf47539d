"""Production: every secret must be given, every transport is HTTPS, nothing has a fallback."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_choice, env_int, env_list, env_str

DEBUG = False
# Demo data and its commands are never installed in production.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "coordinated_care.nonprod"]  # noqa: F405
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be a random value of at least 50 characters.")
# The audit trail's head is sealed with a key the database does not hold (ADR 11).
AUDIT_SEAL_KEY = env_str("AUDIT_SEAL_KEY", required=True)
if len(AUDIT_SEAL_KEY) < 32 or AUDIT_SEAL_KEY == SECRET_KEY:
    raise ImproperlyConfigured("AUDIT_SEAL_KEY must be a random value of at least 32 characters, not SECRET_KEY.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The environment variable ALLOWED_HOSTS must name the service's host names.")
env_str("DATABASE_URL", required=True)
# Connections kept open between requests (checked before reuse), instead of one opened for each.
for database in DATABASES.values():  # noqa: F405
    database["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
    database["CONN_HEALTH_CHECKS"] = True

# Links in e-mails sent where no request gives the address (evidence linked from a background job).
SITE_URL = env_str("SITE_URL", required=True).rstrip("/")
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be the service's https:// address.")

# Sign-in links, invitations and signing codes go by e-mail: a backend that prints, keeps or drops
# them would put them in the logs or lose them, so production names a real one.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", required=True)
if EMAIL_BACKEND.rsplit(".", 2)[-2] in {"console", "locmem", "dummy", "filebased"}:
    raise ImproperlyConfigured(f"EMAIL_BACKEND={EMAIL_BACKEND!r} does not send e-mail: name a real backend (smtp).")
LOG_FORMAT = env_choice("LOG_FORMAT", "json", {"text", "json"})
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
LOGGING["loggers"]["coordinated_care.requests"]["level"] = env_str("REQUEST_LOG_LEVEL", "INFO")  # noqa: F405

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are sent only over HTTPS, for this host alone and every path: no sibling domain can
# set or read them (the browser refuses a __Host- cookie with a Domain or without Secure).
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_PATH = "/"
CSRF_COOKIE_PATH = "/"
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live)?$"]
