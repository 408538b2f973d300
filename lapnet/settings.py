"""lapnet's Django settings: one file, twelve-factor, read through small typed helpers.

Every value comes from the environment (``LAPNET_*``, ``DATABASE_URL``, ``SECRET_KEY``); a bad value
fails loudly at start-up rather than being ignored. A secret may also be given as a file
(``SECRET_KEY_FILE=/run/secrets/key``). Nothing here has side effects beyond reading the environment.

- Embedded default: SQLite in ``LAPNET_DATA_DIR`` and the database-backed task queue; no server.
- Scale-out: ``DATABASE_URL=postgres://...`` (and a Redis-backed task backend, see docs).
- ``LAPNET_DEBUG=1`` for development; production refuses to start without ``SECRET_KEY``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


class ConfigurationError(RuntimeError):
    pass


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a whole number") from None


def envsecret(name: str) -> str | None:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigurationError(f"{name}_FILE={file_name!r} cannot be read: {error}") from None
    return os.environ.get(name) or None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


DEBUG = envbool("LAPNET_DEBUG", False)
DATA_DIR = Path(envstr("LAPNET_DATA_DIR", str(BASE_DIR.parent / "var"))).resolve()
EVIDENCE_ROOT = Path(envstr("LAPNET_EVIDENCE_ROOT", str(DATA_DIR / "evidence"))).resolve()

_secret = envsecret("SECRET_KEY")
if _secret is None:
    if not DEBUG:
        raise ConfigurationError(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when LAPNET_DEBUG is off; "
            "`lapnet serve` and `lapnet demo` generate one for a local installation"
        )
    _secret = "insecure-development-key-" + "x" * 40
SECRET_KEY = _secret

# absolute links in mails sent without a request (CLI, background tasks), e.g. https://lapnet.example.org
LAPNET_BASE_URL = envstr("LAPNET_BASE_URL", "")

ALLOWED_HOSTS = envlist("LAPNET_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("LAPNET_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
    "lapnet.accounts",
    "lapnet.sharing",
    "lapnet.members",
    "lapnet.evidence",
    "lapnet.campaigns",
    "lapnet.watching",
    "lapnet.notifications",
    "lapnet.referrals",
    "lapnet.runtime",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lapnet.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lapnet.urls"
WSGI_APPLICATION = "lapnet.wsgi.application"
AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'lapnet.sqlite3'}"),
        conn_max_age=envint("LAPNET_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a worker writes; a busy timeout instead of "database is locked"
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": envstr("LAPNET_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "analysis"],
    }
}
# scale-out: LAPNET_TASK_BACKEND=django_tasks_celery.CeleryBackend sends the same tasks to Celery over
# Redis (lapnet/celery.py); `lapnet worker` then runs a Celery worker
if TASKS["default"]["BACKEND"].startswith("django_tasks_celery."):
    TASKS["default"]["OPTIONS"] = {"CELERY_APP": "lapnet.celery.app"}
LAPNET_REDIS_URL = envstr("LAPNET_REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = LAPNET_REDIS_URL
CELERY_RESULT_BACKEND = LAPNET_REDIS_URL
CELERY_RESULT_EXTENDED = True
# several installations (or test runs) may share one Redis: each keeps its keys under its own prefix
LAPNET_REDIS_KEY_PREFIX = envstr("LAPNET_REDIS_KEY_PREFIX", "")
if LAPNET_REDIS_KEY_PREFIX:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": LAPNET_REDIS_KEY_PREFIX}
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": LAPNET_REDIS_KEY_PREFIX}
CELERY_TASK_DEFAULT_QUEUE = "default"  # django.tasks' default queue, which the backend leaves unnamed
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "exchange" / "locale"]  # the pro forma labels, shared with its PDF
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: evidence files are read into memory up to this size, then spooled to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("LAPNET_MAX_FORM_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
LAPNET_MAX_EVIDENCE_BYTES = envint("LAPNET_MAX_EVIDENCE_BYTES", 50 * 1024 * 1024)

# referrals: deadlines (EU CPC Regulation 2017/2394: 30 days for information, 6 months for enforcement)
LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS = envint("LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS", 7)
LAPNET_REFERRAL_INFORMATION_REPLY_DAYS = envint("LAPNET_REFERRAL_INFORMATION_REPLY_DAYS", 30)
LAPNET_REFERRAL_ENFORCEMENT_REPLY_MONTHS = envint("LAPNET_REFERRAL_ENFORCEMENT_REPLY_MONTHS", 6)
LAPNET_REFERRAL_REMINDER_LEAD_DAYS = envint("LAPNET_REFERRAL_REMINDER_LEAD_DAYS", 3)
# abuse notifications to industry members: how often the queued ones go out, and who signs them
LAPNET_NOTIFICATION_BATCH_MINUTES = envint("LAPNET_NOTIFICATION_BATCH_MINUTES", 10)
LAPNET_NODE_NAME = envstr("LAPNET_NODE_NAME", "lapnet")
# this node in the federation: its id (default: the host of LAPNET_BASE_URL) and its Ed25519 signing key
# file (default: <data folder>/node_signing_key.pem, made on first use, mode 0600, never in the database)
LAPNET_NODE_ID = envstr("LAPNET_NODE_ID", "")
LAPNET_NODE_KEY_FILE = envstr("LAPNET_NODE_KEY_FILE", "")

# --- hardening: what an agency's security officer asks for ---------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = envint("LAPNET_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
HTTPS = envbool("LAPNET_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and envbool("LAPNET_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("LAPNET_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("LAPNET_BEHIND_PROXY", False) else None
)

from django.utils.csp import CSP  # noqa: E402 - settings constants, imported where used

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Log-in throttling and lock-out (django-axes): per user name and address.
AXES_FAILURE_LIMIT = envint("LAPNET_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("LAPNET_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # one-time and recovery codes are never logged

OTP_TOTP_ISSUER = "lapnet"

# production must name a real mail backend (SMTP by default); development prints mail to the console
_DEFAULT_MAILER = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
_MAIL_BACKEND = envstr("LAPNET_EMAIL_BACKEND", _DEFAULT_MAILER)
_MAIL_OPTIONS: dict[str, object] = {}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAIL_OPTIONS = {
        "host": envstr("LAPNET_SMTP_HOST", "localhost"),
        "port": envint("LAPNET_SMTP_PORT", 25),
        "username": envstr("LAPNET_SMTP_USER", ""),
        "password": envsecret("LAPNET_SMTP_PASSWORD") or "",
        "use_tls": envbool("LAPNET_SMTP_STARTTLS", False),
        "timeout": envint("LAPNET_SMTP_TIMEOUT", 30),
    }
elif _MAIL_BACKEND.endswith("filebased.EmailBackend"):  # the demo: one file per connection, in var/mail
    _MAIL_OPTIONS = {"file_path": envstr("LAPNET_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))}
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = envstr("LAPNET_FROM_EMAIL", "lapnet@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LAPNET_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
