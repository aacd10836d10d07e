"""Settings for the Karlshamn business portal.

Everything that differs between a laptop and production comes from the environment through the
typed readers in `env.py`. Without any variables the portal runs embedded: SQLite and a
filesystem broker under `var/`.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from karlshamn_portal.env import (
    ConfigurationError,
    env_bool,
    env_int,
    env_list,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "development-only-key-never-used-in-production")
else:
    try:
        SECRET_KEY = env_str("SECRET_KEY")
    except ConfigurationError:
        raise ConfigurationError(
            "SECRET_KEY must be set when DJANGO_DEBUG is not 1 (generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        ) from None

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
SITE_URL = (env_url("SITE_URL", ("http", "https"), "http://127.0.0.1:8000") or "").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "karlshamn_portal.outbox",
    "karlshamn_portal.health",
    "karlshamn_portal.demo",
    "meetings",
    "liaison",
    "forum",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "karlshamn_portal.roles.RoleMemoMiddleware",
    # Before CsrfViewMiddleware, the first to read a POST body (see the module).
    "karlshamn_portal.middleware.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "karlshamn_portal.urls"
WSGI_APPLICATION = "karlshamn_portal.wsgi.application"

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
                "karlshamn_portal.context_processors.roles",
            ],
        },
    },
]

DATABASE_URL = env_url(
    "DATABASE_URL",
    ("postgres", "postgresql", "sqlite"),
    f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
)
DATABASES = {"default": dj_database_url.parse(str(DATABASE_URL), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, scheduler) share the file in `make run`.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
USES_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_url("REDIS_URL", ("redis", "rediss"))
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "karlshamn_portal.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "karlshamn_portal.login.lockout_username"
AXES_VERBOSE = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Uploaded files live outside static/ and are only served through views that check access.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "uploads")))
STORAGES = {
    "default": {"BACKEND": "karlshamn_portal.storage.CompleteFileStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A request's form fields without its files: the longest text a form takes is 50,000 characters
# of minutes. Larger bodies are refused before parsing (400).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# A whole request with its files, refused by its Content-Length before anything reads it (413):
# five attachments of 10 MB and the form around them.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 52 * 1024 * 1024, minimum=1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: every message is stored in the outbox first; this is only how the worker delivers it.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=bool(EMAIL_HOST))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
# Without a mail server the worker would print every e-mail to its log and mark it sent: fine on a
# laptop, silent loss in production. So with debug off, EMAIL_HOST is required unless the console
# is asked for by name (EMAIL_BACKEND=console, for a demo). A mail server, when given, is used.
_email_backend = env_str("EMAIL_BACKEND", "")
if _email_backend not in ("", "console"):
    raise ConfigurationError(f"EMAIL_BACKEND can only be console (or unset), not {_email_backend!r}")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG or _email_backend == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    raise ConfigurationError(
        "EMAIL_HOST must be set when DJANGO_DEBUG is not 1 (the SMTP server that delivers the "
        "portal's e-mail); set EMAIL_BACKEND=console to print e-mails to the worker's log instead"
    )
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Näringslivsenheten Karlshamn <naringsliv@example.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8, minimum=1)
# A message left 'sending' this long belongs to a worker that died mid-send; the sweep retries it.
# Keep it well above EMAIL_TIMEOUT, or a slow but live send could go out twice.
OUTBOX_STALLED_AFTER_SECONDS = env_int("OUTBOX_STALLED_AFTER_SECONDS", 600, minimum=1)
# Shows the staff outbox page with every message, for trying the flows without a mail server.
OUTBOX_BROWSER = env_bool("OUTBOX_BROWSER", default=DEBUG)

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport under var/.
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "broker"
    # kombu's filesystem transport needs its folders before the first message is written.
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_MAX_RETRIES = 0

# Domain settings.
FIRST_RESPONSE_WORKING_DAYS = env_int("FIRST_RESPONSE_WORKING_DAYS", 2, minimum=1)
TRACK_LINK_INACTIVITY_DAYS = env_int("TRACK_LINK_INACTIVITY_DAYS", 90, minimum=1)
MEETING_REMINDER_HOURS = env_int("MEETING_REMINDER_HOURS", 24, minimum=1)
SUBMISSIONS_PER_HOUR = env_int("SUBMISSIONS_PER_HOUR", 10, minimum=1)
# Messages written on a track page, per client address: a company writing back and forth sends a
# few an hour, and each may carry attachments.
COMPANY_MESSAGES_PER_HOUR = env_int("COMPANY_MESSAGES_PER_HOUR", 20, minimum=1)
# E-mails the public pages send to one address, whoever asks: links to one's cases, forum
# confirmations, and agenda proposals per subscriber. They keep the portal from being used to
# flood someone's inbox in the municipality's name.
LINK_MAILS_PER_ADDRESS_PER_DAY = env_int("LINK_MAILS_PER_ADDRESS_PER_DAY", 3, minimum=1)
FORUM_CONFIRMATIONS_PER_ADDRESS_PER_DAY = env_int("FORUM_CONFIRMATIONS_PER_ADDRESS_PER_DAY", 3, minimum=1)
AGENDA_PROPOSALS_PER_SUBSCRIBER_PER_DAY = env_int("AGENDA_PROPOSALS_PER_SUBSCRIBER_PER_DAY", 5, minimum=1)

# Security. Production is the default; DJANGO_DEBUG=1 relaxes what needs HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the cache (Redis in production) and written through to the database, which
# saves a query on every staff page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Private links' tokens never reach a log (karlshamn_portal.tokens).
    "filters": {"hide_tokens": {"()": "karlshamn_portal.tokens.HideTokensFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["hide_tokens"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own default handlers would print its "Not Found: /track/<token>/" and runserver's
    # request lines unfiltered.
    "loggers": {
        name: {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False}
        for name in ("django", "django.server")
    },
}
