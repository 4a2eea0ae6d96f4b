"""Settings of the platform, read from the environment.

Development works from a bare checkout (DJANGO_DEBUG=true, embedded
PostgreSQL, a generated local secret key). Production sets DJANGO_DEBUG=false
and must provide DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import datetime
import ipaddress
import secrets
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from platform_site.database import database_config
from platform_site.env import env_bool, env_float, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

LOCAL_SECRET_KEY_FILE = BASE_DIR / ".local-secret-key"


def _secret_key() -> str:
    key = env_secret("DJANGO_SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Give it a long random value (or DJANGO_SECRET_KEY_FILE pointing at a file holding one)."
        )
    # Development: generate a key once and keep it out of git.
    if not LOCAL_SECRET_KEY_FILE.exists():
        LOCAL_SECRET_KEY_FILE.write_text(secrets.token_urlsafe(50))
        LOCAL_SECRET_KEY_FILE.chmod(0o600)
    return LOCAL_SECRET_KEY_FILE.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# dumpdata --natural-foreign must not abort on history rows of deleted records (see README, Backups).
SERIALIZATION_MODULES = {
    fmt: f"catalogue.serialization.{fmt}" for fmt in ("json", "jsonl", "python")
}

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "platform_site.apps.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "catalogue",
    "platform_site",
    "taxonomy",
    "instruments",
    "projects",
    "strategies",
    "suggestions",
    "newsroom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "platform_site.middleware.AdminInCzechMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "platform_site.middleware.ResponseHeadersMiddleware",
    "platform_site.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Innermost: a cached page still passes through the security and CSP middleware above.
    "platform_site.pagecache.AnonymousPageCacheMiddleware",
    "platform_site.twofactor.TwoFactorRequiredMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "platform_site.urls"
WSGI_APPLICATION = "platform_site.wsgi.application"

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
                "platform_site.context_processors.site",
            ],
        },
    }
]

DATABASE_URL = env_str("DATABASE_URL")
# The embedded PostgreSQL is a development convenience: a production process without a
# database URL refuses to start rather than quietly serving an empty database of its own.
EMBEDDED_DATABASE = not DATABASE_URL
if EMBEDDED_DATABASE and not DEBUG:
    raise ImproperlyConfigured(
        "DATABASE_URL must be set when DJANGO_DEBUG is off "
        "(the embedded PostgreSQL is for development only)."
    )
DATABASES = {
    "default": database_config(
        DATABASE_URL,
        # Seconds to connect (and to check a reused connection) before the page answers 503.
        connect_timeout=env_int("DATABASE_CONNECT_TIMEOUT", 3),
        # Seconds a statement may run before the server cancels it.
        statement_timeout=env_int("DATABASE_STATEMENT_TIMEOUT", 30),
    )
}
# A streaming read replica of the primary (see platform_site/replicas.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 10)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_config(DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["platform_site.replicas.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "platform_site.replicas.PinToPrimaryMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "platform",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # A Redis that does not answer costs a page this long, then it goes on uncached.
                "SOCKET_CONNECT_TIMEOUT": env_float("REDIS_SOCKET_TIMEOUT", 1.0),
                "SOCKET_TIMEOUT": env_float("REDIS_SOCKET_TIMEOUT", 1.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole pages for anonymous visitors (platform_site/pagecache.py): how long a page is kept (0: no
# page cache; off in development), and how long a CDN in front may keep it without asking.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 3600)
# How long the facet counts of a list stay cached under the content version (0: off).
FACET_CACHE_SECONDS = env_int("FACET_CACHE_SECONDS", PAGE_CACHE_SECONDS)

# Rendered PDFs (the manual, checklists), one file per content version, shared by the worker
# processes; and how long a request waits for a new rendering before it answers a page that
# reloads itself until the PDF is ready (catalogue/pdf.py).
PDF_CACHE_DIR = env_str("PDF_CACHE_DIR") or str(Path(tempfile.gettempdir()) / "platform-pdf")
PDF_RENDER_WAIT_SECONDS = env_float("PDF_RENDER_WAIT_SECONDS", 10.0)
PAGE_CACHE_CDN_SECONDS = env_int("PAGE_CACHE_CDN_SECONDS", 0)
# Called with POST (header Surrogate-Key: content) whenever content changes, to purge a CDN.
CDN_PURGE_URL = env_str("CDN_PURGE_URL")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Czech first, English second.
LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", _("Czech")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "cs"
MODELTRANSLATION_LANGUAGES = ("cs", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("cs",), "cs": ("en",)}
MODELTRANSLATION_CUSTOM_FIELDS = ("MarkdownField",)

# Static files: hashed, compressed names served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

AUTHENTICATION_BACKENDS = [
    # First: refuses every login of a locked-out account or address (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Brute force on the admin login: after this many failed logins in a row, the account and,
# separately, the address are locked out for a while (django-axes).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "platform_site.api.throttles.request_client_address"
AXES_VERBOSE = False
# Two-factor authentication (django-otp): required for publishers and superusers.
TWO_FACTOR_REQUIRED = env_bool("DJANGO_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Integrace cizinců"

# Staff sessions (the public site keeps none): they end after this long without a request,
# and when the browser closes unless configured otherwise.
SESSION_COOKIE_AGE = env_int("STAFF_SESSION_IDLE_TIMEOUT", 2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("STAFF_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)

# Security. Production runs behind a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Features no page of the site uses; browsers refuse them to any script.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # The container health check talks plain HTTP to the app server itself.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    # Subdomains and the browsers' preload list bind more than this site: only on request.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]
    LANGUAGE_COOKIE_SECURE = True

# Content-Security-Policy (django-csp 4): no inline scripts or styles on public pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The admin (and the API browser) use inline styles and scripts of their own.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
    }
}

# Read-only public API.
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True

SIMPLE_HISTORY_REVERT_DISABLED = False

# Imports in the admin: the largest file accepted, and how long an uploaded file waits in
# the shared cache for its confirmation (so that any app server may confirm it).
IMPORT_MAX_FILE_SIZE = env_int("IMPORT_MAX_FILE_SIZE", 5 * 1024 * 1024)
IMPORT_FILE_LIFETIME = 60 * 60
# Admin exports guard spreadsheet formulas (=, +, -, @) like the public exports do.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "catalogue.imports.SharedImportStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # The embedded database logs every command it runs; only problems are of interest.
    # The PDF renderer logs each step of every document it lays out.
    "loggers": {"pgserver": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

SITE_NAME = _("Integration of Foreigners: Knowledge Platform")
# Public contact of the operator (accessibility statement); empty shows the operator's website only.
CONTACT_EMAIL = env_str("DJANGO_CONTACT_EMAIL")

# Read-only public API (Django REST framework) and its OpenAPI description (drf-spectacular).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Anonymous read access: no sessions, so no CSRF and no per-user state.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["platform_site.api.throttles.ClientRateThrottle"],
    # Per client address, counted in the cache (shared through Redis when REDIS_URL is set).
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_THROTTLE_RATE", "120/minute")},
    "DEFAULT_PAGINATION_CLASS": "platform_site.api.pagination.ApiPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Addresses or networks of the proxies in front of the app servers (load balancer, TLS
# proxy): their X-Forwarded-For names the real client the API throttle counts.
API_TRUSTED_PROXIES = env_list("API_TRUSTED_PROXIES")
for _proxy in API_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"API_TRUSTED_PROXIES holds {_proxy!r}, which is not an IP address or network."
        ) from None

SPECTACULAR_SETTINGS = {
    "TITLE": "Integration of Foreigners: Knowledge Platform API",
    "DESCRIPTION": (
        "Read-only access to the published projects, instruments, crisis strategies, "
        "organisations and vocabularies of the platform. Data licence: CC BY 4.0."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Enums as components (the default hook), then every error answer and exact nullables.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "catalogue.api.describe_answers",
    ],
    "ENUM_NAME_OVERRIDES": {
        "InstrumentKindEnum": "instruments.models.Kind",
        "OrganisationKindEnum": "taxonomy.models.Organisation.Kind",
        "PlaceTypeEnum": "taxonomy.models.Place.Kind",
        "StrategyPlaceKindEnum": "strategies.models.PlaceKind",
    },
}

# Suggestions from the public: how long a person needs at least to fill in the form,
# how many suggestions one address may send per hour, and after how many days the
# submitter's name, e-mail and organisation are removed (manage.py anonymise_suggestions).
SUGGESTION_MIN_SECONDS = env_int("SUGGESTION_MIN_SECONDS", 3)
SUGGESTION_RATE_LIMIT = env_int("SUGGESTION_RATE_LIMIT", 5)
SUGGESTION_RETENTION_DAYS = env_int("SUGGESTION_RETENTION_DAYS", 365)
# The editors' worklist flags an instrument whose call status was verified longer ago than this.
INSTRUMENT_STATUS_STALE_MONTHS = env_int("INSTRUMENT_STATUS_STALE_MONTHS", 6)
