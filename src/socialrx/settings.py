"""One settings module, driven by environment variables.

SOCIALRX_ENV=production turns on the hardened profile (HTTPS-only cookies, HSTS, no DEBUG,
a SECRET_KEY that must come from the environment). Everything else has a working default
so that `make run` serves a trial on SQLite with tasks run inline.
"""

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .storage_settings import storages_setting


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env("SOCIALRX_VAR_DIR", str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SOCIALRX_ENV = env("SOCIALRX_ENV", "development")
PRODUCTION = SOCIALRX_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when SOCIALRX_ENV=production")
    SECRET_KEY = "dev-only-insecure-key-" + "x" * 40  # noqa: S105 - never used in production

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    # django-ninja as an app: its API docs page then uses the Swagger UI files it ships (static,
    # under the CSP) instead of loading them from a CDN.
    "ninja",
    "django_htmx",
    "rules",
    "socialrx.core",
    "socialrx.accounts",
    "socialrx.organizations",
    "socialrx.billing",
    "socialrx.membership",
    "socialrx.taxonomy",
    "socialrx.schedules",
    "socialrx.privacy",
    "socialrx.registry",
    "socialrx.training",
    "socialrx.events",
    "socialrx.coaching",
    "socialrx.library",
    "socialrx.community",
    "socialrx.toolkit",
    "socialrx.platform",
    "socialrx.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # PostgreSQL refuses NUL in text: a 400 with a reason, before any view builds a query.
    "socialrx.core.middleware.RefuseNulParametersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "socialrx.accounts.middleware.RequireMfaForCenterRolesMiddleware",
    "socialrx.accounts.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "socialrx.urls"
WSGI_APPLICATION = "socialrx.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        # No "loaders": Django then uses its cached loader (each template read and compiled
        # once per process), in development too; tests/core/test_pagecache.py checks it.
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "socialrx.core.context_processors.navigation",
            ],
        },
    }
]

# Database: SQLite file under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'socialrx.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the dev server read while a task writes; IMMEDIATE avoids upgrade deadlocks.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# PostgreSQL's trigram lookups (the registry's typo-tolerant search) come with contrib.postgres.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.insert(INSTALLED_APPS.index("socialrx.core"), "django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Cache and tasks: Redis when configured, otherwise in-process.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "socialrx"),
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "socialrx.accounts.backends.CenterStaffAdminBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): email is the login; verification is mandatory.
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_ADAPTER = "socialrx.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SocialRx] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Lockout: after 5 failed logins for one account in 15 minutes (or 20 a minute from one IP)
# allauth refuses further attempts and says so on the login form.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_FAILED_RATE_LIMIT", "20/m/ip,5/15m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# TOTP secrets and recovery-code seeds are encrypted at rest with these keys (comma-separated:
# the first encrypts, all decrypt, for rotation). Production must set its own.
MFA_ADAPTER = "socialrx.accounts.adapters.MfaAdapter"
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEY")
if not MFA_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("MFA_ENCRYPTION_KEY must be set when SOCIALRX_ENV=production")
    # Development and tests: a stable key derived from the (development) SECRET_KEY.
    MFA_ENCRYPTION_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(b"mfa:" + SECRET_KEY.encode()).digest()).decode()
    ]
MFA_TOTP_ISSUER = "SocialRx"
MFA_RECOVERY_CODE_COUNT = 10
SOCIALACCOUNT_ADAPTER = "socialrx.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
# Hospital SSO through OpenID Connect (Entra ID, Okta, …), one app per configured IdP.
if env("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": env("OIDC_PROVIDER_ID", "hospital-sso"),
            "name": env("OIDC_NAME", "Hospital single sign-on"),
            "client_id": env("OIDC_CLIENT_ID"),
            "secret": env("OIDC_CLIENT_SECRET", ""),
            "settings": {"server_url": env("OIDC_SERVER_URL")},
        }
    )
# Sign in with Doximity (physicians), an OpenID Connect provider.
if env("DOXIMITY_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": "doximity",
            "name": "Doximity",
            "client_id": env("DOXIMITY_CLIENT_ID"),
            "secret": env("DOXIMITY_CLIENT_SECRET", ""),
            "settings": {
                "server_url": env("DOXIMITY_SERVER_URL", "https://auth.doximity.com"),
                "auth_params": {"scope": "openid profile:read:basic profile:read:email"},
            },
        }
    )

# Email: console in development, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "SocialRx <no-reply@socialrx.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = storages_setting(env, VAR_DIR, production=PRODUCTION)
WHITENOISE_USE_FINDERS = not PRODUCTION
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES

# Training: the largest lesson video or audio upload (refused before it is read when the
# request says it is bigger), and the hosts whose videos a lesson may embed.
TRAINING_MEDIA_MAX_BYTES = int(env("TRAINING_MEDIA_MAX_MB", "500")) * 1024 * 1024
TRAINING_EMBED_HOSTS = [
    host.strip()
    for host in env(
        "TRAINING_EMBED_HOSTS", "www.youtube-nocookie.com,www.youtube.com,player.vimeo.com"
    ).split(",")
    if host.strip()
]
# How long a boot camp seat offered from the waitlist waits for its claim, and how many
# certificate lookups (page and API) one client address may make per minute.
TRAINING_WAITLIST_OFFER_HOURS = int(env("TRAINING_WAITLIST_OFFER_HOURS", "48"))
TRAINING_CERTIFICATE_LOOKUPS_PER_MINUTE = int(env("TRAINING_CERTIFICATE_LOOKUPS_PER_MINUTE", "30"))
# Library: the largest file attached to a resource, by what its content is: documents (PDF,
# DOCX, PPTX, XLSX) and audio or video (MP3, M4A, WAV, MP4, WebM). Counted while it streams in.
LIBRARY_DOCUMENT_MAX_MB = int(env("LIBRARY_DOCUMENT_MAX_MB", "25"))
LIBRARY_MEDIA_MAX_MB = int(env("LIBRARY_MEDIA_MAX_MB", "500"))
# Events: how long a freed place offered to the first person on a ticket type's waitlist is
# kept for them (never past the close of registration).
EVENTS_WAITLIST_OFFER_HOURS = int(env("EVENTS_WAITLIST_OFFER_HOURS", "48"))
# Fetches of private agenda feeds (calendar programs polling a subscription URL) per client
# address and minute.
EVENTS_AGENDA_FEED_FETCHES_PER_MINUTE = int(env("EVENTS_AGENDA_FEED_FETCHES_PER_MINUTE", "30"))
# Coaching: how soon a slot can still be booked, until when a session is cancelled or moved
# without counting its hour, the price of an extra hour (member prices from the plan), and how
# many fetches of a coach's private calendar feed one client address may make per minute.
COACHING_MIN_NOTICE_HOURS = int(env("COACHING_MIN_NOTICE_HOURS", "12"))
COACHING_FREE_CANCEL_HOURS = int(env("COACHING_FREE_CANCEL_HOURS", "24"))
COACHING_HOUR_PRICE_CENTS = int(env("COACHING_HOUR_PRICE_CENTS", "25000"))
COACHING_FEED_FETCHES_PER_MINUTE = int(env("COACHING_FEED_FETCHES_PER_MINUTE", "30"))
# Library: the podcast's channel and the contact form's recipients (socialrx/library_settings.py).
from .library_settings import *  # noqa: E402, F403 - the names in its __all__
from .privacy_settings import *  # noqa: E402, F403 - the identifier detector's model

# Billing: card payments through Stripe Checkout when both keys are set; otherwise buyers pay
# by invoice (check or ACH) only.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
# Places held for a card checkout are released when it is not completed within this time.
BILLING_HOLD_MINUTES = int(env("BILLING_HOLD_MINUTES", "30"))
# Printed on every invoice so that a finance office can pay it as written.
BILLING_PAYEE = env("BILLING_PAYEE", "SocialRx Center for Social Media in Health Care")
BILLING_REMIT_TO = env(
    "BILLING_REMIT_TO",
    ""
    if PRODUCTION
    else "Accounts Receivable, 1200 Example Avenue, Suite 410, Springfield, IL 62701",
)
BILLING_ACH_DETAILS = env(
    "BILLING_ACH_DETAILS",
    "" if PRODUCTION else "Demo Bank · routing 000000000 · account 0000000000 (demo details)",
)
BILLING_TAX_ID = env("BILLING_TAX_ID", "" if PRODUCTION else "00-0000000 (demo)")
# Seats an organization without an active membership may fill (the free guest tier).
GUEST_SEAT_LIMIT = int(env("GUEST_SEAT_LIMIT", "5"))
# The periodic tasks: socialrx/beat.py.
from .beat import CELERY_BEAT_SCHEDULE  # noqa: E402, F401 - settings read by Celery

# Registry: uploaded import files (kept outside MEDIA_ROOT, never served), their size limit,
# and the public API's rate limit per client address.
REGISTRY_IMPORT_DIR = Path(env("REGISTRY_IMPORT_DIR", str(VAR_DIR / "imports")))
REGISTRY_IMPORT_MAX_BYTES = int(env("REGISTRY_IMPORT_MAX_MB", "100")) * 1024 * 1024
REGISTRY_IMPORT_XLSX_MAX_PART_MB = int(env("REGISTRY_IMPORT_XLSX_MAX_PART_MB", "1024"))
REGISTRY_API_RATE = env("REGISTRY_API_RATE", "120/m")
# PDF documents (invoices, certificates, tickets, briefs…) a person may download in ten
# minutes (core.pdf_downloads; center staff are not limited).
PDF_DOWNLOADS_PER_10_MINUTES = int(env("PDF_DOWNLOADS_PER_10_MINUTES", "60"))
# Reverse proxies in front of the application whose X-Forwarded-For can be trusted (per-client
# limits key on the client's address; 0 means none and the header is ignored).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# allauth reads its own setting in a few places; both always say the same.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
NINJA_PAGINATION_PER_PAGE = 25
NINJA_PAGINATION_MAX_LIMIT = 100

# Invitations: a signed link that is valid this long and works once.
INVITATION_MAX_AGE_DAYS = int(env("INVITATION_MAX_AGE_DAYS", "14"))

# Public pages served to anonymous visitors from the cache (core.pagecache) for at most this
# long; a change of the data they show replaces them at once. 0 turns the page cache off, the
# default with DEBUG: the development server reloads templates without a restart, and a kept
# page would hide an edit.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))
# /bench/ceiling/ (the benchmark's ceiling: the base template, the same middleware, no query)
# exists only when this is on; `make bench` turns it on for its own server.
BENCH_CEILING = env_bool("BENCH_CEILING", False)

# Content-Security-Policy: nothing inline, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
    },
}
