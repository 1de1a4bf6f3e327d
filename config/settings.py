"""Settings for Samspill, read from environment variables.

Every setting has a safe development default, so that `make run` works on a fresh
machine with no configuration. Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS
and DATABASE_URL (see .env.example and docs/drift.md).
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name, default):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = env("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY må settes når DEBUG er av.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "samspill.core",
    "samspill.accounts",
    "samspill.members",
    "samspill.programmes",
    "samspill.seminars",
    "samspill.agreements",
    "samspill.statistics",
    "samspill.strategy",
    "samspill.grants",
    "samspill.search",
    "samspill.api",
    "samspill.privacy",
    "rest_framework",
    "drf_spectacular",
    "samspill.workflow",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samspill.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samspill.core.audit.AuditMiddleware",
    # Every view needs a login unless it is marked @login_not_required;
    # samspill/core/tests/test_url_permissions.py proves it for every URL.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Turns a locked-out login into the lockout page (django-axes; last, as it asks).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samspill.core.context_processors.navigation",
            ],
            "builtins": ["samspill.core.templatetags.samspill"],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# One DATABASE_URL switches between the embedded SQLite default and PostgreSQL.
VAR_DIR = Path(env("SAMSPILL_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samspill.sqlite3'}")
# Connections are kept for 60 s and checked before reuse, so that after a database
# restart the first request reconnects instead of failing (samspill.core.views.server_error).
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Connections are kept (conn_max_age above), as on PostgreSQL: opening one per
    # request, with its PRAGMAs, halved the live board's speed under load (bench/README).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks -----------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"

# --- Login throttling (django-axes, docs/decisions/0006) -----------------------------------
AUTHENTICATION_BACKENDS = [
    "samspill.accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one e-mail address from one client lock that pair out for
# 15 minutes. Per pair, so that nobody can lock a colleague out from elsewhere.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The login form's field (AuthenticationForm's "username", holding the e-mail address).
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "samspill.core.network.client_address"
AXES_LOCKOUT_CALLABLE = "samspill.accounts.views.locked_out"
# Logins are in Samspill's own audit trail (samspill.core.audit); axes keeps the failures.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# --- Language and formats -------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
# Off: with it on, every integer in a template is grouped, so ids and form values broke
# once a primary key reached 1000 ("punkt-1 234"). Numbers people read are grouped
# explicitly with the `number` and `kr` filters.
USE_THOUSAND_SEPARATOR = False

# --- Caches ---------------------------------------------------------------------------
# "default" is each process's own memory: the live board keeps rendered sections there,
# which is safe because a section's key holds its version. "shared" is a table in the
# database, one for all gunicorn processes: what must be counted once, such as wrong
# join codes per address. Its table is made by a migration (seminars 0002).
# Django's default of 300 entries is less than one large board: 40 groups × 5 sections
# per kind of viewer and language. 5 000 sections of a few kB stay under about 20 MB.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "samspill_shared_cache",
    },
}

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "samspill.core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
# Where `manage.py backup` writes its archives (docs/drift.md).
BACKUP_DIR = Path(env("BACKUP_DIR", str(VAR_DIR / "backup")))

# --- Dialogue seminars ---------------------------------------------------------------
# Reverse proxies in front of Samspill (each adds to X-Forwarded-For); the limit on wrong
# join codes counts per client address, so behind a proxy this must be set.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SEMINAR_WRONG_CODES_ALLOWED = env_int("SEMINAR_WRONG_CODES_ALLOWED", 10)
SEMINAR_WRONG_CODES_WINDOW = env_int("SEMINAR_WRONG_CODES_WINDOW", 600)
# How long (ms) one server process answers a board's polls from what it read last, so
# that 300 browsers polling every two seconds cost a few queries a second, not five per
# poll. Changes show this much later at most (well within the promised three seconds).
SEMINAR_BOARD_STATE_MS = env_int("SEMINAR_BOARD_STATE_MS", 500)

# --- Reminders (samspill.workflow) -------------------------------------------------------
# The hour (Oslo time) the task worker sends the day's reminders (docs/drift.md).
REMINDER_HOUR = env_int("REMINDER_HOUR", 6)

# --- E-mail ---------------------------------------------------------------------------
# Console in development (e-mails are printed where `make run` runs); SMTP with the
# EMAIL_* variables when DEBUG is off.
EMAIL_BACKEND_PATH = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_mailer_options = {}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _mailer_options = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env("EMAIL_HOST_USER", ""),
        "password": env("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mailer_options}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Samspill <samspill@kulturskoleradet.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools log every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        # django-axes logs every login failure at INFO; lockouts come at WARNING.
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- REST API (samspill.api, docs/decisions/0007-api.md) ---------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "samspill.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "samspill.api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "samspill.api.throttling.ApiUserRateThrottle",
        "samspill.api.throttling.ApiWriteRateThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
#: Requests per key or user: all requests, and writes (imports, seminar answers).
API_THROTTLE_RATES = {
    "user": env("API_RATE_USER", "2000/hour"),
    "write": env("API_RATE_WRITE", "200/hour"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samspill API",
    "DESCRIPTION": "Les fra alle områdene i Samspill med dine egne tilganger; importer "
    "statistikk og skriv svar i dialogseminarer. Autentisering med personlig API-nøkkel "
    "(Bearer) fra profilsiden.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
