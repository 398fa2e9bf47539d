"""Settings shared by every environment. Values that differ between environments come from
environment variables (see env.py); local, test and production settings adjust these."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from coordinated_care.config.env import env_bool, env_choice, env_int, env_list, env_rate_limits, env_str

BASE_DIR = Path(__file__).resolve().parents[3]

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SERVICE_NAME = "Coordinated care portfolio"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "django_tasks",
    "coordinated_care.core",
    "coordinated_care.audit",
    "coordinated_care.accounts",
    "coordinated_care.frameworks",
    "coordinated_care.programmes",
    "coordinated_care.portfolios",
    "coordinated_care.nonprod",
    "coordinated_care.feedback",
    "coordinated_care.confidentiality",
    "coordinated_care.assessments",
    "coordinated_care.homes",
    "coordinated_care.roles",
    "coordinated_care.reports",
    "coordinated_care.reminders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coordinated_care.audit.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body: a request larger than any form takes is refused unread.
    "coordinated_care.core.middleware.RequestSizeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coordinated_care.accounts.middleware.SessionLifetimeMiddleware",
    "coordinated_care.accounts.middleware.SecondFactorRequiredMiddleware",
    "coordinated_care.core.middleware.SecurityHeadersMiddleware",
    "coordinated_care.core.middleware.LoginRequiredMiddleware",
    "coordinated_care.core.middleware.RequestLogMiddleware",
]

ROOT_URLCONF = "coordinated_care.config.urls"
WSGI_APPLICATION = "coordinated_care.config.wsgi.application"

TEMPLATES = [
    {
        # Pages are Jinja2 on the NHS.UK frontend macros; the loader falls back to the
        # nhsuk-frontend-jinja package for the component templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "coordinated_care" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "coordinated_care.config.jinja2.environment"},
    },
    {
        # The Django admin and allauth's e-mail bodies still use Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
# Reports may read from a PostgreSQL replica (core.replica.reading_from_replica); every other read,
# and every write, goes to the primary, so nobody misses what they have just saved.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0)
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["coordinated_care.core.replica.ReplicaRouter"]
# PostgreSQL's JIT compiles a query whose estimated cost passes 100,000 (a quarter of a second
# here), which the caseload's join crossed on its own estimate of who facilitates whom: the service's
# queries are short lookups that never repay it, so it is off unless DATABASE_JIT says otherwise.
if not env_bool("DATABASE_JIT", False):
    for _alias in DATABASES:
        if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql":
            _options = DATABASES[_alias].setdefault("OPTIONS", {})
            _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the test server's reads go on while a write is in progress.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in is by e-mail and password. Accounts are made by administrators and programme
# leads, never by open sign-up (see accounts.adapter).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# An address is used for signing in, notifications and enrolment only once its owner has confirmed
# it; a new address replaces the old one only when confirmed (ADR 13).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_ADAPTER = "coordinated_care.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "coordinated_care.accounts.forms.LoginForm"}
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "reset_password": "20/m/ip,5/m/key"}
LOGIN_URL = "account_login"
# Two factors (ADR 13): an authenticator app or a passkey, with recovery codes; required of every
# role but the learner's (accounts.second_factor).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "Coordinated care portfolio"
# One step either side of the current code, for a phone's clock a little out.
MFA_TOTP_TOLERANCE = 1
MFA_ADAPTER = "coordinated_care.accounts.adapter.MFAAdapter"
SOCIALACCOUNT_ADAPTER = "coordinated_care.accounts.adapter.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
# Sign-in through an organisation's OpenID Connect provider: NHS CIS2 Authentication when
# CIS2_CLIENT_ID is set (accounts.oidc: PKCE, private_key_jwt, back-channel logout).
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "provider_class": "coordinated_care.accounts.oidc.provider.OrganisationProvider",
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [],
    }
}
if env_str("CIS2_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": "cis2",
            "name": "NHS CIS2 Authentication",
            "client_id": env_str("CIS2_CLIENT_ID"),
            "secret": "",
            "settings": {
                "server_url": env_str("CIS2_ISSUER", required=True),
                "private_key": env_str("CIS2_PRIVATE_KEY", required=True),
                "key_id": env_str("CIS2_KEY_ID", required=True),
                "signing_algorithm": env_choice(
                    "CIS2_SIGNING_ALGORITHM",
                    "RS512",
                    {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS512"},
                ),
                "scope": env_list("CIS2_SCOPES", ["openid", "profile", "email", "nationalrbacaccess"]),
                "acr_values": env_str("CIS2_ACR_VALUES", ""),
            },
        }
    )
LOGIN_REDIRECT_URL = "home"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# For the SMTP backend (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
if env_str("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@coordinated-care.invalid")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "build" / "collected")))
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads in S3-compatible object storage, so that any application process can serve any file.
# Files are private: the service reads them and serves them through a permission-checked view,
# never by a link to the bucket.
if env_str("STORAGE_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("STORAGE_S3_BUCKET"),
            "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL"),
            "region_name": env_str("STORAGE_S3_REGION"),
            "access_key": env_str("STORAGE_S3_ACCESS_KEY_ID"),
            "secret_key": env_str("STORAGE_S3_SECRET_ACCESS_KEY"),
            "location": env_str("STORAGE_S3_PREFIX", "uploads"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_str("REDIS_URL"):
    # Redis as the cache, answering as a miss while Redis is down so that pages still answer (ADR 14),
    # with short timeouts so that a Redis that does not answer holds no request for long.
    CACHES = {
        "default": {
            "BACKEND": "coordinated_care.core.cache.ResilientRedisCache",
            "LOCATION": env_str("REDIS_URL"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions in the database (any process can read them), with Redis in front for speed.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Background work (ADR 5): run in the request's own process by default, so a checkout needs no
# broker; TASKS_BACKEND=rq queues it in Redis (REDIS_URL) for `manage.py rqworker` processes.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
if TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", required=True), "DEFAULT_TIMEOUT": 600}}
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r}: use immediate or rq.")

# The service's own knobs (docs/settings.md lists every variable).
# The site's address, for links in e-mails sent where no request gives it (https://portfolio.example.nhs.uk).
SITE_URL = env_str("SITE_URL", "")
# How many proxies in front of the service append to X-Forwarded-For (0: none); rate limits count the client's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# The largest file a learner may upload, in bytes; documents are checked for patient details up to the same size.
PORTFOLIO_UPLOAD_MAX_BYTES = env_int("PORTFOLIO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
# Django's own bounds, said here: a form's fields other than its files may hold 2.5 MB in all (more is
# a 400 before any field is scanned), and an upload larger than 2.5 MB is kept on disk, not in memory,
# while it is checked. A body larger than an upload and the fields is refused unread
# (core.middleware.RequestSizeMiddleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Server drafts are deleted by `purge_drafts` after this many days.
PORTFOLIO_DRAFT_DAYS = env_int("PORTFOLIO_DRAFT_DAYS", 30, minimum=1)
# Autosaves one person may send in a minute (the browser sends one every few seconds while they type).
PORTFOLIO_DRAFTS_PER_MINUTE = env_int("PORTFOLIO_DRAFTS_PER_MINUTE", 30, minimum=1)
# How many days a new feedback link works for, unless the learner chooses (1 to 90).
FEEDBACK_LINK_DAYS = env_int("FEEDBACK_LINK_DAYS", 30, minimum=1, maximum=90)
# Requests per window on the feedback pages, per address, per link and per countersigning facilitator.
FEEDBACK_RATE_LIMITS = env_rate_limits(
    "FEEDBACK_RATE_LIMITS", {"address": (60, 600), "token": (20, 3600), "countersign": (5, 900)}
)
# A feedback form sent back sooner than this after it was shown is taken for a script and shown again.
FEEDBACK_MIN_FILL_SECONDS = env_int("FEEDBACK_MIN_FILL_SECONDS", 5, minimum=0)
# Live confidentiality checks one person may ask for in a minute while typing.
CONFIDENTIALITY_CHECKS_PER_MINUTE = env_int("CONFIDENTIALITY_CHECKS_PER_MINUTE", 60, minimum=1)
# The audit trail's seal (ADR 11): an HMAC key held outside the database over the chain's head and its
# checkpoints; old keys, comma-separated, still verify seals made before a rotation. Local and test
# settings give a fixed non-secret key; production refuses to start without one.
AUDIT_SEAL_KEY = env_str("AUDIT_SEAL_KEY", "")
AUDIT_SEAL_OLD_KEYS = env_list("AUDIT_SEAL_OLD_KEYS")
# Where `write_audit_checkpoint` appends sealed checkpoints of the chain's head, outside the
# database: a file path, or the name of a storage in STORAGES (object storage). One of the two.
AUDIT_CHECKPOINT_FILE = env_str("AUDIT_CHECKPOINT_FILE", "")
AUDIT_CHECKPOINT_STORAGE = env_str("AUDIT_CHECKPOINT_STORAGE", "")
if AUDIT_CHECKPOINT_FILE and AUDIT_CHECKPOINT_STORAGE:
    raise ImproperlyConfigured("Set AUDIT_CHECKPOINT_FILE or AUDIT_CHECKPOINT_STORAGE, not both.")
# The longest text one form field may hold: longer text is refused with a message before it is scanned,
# so no amount of text can tie up a worker (a whole chapter is about 50,000 characters).
CONFIDENTIALITY_MAX_CHARACTERS = env_int("CONFIDENTIALITY_MAX_CHARACTERS", 100_000, minimum=1000)

# A session ends after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after signing in,
# whichever comes first (accounts.middleware.SessionLifetimeMiddleware).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "coordinated_care.core.views.csrf_failure"

# A strict policy: scripts only from our own origin or carrying this response's nonce (the
# NHS.UK page template's one-line "js-enabled" script), no inline styles at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# LOG_FORMAT=json writes one JSON object a line (production's default); paths never reach the logs.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", {"text", "json"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
        "json": {"()": "coordinated_care.core.logging.JsonFormatter"},
    },
    "filters": {"withhold_paths": {"()": "coordinated_care.core.logging.WithholdPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["withhold_paths"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Presidio announces its device and recognisers at INFO on every start.
        "presidio-analyzer": {"level": "WARNING"},
        # A line a request is for production's collectors; on a laptop it is noise unless asked for.
        "coordinated_care.requests": {
            "level": env_str("REQUEST_LOG_LEVEL", "INFO" if LOG_FORMAT == "json" else "WARNING")
        },
    },
}
