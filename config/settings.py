"""Settings of the Deffinov platform, read from the environment.

Nothing here is secret: production values come from environment variables
(see the README). With no variable set, the platform runs for development on
an embedded SQLite database.
"""

import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# "development" (default), "test" (the default under pytest) or "production".
ENVIRONMENT = env_str("DJANGO_ENV", "test" if "pytest" in sys.modules else "development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ValueError("DJANGO_ENV must be development, test or production.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", not PRODUCTION and ENVIRONMENT != "test")
SECRET_KEY = env_str("SECRET_KEY", required=PRODUCTION) or "dev-only-insecure-key-change-me-0123456789abcdef"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
AUDIT_SIGNING_KEY = env_str("AUDIT_SIGNING_KEY")  # HMAC key of the audit digests; required in production.

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # The programme's domain, one app per noun.
    "deffinov.utils",
    "deffinov.audit",
    "deffinov.accounts",
    "deffinov.emails",
    "deffinov.territories",
    "deffinov.organisations",
    "deffinov.calls",
    "deffinov.eligibility",
    "deffinov.applications",
    "deffinov.reviews",
    "deffinov.committee",
    "deffinov.grants",
    "deffinov.payments",
    "deffinov.reports",
    "deffinov.opendata",
    "deffinov.dashboards",
    "deffinov.network",
    "deffinov.bookings",
    "deffinov.loans",
    "deffinov.matchmaking",
    "deffinov.api",
    "deffinov.instruction",
    "deffinov.demo",
    "deffinov.www",
]

MIDDLEWARE = [
    "deffinov.utils.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth: Region agents and admins set up their second factor before any staff page.
    "deffinov.accounts.middleware.SecondFactorRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

FORM_RENDERER = "deffinov.utils.forms.FormRenderer"

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
                "deffinov.utils.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if ENVIRONMENT == "test" else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the background worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENVIRONMENT == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: accounts identified by their email address, which must be confirmed.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "deffinov.accounts.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Deffinov] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_ADAPTER = "deffinov.accounts.adapter.AccountAdapter"
# Lockout: after LOGIN_FAILURES_LIMIT wrong passwords for one account (or LOGIN_FAILURES_PER_IP_LIMIT from one
# address) within LOGIN_FAILURES_WINDOW minutes, even the right password is refused until the window passes.
# Every login goes through it, the admin's included (its login page is the site's). Counters live in the cache
# (below), shared by every worker.
LOGIN_FAILURES_LIMIT = env_int("LOGIN_FAILURES_LIMIT", 5)
LOGIN_FAILURES_PER_IP_LIMIT = env_int("LOGIN_FAILURES_PER_IP_LIMIT", 20)
LOGIN_FAILURES_WINDOW = env_int("LOGIN_FAILURES_WINDOW", 15)
LOGIN_FAILED_RATE = (
    f"{LOGIN_FAILURES_PER_IP_LIMIT}/{LOGIN_FAILURES_WINDOW}m/ip,{LOGIN_FAILURES_LIMIT}/{LOGIN_FAILURES_WINDOW}m/key"
)
# Behind a reverse proxy, the client's address is read from X-Forwarded-For: the number of proxies we run.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Tests log in and sign up many times a minute: only the lockout stays on there.
_TEST_RATE_LIMITS = dict.fromkeys(
    [
        "change_password",
        "change_phone",
        "manage_email",
        "reset_password",
        "reauthenticate",
        "reset_password_from_key",
        "signup",
        "login",
        "request_login_code",
        "confirm_email",
        "verify_phone",
    ]
)
ACCOUNT_RATE_LIMITS = {**(_TEST_RATE_LIMITS if ENVIRONMENT == "test" else {}), "login_failed": LOGIN_FAILED_RATE}

# Second factor (TOTP with recovery codes), required for every Region agent and every admin.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Deffinov – Région Normandie"
MFA_RECOVERY_CODE_COUNT = 10

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Amounts are formatted explicitly (« 120 000 € »); a global separator would also split ids in forms and URLs.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded files live outside the static root and are served by views that check permissions.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Emails are stored first, then sent by a background task through EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "deffinov.emails.backends.StoredEmailBackend"
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = BASE_DIR / "var" / "emails"
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Deffinov – Région Normandie <ne-pas-repondre@deffinov.normandie.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The Region's logo in the header: a path under the static files (e.g. « img/logo-region.svg », a file dropped
# into static/ or STATIC_ROOT); without one, the header shows the « Deffinov » wordmark alone.
SITE_LOGO = env_str("SITE_LOGO", "")
SITE_LOGO_ALT = env_str("SITE_LOGO_ALT", "Région Normandie")
# Shown on the accessibility and legal pages.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "contact@deffinov.normandie.fr")

# One cache shared by every worker (login counters, used TOTP codes, cached pages): the database
# (`manage.py createcachetable`). Tests use per-process memory, cleared between tests.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if ENVIRONMENT == "test"
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "deffinov_cache"},
    # Public pages and their parts, keyed by the published calls' version: each process keeps its own copy, and a
    # change of a call reaches every process at once through the version, read from the database on each request.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# Background tasks: stored in the database, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Official geo API used to refresh communes (never called in tests).
GEO_API_URL = env_str("GEO_API_URL", "https://geo.api.gouv.fr")
# API Recherche d'entreprises (SIRENE), no key; the registration form reads a structure's identity from it.
SIRENE_API_URL = env_str("SIRENE_API_URL", "https://recherche-entreprises.api.gouv.fr")
SIRENE_API_TIMEOUT = 4.0
# Days the administrators of a structure have to answer a claim before the Region decides.
CLAIM_ANSWER_DAYS = 15

# Open data (décret 2017-779): the grantor named in the SCDL « subventions » file, its SIRET (checked at start-up;
# the default is a valid SIRET of the Region's SIREN 200053403, to be confirmed by the Region: see the README), and
# the amount from which a grant is published.
REGION_NAME = env_str("REGION_NAME", "Région Normandie")
REGION_SIRET = env_str("REGION_SIRET", "20005340300016")
OPEN_DATA_GRANT_THRESHOLD = env_int("OPEN_DATA_GRANT_THRESHOLD", 23_000)
# Personal access tokens of the API: days before a new token expires, at most.
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)

# Security.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The places' map: Leaflet is served from our static files; only its tiles come from the tile server, as images.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str(
    "MAP_ATTRIBUTION",
    '© les contributeurs d\'<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>, '
    'fonds de carte <a href="https://www.openstreetmap.fr/">OpenStreetMap France</a>',
)
MAP_TILE_ORIGIN = "https://" + MAP_TILE_URL.split("//", 1)[-1].split("/", 1)[0].replace("{s}", "*")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", MAP_TILE_ORIGIN],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates each step of each PDF at INFO: only its warnings are worth reading.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
