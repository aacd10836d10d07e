"""Settings for the Karlshamn business portal.

Everything that differs between a laptop and production comes from the environment through the
typed readers in `env.py`. Without any variables the portal runs embedded: SQLite and a
filesystem broker under `var/`.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from identity.group_map import parse_group_map
from karlshamn_portal.env import (
    ConfigurationError,
    env_bool,
    env_days,
    env_int,
    env_list,
    env_networks,
    env_str,
    env_url,
    origin,
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
CSRF_FAILURE_VIEW = "karlshamn_portal.errors.csrf_failure"

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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "karlshamn_portal.outbox",
    "karlshamn_portal.health",
    "karlshamn_portal.demo",
    "karlshamn_portal.signin",
    "meetings",
    "companies",
    "liaison",
    "forum",
    "relocation",
    "identity",
    "api",
    "feedback",
    "retention",
]

MIDDLEWARE = [
    # First, so nothing reads X-Forwarded-Proto from a peer that is not a trusted proxy.
    "karlshamn_portal.proxies.ForwardedProtoMiddleware",
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
    "identity.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "karlshamn_portal.errors.MethodNotAllowedPage",
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
                "identity.context_processors.sign_in",
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
# Nothing is kept only in the cache, so a Redis outage must cost speed, not pages: every cache
# call that cannot reach Redis within a second is logged and answered as a miss (a write or
# deletion is skipped), and the caller computes the value.
REDIS_CACHE_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "karlshamn_portal.cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "karlshamn_portal.signin.backends.PausedPasswordLoginBackend",
    "identity.backends.LocalLoginSwitch",
    "django.contrib.auth.backends.ModelBackend",
    "identity.oidc.PortalOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "signed-in"  # sends each role on to its own start page
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "karlshamn_portal.signin.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "karlshamn_portal.login.lockout_username"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "karlshamn_portal.proxies.client_address"
# Guessing one account's password from many addresses: after this many failures within the
# window, from anywhere, password login for that account waits until the window ends, and the
# account is told by e-mail.
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 20, minimum=1)
LOGIN_ACCOUNT_WINDOW_MINUTES = env_int("LOGIN_ACCOUNT_WINDOW_MINUTES", 15, minimum=1)

# Staff sign-in through the municipality's identity provider (OpenID Connect; identity/oidc.py).
# The provider's endpoints come from its discovery document unless set one by one.
OIDC_ISSUER = (env_url("OIDC_ISSUER", ("https", "http")) or "").rstrip("/")
OIDC_DISCOVERY_URL = env_url(
    "OIDC_DISCOVERY_URL",
    ("https", "http"),
    f"{OIDC_ISSUER}/.well-known/openid-configuration" if OIDC_ISSUER else None,
)
# Where the provider lives, for the Content-Security-Policy: its sign-out is reached by a redirect
# after the sign-out form, and the discovery URL may be all that is set.
OIDC_ORIGINS = sorted({origin(url) for url in (OIDC_ISSUER, OIDC_DISCOVERY_URL) if url})
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
if OIDC_RP_CLIENT_ID and not OIDC_DISCOVERY_URL:
    raise ConfigurationError("OIDC_CLIENT_ID is set: OIDC_ISSUER (or OIDC_DISCOVERY_URL) must be set too")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
OIDC_GROUP_MAP = parse_group_map(env_str("OIDC_GROUP_MAP", "{}"))
OIDC_OP_AUTHORIZATION_ENDPOINT: str | None = None  # None: from discovery
OIDC_OP_TOKEN_ENDPOINT: str | None = None
OIDC_OP_USER_ENDPOINT: str | None = None
OIDC_OP_JWKS_ENDPOINT: str | None = None
OIDC_OP_LOGOUT_ENDPOINT: str | None = None
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's sign-out
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10, minimum=1)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc-callback"
OIDC_OP_LOGOUT_URL_METHOD = "identity.oidc.provider_logout_url"
# Password sign-in (staff login and admin); LOCAL_LOGIN=0 leaves only the identity provider.
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", default=True)
if not LOCAL_LOGIN and not OIDC_RP_CLIENT_ID:
    raise ConfigurationError("LOCAL_LOGIN=0 needs an identity provider (OIDC_ISSUER, OIDC_CLIENT_ID)")
# A second factor for password sign-ins: always for administrators, and for these groups.
MFA_REQUIRED_GROUPS = env_list("MFA_REQUIRED_GROUPS", [])
OTP_TOTP_ISSUER = "Karlshamn näringslivsportal"

# The API (api/): token authentication only, JSON only, a rate limit per token.
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 120, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.TokenScopes"],
    "DEFAULT_THROTTLE_CLASSES": ["api.authentication.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.errors.exception_handler",
    # OPTIONS answers 405: DRF's metadata would describe forms no client here uses.
    "DEFAULT_METADATA_CLASS": None,
}
# Webhooks (api/webhooks.py): how long one post may take, and how often a failing one is retried
# (with backoff from 30 s to 6 h, about two days in all).
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10, minimum=1)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 12, minimum=1)
# Where webhooks may go (api/webhook_targets.py): https to public addresses only. Plain http is
# for development and tests; the allow-list names internal networks a receiver is meant to be
# in (an internal diarium), e.g. "10.1.2.0/24".
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", default=DEBUG)
WEBHOOK_ALLOWED_PRIVATE_NETWORKS = env_networks("WEBHOOK_ALLOWED_PRIVATE_NETWORKS")
SPECTACULAR_SETTINGS = {
    "TITLE": "API of Karlshamns kommun's business portal",
    "DESCRIPTION": "Cases, referrals, forum meetings, the company register, visits and follow-ups "
    "of Näringslivsenheten's portal. "
    "Send an API token as `Authorization: Bearer kp_…`; each operation needs the scope it names.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI from the drf-spectacular-sidecar package, served as our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Without deep links an operation's summary holds no link inside its button (axe's
    # nested-interactive rule).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "SECURITY": [{"bearerAuth": []}],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.complete_schema",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "liaison.models.cases.CaseStatus",
        "ReferralStatusEnum": "liaison.models.referrals.ReferralStatus",
        "ReferralAnswerEnum": ["accepted", "declined", "done"],
        "VisitStatusEnum": "companies.models.visits.VisitStatus",
        "FollowUpStatusEnum": "companies.models.followups.FollowUpStatus",
        "FollowUpChangeEnum": ["done", "case"],
    },
}

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# English dates the Swedish way round ("5 January 2027, 07:30"); Swedish keeps Django's own formats.
FORMAT_MODULE_PATH = ["karlshamn_portal.formats"]

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
# The worker and beat outlive a broker outage of any length: they retry the connection forever,
# at start-up too, backing off to one try every 30 s (kombu's default steps). The web's own
# hand-off does not wait for this: publishing has its own short retry policy, and a message it
# cannot hand over waits in the outbox for the sweep.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None

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
# A register import whose progress has not moved this long belongs to a worker that died; the
# sweep marks it failed and its page asks for the file again. The worker reports after reading
# the file and after each batch of 2,000 rows: seconds apart even for a 50 MB file.
REGISTER_IMPORT_STALLED_AFTER_SECONDS = env_int("REGISTER_IMPORT_STALLED_AFTER_SECONDS", 900, minimum=1)
# Medflyttarservice: the host's promise of a first contact and how long a partner's or a network
# employer's private link lasts without use (how long a partner's data is kept is in the
# retention plan below).
RELOCATION_FIRST_CONTACT_WORKING_DAYS = env_int("RELOCATION_FIRST_CONTACT_WORKING_DAYS", 3, minimum=1)
RELOCATION_LINK_INACTIVITY_DAYS = env_int("RELOCATION_LINK_INACTIVITY_DAYS", 90, minimum=1)
RELOCATION_EMPLOYER_LINK_DAYS = env_int("RELOCATION_EMPLOYER_LINK_DAYS", 30, minimum=1)
AGENDA_PROPOSALS_PER_SUBSCRIBER_PER_DAY = env_int("AGENDA_PROPOSALS_PER_SUBSCRIBER_PER_DAY", 5, minimum=1)

# The retention plan (gallringsplan): how many days after its rule's starting point each kind of
# data is kept before it is cleared, or None ("never" in the variable) for what the records plan
# keeps for ever. The retention app clears every kind here by its own rule (retention/kinds/);
# an app with a kind of its own adds its entry here and registers the kind (retention/registry.py).
RETENTION_PLAN: dict[str, int | None] = {
    # Ten years after closing, a case is anonymised: the company and the figures stay.
    "closed_cases": env_days("RETENTION_CLOSED_CASES_DAYS", 3653),
    "closed_case_attachments": env_days("RETENTION_CLOSED_CASE_ATTACHMENTS_DAYS", 730),
    "sent_email_bodies": env_days("RETENTION_SENT_EMAIL_BODIES_DAYS", 90),
    "failed_emails": env_days("RETENTION_FAILED_EMAILS_DAYS", 365),
    "webhook_deliveries": env_days("RETENTION_WEBHOOK_DELIVERIES_DAYS", 30),
    "unconfirmed_forum_subscriptions": env_days("RETENTION_UNCONFIRMED_FORUM_SUBSCRIPTIONS_DAYS", 7),
    "unsubscribed_forum_addresses": env_days("RETENTION_UNSUBSCRIBED_FORUM_ADDRESSES_DAYS", 1),
    "login_attempts": env_days("RETENTION_LOGIN_ATTEMPTS_DAYS", 90),
    "company_contacts": env_days("RETENTION_COMPANY_CONTACTS_DAYS", 1096),
    "personal_data_record": env_days("RETENTION_PERSONAL_DATA_RECORD_DAYS", 730),
    "personal_data_requests": env_days("RETENTION_PERSONAL_DATA_REQUESTS_DAYS", 730),
    # A survey's address and comment; its ratings stay for the statistics.
    "survey_personal_data": env_days("RETENTION_SURVEY_PERSONAL_DATA_DAYS", 730),
    # The files of large staff exports (contact names, survey comments): a week to download.
    "staff_exports": env_days("RETENTION_STAFF_EXPORTS_DAYS", 7),
    # A relocation partner's profile and everything about them, about six months after the
    # service closed (the relocation app's kind; the partner can delete it at once themselves).
    "relocation_profiles": env_days("RETENTION_RELOCATION_PROFILES_DAYS", 183),
}
# Rows one clearing transaction claims; a run goes on batch after batch until nothing is due.
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 200, minimum=1)

# Security. Production is the default; DJANGO_DEBUG=1 relaxes what needs HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The reverse proxies in front of the portal: only from these is X-Forwarded-For taken as the
# client's address (karlshamn_portal.proxies) and X-Forwarded-Proto as the scheme.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
# gunicorn bound to a Unix socket sees no peer address; set when only the proxy can reach it.
TRUSTED_PROXY_SOCKET = env_bool("TRUSTED_PROXY_SOCKET", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database only: signing in and staying signed in must not depend on Redis,
# and a cached copy that outlived a sign-out during an outage would sign the person in again.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
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
        # The identity provider's sign-out is reached by a redirect after the sign-out form.
        "form-action": ["'self'", *OIDC_ORIGINS],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Private links' tokens (karlshamn_portal.tokens) and sole traders' personnummer never reach a log.
    "filters": {
        "hide_tokens": {"()": "karlshamn_portal.tokens.HideTokensFilter"},
        "mask_personnummer": {"()": "liaison.log_filters.MaskPersonnummer"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["hide_tokens", "mask_personnummer"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django's own default handlers would print its "Not Found: /track/<token>/" and runserver's
    # request lines unfiltered.
    "loggers": {
        name: {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO"), "propagate": False}
        for name in ("django", "django.server")
    },
}
