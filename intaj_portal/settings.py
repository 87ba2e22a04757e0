"""Settings for Intaj Portal, read from the environment.

With nothing set, the portal runs embedded: SQLite, Celery tasks in-process, e-mail to the console, DEBUG on.
`DATABASE_URL` switches to PostgreSQL, `CELERY_BROKER_URL` to a real broker with workers, and
`DJANGO_ENV=production` to the hardened production shape (see docs/operations.md).
"""

import datetime
import ipaddress
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from intaj_portal.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_rate,
    env_seconds,
    env_storage,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_choice("DJANGO_ENV", "development", {"development", "production"})
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_ENV=production")
    # A development key that is stable per checkout, never used in production.
    SECRET_KEY = "dev-only-" + str(BASE_DIR).encode().hex()[-40:] + "-not-for-production-use-0123456789"

DEVELOPMENT_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else DEVELOPMENT_HOSTS)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# The address links in e-mails point to. Production has no default: `check --deploy` fails without it
# (intaj_portal/checks.py). The embedded default is where `make run` serves (it passes its HOST and PORT).
SITE_URL = env_str("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "intaj_portal.apps.IntajPortalConfig",
    "intaj_portal.apps.PortalAdminConfig",  # django.contrib.admin, on the portal's site (admin_tools)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "django_celery_beat",
    "intaj_portal.apps.AxesConfig",  # django-axes, with a name in the staff's words
    "csp",
    "packages_catalog",
    "families",
    "notifications",
    "licenses",
    "dashboard",
    "benefits",
    "showcase",
    "demo",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id, and every answer's time is counted by view.
    "intaj_portal.logs.RequestIdMiddleware",
    "intaj_portal.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers on every response, error pages included.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A database that is down answers 503 with a page that needs neither the database nor the session.
    "intaj_portal.middleware.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it can turn a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from the portal's own origin only. No inline
# script or style anywhere (tests/test_security_headers.py fails on one in templates/), no plugins, no framing, and
# forms post only to the portal. `data:` images are Bootstrap's own icons (the menu button, selects, checkboxes),
# drawn by its stylesheet. The Django admin needs no exception.
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
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Permissions-Policy (django-permissions-policy): the portal uses none of the browser's powerful features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

if PRODUCTION:
    # Static files are served by the app process itself, compressed and with far-future cache headers.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )

ROOT_URLCONF = "intaj_portal.urls"
WSGI_APPLICATION = "intaj_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intaj_portal.context_processors.language_switch",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: SQLite in the embedded default, anything dj-database-url understands otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    # A kept connection is checked before each request reuses it, so a database restart fails no request.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT_SECONDS", 3))
else:
    # Writers queue for the lock (IMMEDIATE transactions, a busy timeout) instead of failing with "database is
    # locked", and readers do not wait for writers (WAL): a double click behaves as on PostgreSQL.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "var" / "db.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "families.User"
# Sessions are rows in the database: every web node reads the same ones, and a cache that fails logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
LOGIN_URL = "families:login"
LOGIN_REDIRECT_URL = "families:home"
LOGOUT_REDIRECT_URL = "catalog:home"
# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one e-mail address from one IP
# address, that pair is refused for AXES_COOLOFF_MINUTES. Keyed on the pair so that a stranger cannot lock a
# family out from elsewhere, and a shared office connection does not lock out everyone behind it.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Failures and lockouts are rows in the database, so a lockout holds on every web node (docs/operations.md).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "families.auth.axes_username"
AXES_LOCKOUT_CALLABLE = "families.views.login_locked_out"
# Behind AXES_PROXY_COUNT proxies, the client's address is read from the right of X-Forwarded-For, the part the
# proxies wrote themselves, never from the left, which the client can forge. One reader for login throttling and the
# e-mail link limits (intaj_portal/ratelimits.py).
CLIENT_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "intaj_portal.ratelimits.client_address"

# Links the portal e-mails on request (a password reset, the confirmation link again): at most this many per e-mail
# address and per client address, as a count over a period (django-ratelimit, counted in the cache). A cache that is
# down lets requests through unlimited rather than failing them (docs/decisions.md).
EMAIL_LINK_LIMIT_PER_ADDRESS = env_rate("EMAIL_LINK_LIMIT_PER_ADDRESS", "3/15m")
EMAIL_LINK_LIMIT_PER_CLIENT = env_rate("EMAIL_LINK_LIMIT_PER_CLIENT", "10/h")
RATELIMIT_FAIL_OPEN = True

# E-mail confirmation links stay valid this long; password-reset links use Django's PASSWORD_RESET_TIMEOUT.
EMAIL_CONFIRMATION_MAX_AGE = datetime.timedelta(days=env_int("EMAIL_CONFIRMATION_MAX_AGE_DAYS", 3))
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_SECONDS", 60 * 60 * 24)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first: the default language, and the first one offered.
LANGUAGE_CODE = "ar"
# The language cookie has the session cookie's flags: never sent to another site, unreadable by scripts, and (in
# production, below) sent over HTTPS only.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
# The portal's catalogue first; then the Arabic of the third-party apps' strings (django-celery-beat, django-axes,
# django-simple-history), kept apart because `makemessages` would drop msgids that no file of the portal uses.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "third_party"]
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["intaj_portal.formats"]
TIME_ZONE = "Asia/Dubai"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
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
# Uploaded documents are private: kept outside any URL the web server serves, read only through checked views.
MEDIA_ROOT = Path(env_str("DJANGO_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private-media")))

# Application documents: their own private storage, on disk under MEDIA_ROOT (the default) or, with
# DJANGO_DOCUMENTS_STORAGE=s3, in S3-compatible object storage shared by every web node (`S3_*`, env_storage).
STORAGES["documents"] = env_storage("documents", location=MEDIA_ROOT / "documents")
# The families' product photos for the public showcase, re-drawn at a few widths (showcase.photos). Served only
# through a view that checks the entry is public, so kept outside any URL the web server serves, like documents.
STORAGES["showcase"] = env_storage("showcase", location=MEDIA_ROOT / "showcase")
# A photo is checked like a document (DOCUMENT_MAX_BYTES) and refused past this many pixels (a 48-megapixel phone
# photo passes; a decompression bomb does not).
SHOWCASE_PHOTO_MAX_PIXELS = env_int("SHOWCASE_PHOTO_MAX_PIXELS", 50_000_000)
# How long browsers and proxies keep a public photo; a hidden entry's photos may stay in a cache that long.
SHOWCASE_PHOTO_CACHE_SECONDS = env_int("SHOWCASE_PHOTO_CACHE_SECONDS", 3600)
# PDF, JPEG or PNG, at most this many bytes each.
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 5 * 1024 * 1024)
# Submitted applications waiting longer than this many working days (Monday to Friday) are overdue.
APPLICATION_SERVICE_LEVEL_WORKING_DAYS = env_int("APPLICATION_SERVICE_LEVEL_WORKING_DAYS", 5)
# A licence can be renewed from this many days before it expires.
LICENCE_RENEWAL_WINDOW_DAYS = env_int("LICENCE_RENEWAL_WINDOW_DAYS", 30)

# Families enrol in a training course, and cancel, until this many hours before its first session.
BENEFITS_COURSE_CUTOFF_HOURS = env_int("BENEFITS_COURSE_CUTOFF_HOURS", 24)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: printed to the console in the embedded default, decoded so that Arabic subjects and bodies can be read.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "intaj_portal.console_mail.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = env_str("DJANGO_EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
# A mail server that hangs fails the attempt after this many seconds of silence (per SMTP command) instead of
# holding a worker for ever: the outbox records the failure and tries again later.
EMAIL_TIMEOUT = env_seconds("DJANGO_EMAIL_TIMEOUT", 10)
# Account e-mails (password reset, confirmation link) are sent while the person waits for the page: a hung mail
# server costs that request at most this long, then the page says to try again in a few minutes.
ACCOUNT_EMAIL_TIMEOUT = min(EMAIL_TIMEOUT, env_seconds("DJANGO_ACCOUNT_EMAIL_TIMEOUT", 2))
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Intaj Portal <no-reply@intaj.sssd.shj.ae>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not env_str("CELERY_BROKER_URL"))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only when it finished, so a killed worker's task is run again by another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = env_int("CELERY_BROKER_CONNECTION_TIMEOUT", 2)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # A task not acknowledged this long after delivery (its worker died) is delivered again.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT_SECONDS", 900),
}
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "intaj")
# Schedules live in the database (django-celery-beat), so staff can see and change them in the admin.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
# Publishing to a broker that is down gives up fast: the outbox row is already written and the relay sends it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
# A request waits for a broker that hangs at most this long in all (intaj_portal.celery.task_publish): after one
# publish failed or timed out, the process's publishes give up at once for TASK_PUBLISH_PAUSE_SECONDS.
TASK_PUBLISH_TIMEOUT_SECONDS = env_seconds("TASK_PUBLISH_TIMEOUT_SECONDS", 1)
TASK_PUBLISH_PAUSE_SECONDS = env_seconds("TASK_PUBLISH_PAUSE_SECONDS", 30)
# Every task is stopped after CELERY_TASK_TIME_LIMIT seconds (killed; the soft limit a little earlier raises in the
# task so that it can record its failure), whatever network call it is stuck in. Needs the default prefork pool.
# The limits travel with each task from the process that publishes it: web processes and workers share them.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT_SECONDS", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT_SECONDS", CELERY_TASK_TIME_LIMIT * 9 // 10)
if not 0 < CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT_SECONDS must be positive and shorter than CELERY_TASK_TIME_LIMIT_SECONDS"
    )

# Notifications (the outbox in notifications/): SMS through a pluggable gateway, retries with back-off.
SMS_BACKEND = env_str("SMS_BACKEND", "notifications.sms.LoggingSmsBackend")
# A gateway backend gives up on a call to the gateway after this many seconds (notifications/sms.py).
SMS_TIMEOUT_SECONDS = env_seconds("SMS_TIMEOUT_SECONDS", 10)
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 6)
NOTIFICATION_RETRY_BASE_SECONDS = env_int("NOTIFICATION_RETRY_BASE_SECONDS", 60)
# A delivery claimed longer ago than this by a worker that never finished is taken up again by the relay. It must
# outlast the task's hard time limit by a margin (the kill taking effect, clocks of two hosts), so that the relay
# never takes up a delivery whose attempt may still be running: that would send it twice.
NOTIFICATION_CLAIM_TIMEOUT_SECONDS = env_int("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", 600)
NOTIFICATION_CLAIM_MARGIN_SECONDS = 30
if NOTIFICATION_CLAIM_TIMEOUT_SECONDS <= CELERY_TASK_TIME_LIMIT + NOTIFICATION_CLAIM_MARGIN_SECONDS:
    raise ImproperlyConfigured(
        f"NOTIFICATION_CLAIM_TIMEOUT_SECONDS ({NOTIFICATION_CLAIM_TIMEOUT_SECONDS}) must be longer than "
        f"CELERY_TASK_TIME_LIMIT_SECONDS ({CELERY_TASK_TIME_LIMIT}) + {NOTIFICATION_CLAIM_MARGIN_SECONDS}: a "
        "delivery whose attempt may still be running would be sent again"
    )
NOTIFICATION_RELAY_BATCH = env_int("NOTIFICATION_RELAY_BATCH", 500)

# Logs go to the standard error, one line per record, each with its request's id (intaj_portal/logs.py):
# DJANGO_LOG_FORMAT=json writes each as a JSON object, for a log collector.
LOG_FORMAT = env_choice("DJANGO_LOG_FORMAT", "plain", {"plain", "json"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "intaj_portal.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "intaj_portal.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# /readyz waits at most this long for all its checks together (database, broker, cache, object storage).
READINESS_TIMEOUT_SECONDS = env_seconds("READINESS_TIMEOUT_SECONDS", 1)
# /metrics (Prometheus) is read only from these addresses or networks, or with `Authorization: Bearer METRICS_TOKEN`.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_ADDRESSES = env_list("METRICS_ALLOWED_ADDRESSES", [] if PRODUCTION else ["127.0.0.1", "::1"])
try:
    METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network(item, strict=False) for item in METRICS_ALLOWED_ADDRESSES]
except ValueError as error:
    raise ImproperlyConfigured(f"METRICS_ALLOWED_ADDRESSES: {error}") from None

# A page that reads one row and renders nothing, the floor `make bench` compares pages with (docs/performance.md).
BENCHMARK_BASELINE_VIEW = env_bool("BENCHMARK_BASELINE_VIEW", False)

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_ENV=production")
    if not DATABASE_URL:
        raise ImproperlyConfigured("DATABASE_URL must be set when DJANGO_ENV=production (PostgreSQL)")

# Sign in with UAE PASS (families/uaepass.py): on only when the client id, its secret and the provider's address are
# all set. In the embedded default the portal's own stand-in (demo/uaepass_standin.py) plays UAE PASS, so `make run`
# offers the button with demo identities; the stand-in is never mounted in production (a deploy check errors).
UAEPASS_STANDIN = env_bool("UAEPASS_STANDIN", not PRODUCTION and not env_str("UAEPASS_BASE_URL"))
UAEPASS_STANDIN_PATH = "uaepass-standin"
UAEPASS_CLIENT_ID = env_str("UAEPASS_CLIENT_ID", "intaj_standin" if UAEPASS_STANDIN else "")
UAEPASS_CLIENT_SECRET = env_str("UAEPASS_CLIENT_SECRET", "intaj_standin_secret" if UAEPASS_STANDIN else "")
UAEPASS_BASE_URL = env_str("UAEPASS_BASE_URL", f"{SITE_URL}/{UAEPASS_STANDIN_PATH}" if UAEPASS_STANDIN else "").rstrip(
    "/"
)
# PKCE (S256) is sent and checked where the provider accepts it; a provider that rejects the extra parameters
# is used without it (UAEPASS_PKCE=false).
UAEPASS_PKCE = env_bool("UAEPASS_PKCE", True)
# Each call to UAE PASS (token, user info) waits at most this long to connect and as long again for the answer.
UAEPASS_TIMEOUT_SECONDS = env_seconds("UAEPASS_TIMEOUT_SECONDS", 3)

# The managers' dashboard reads its figures at most once this often for the same filters (0: on every request).
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 60)
# Each process keeps its own cache by default; CACHE_URL (redis://…) shares one between the web workers.
CACHE_URL = env_str("CACHE_URL")
# A cache that is down or hangs costs a request at most CACHE_TIMEOUT_SECONDS per read (intaj_portal/cache.py).
CACHE_TIMEOUT_SECONDS = env_seconds("CACHE_TIMEOUT_SECONDS", 0.5)
# Keys are prefixed with CACHE_KEY_PREFIX: several portals (a staging and a production) may share one Redis.
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT_SECONDS, "socket_timeout": CACHE_TIMEOUT_SECONDS},
    }
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Rate limits (django-ratelimit, intaj_portal/ratelimits.py) count in the default cache: per process without
# CACHE_URL, shared by every web worker with it. A cache that fails lets requests through rather than refusing them.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_FAIL_OPEN = True
# The public verification page: typed look-ups of a licence number one client address may make in a minute.
LICENCE_LOOKUPS_PER_MINUTE = env_int("LICENCE_LOOKUPS_PER_MINUTE", 10)
if LICENCE_LOOKUPS_PER_MINUTE < 1:
    raise ImproperlyConfigured("LICENCE_LOOKUPS_PER_MINUTE must be at least 1: the look-up form would refuse everyone")
