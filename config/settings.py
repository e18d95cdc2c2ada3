"""Settings for the International Promotion Portal, read from the environment.

With no variables set this is the embedded demo: SQLite, Celery eager, console e-mail, DEBUG.
`PRODUCTION=true` switches to the hardened mode that `manage.py check --deploy` accepts.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

PRODUCTION = env.bool("PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)


def _dev_secret() -> str:
    """A secret generated once per checkout for the embedded demo, never for production."""
    from django.core.management.utils import get_random_secret_key

    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY") if PRODUCTION else env.str("SECRET_KEY", default="") or _dev_secret()
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "modeltranslation",  # before django.contrib.admin, so the admin sees translated fields
    "portal.admin_site.PortalAdminConfig",  # django.contrib.admin, its login limited per address
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search and trigram lookups (portal/search)
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "import_export",  # the admin's Import and Export buttons (portal/admin_imports.py)
    "django_celery_beat",
    "axes",
    "csp",
    "portal.apps.PortalConfig",
    "awards.apps.AwardsConfig",
    "funds.apps.FundsConfig",
    "events.apps.EventsConfig",
    "guides.apps.GuidesConfig",
    "coordination.apps.CoordinationConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's connection pool; persistent connections must stay off with it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN", default=1),
        "max_size": env.int("DATABASE_POOL_MAX", default=10),
        "timeout": 10,
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # The embedded SQLite demo ignores the covering columns of PostgreSQL's list indexes; that is fine.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "portal.auth.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's database sessions, refusing session keys Django never issues (a NUL from a forged cookie).
SESSION_ENGINE = "portal.sessions"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:my_agency"
LOGOUT_REDIRECT_URL = "home"
# How long the double opt-in link in the registration mail stays valid.
CONFIRMATION_MAX_AGE = env.int("CONFIRMATION_MAX_AGE", default=3 * 24 * 3600)
PASSWORD_RESET_TIMEOUT = 24 * 3600

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
# Lock one account from one address: a whole ministry behind one NAT address is not locked out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address without case or surrounding spaces, as the login looks it up: one counter however it is typed.
AXES_USERNAME_CALLABLE = "portal.auth.lockout_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Languages and time -------------------------------------------------------------------
LANGUAGE_CODE = "tr"
LANGUAGES = [
    ("tr", "Türkçe"),
    ("en", "English"),
    ("ru", "Русский"),
    ("ky", "Кыргызча"),
    ("fa", "فارسی"),
    ("az", "Azərbaycanca"),
]
LANGUAGES_BIDI = ["fa"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Istanbul"

MODELTRANSLATION_DEFAULT_LANGUAGE = "tr"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "tr")
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production whitenoise serves straight from the apps' static folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG and not PRODUCTION
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024

# --- E-mail --------------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(_email)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Promotion Portal <portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Kill switches (staging copies of production data, incidents): the alerts and digests, and every other mail
# (the outbox: confirmations, approvals, moderation notices…). What is held back stays pending, not lost.
SEND_ALERTS = env.bool("SEND_ALERTS", default=True)
SEND_MAIL = env.bool("SEND_MAIL", default=True)
# Mails (alerts, outbox) claimed and sent over one SMTP connection at a time; the retries below apply to both.
ALERT_BATCH_SIZE = env.int("ALERT_BATCH_SIZE", default=200)
# A row "sending" for longer than this belongs to a dead worker: the reaper puts it back in line.
ALERT_CLAIM_TIMEOUT = env.int("ALERT_CLAIM_TIMEOUT", default=600)
# Transient SMTP errors: wait ALERT_RETRY_BASE seconds, doubling per attempt up to ALERT_RETRY_MAX.
ALERT_RETRY_BASE = env.float("ALERT_RETRY_BASE", default=60.0)
ALERT_RETRY_MAX = env.float("ALERT_RETRY_MAX", default=3600.0)
ALERT_MAX_ATTEMPTS = env.int("ALERT_MAX_ATTEMPTS", default=12)
# A sending task stops after this many seconds and queues a follow-up (tasks stay short).
ALERT_SEND_TIME_BUDGET = env.int("ALERT_SEND_TIME_BUDGET", default=240)
# The working group's editors: the agencies (slugs) whose contacts are alerted of every guide's review-by date.
GUIDES_EDITOR_AGENCIES = env.list("GUIDES_EDITOR_AGENCIES", default=[])

# --- Celery --------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# Above the longest task and the longest retry backoff, so Redis never redelivers a running task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "portal.schema.PortalAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "International Promotion Portal API",
    "DESCRIPTION": "Published inventories of agencies and projects; writes for agency contacts.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the topics wherever they appear (a deadline's `topic`, a subscription's `topics`).
    # An agency's kind (also a programme's eligible kinds) and a funder's kind are two choice sets named "kind".
    "ENUM_NAME_OVERRIDES": {
        "TopicEnum": "portal.models.deadlines.Topic",
        "AgencyKindEnum": "portal.models.Agency.Kind",
        "FunderKindEnum": "funds.models.Funder.Kind",
        "DeadlineKindEnum": "portal.models.deadlines.DeadlineKind",
        "EventKindEnum": "events.models.EventKind",
        # Every reported record goes through the same review: draft, submitted, published, changes requested.
        "ReviewStateEnum": "portal.models.ReviewState",
        "EnglishWebsiteStateEnum": "portal.models.agencies.EnglishWebsiteState",
        "SubtopicEnum": "guides.library.models.Subtopic",
    },
}

# --- Cache (rate limits) -------------------------------------------------------------------
# Shared between processes in the full stack (e.g. redis://127.0.0.1:6379/1); per process otherwise.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
# A dead or hung cache server fails in half a second, not Redis's default 5 s per command; the rate limits then
# count in the database (`portal.ratelimit`). Options given in CACHE_URL's query win.
CACHE_REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["OPTIONS"] = CACHE_REDIS_OPTIONS | CACHES["default"].get("OPTIONS", {})
# Requests per client address and window (seconds) on the forms that send mail or check passwords.
RATE_LIMITS = {
    "register": (env.int("RATE_LIMIT_REGISTER", default=10), 3600),
    "login": (env.int("RATE_LIMIT_LOGIN", default=30), 600),
    "password_reset": (env.int("RATE_LIMIT_PASSWORD_RESET", default=5), 3600),
    "resend_confirmation": (env.int("RATE_LIMIT_RESEND", default=5), 3600),
}

# --- Security --------------------------------------------------------------------------------
# No inline script or style and no third-party origin anywhere, the admin and API docs included.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Error reports (and the DEBUG error page) hide passwords and other sensitive POST parameters, DEBUG or not.
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.reporting.ExceptionReporterFilter"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
