"""Settings shared by every environment; each value can be set from the environment."""

from datetime import timedelta
from pathlib import Path

import django.conf.locale
import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# The local .env (the keys `make run` writes) is read only when asked for, as `make run` does:
# production, the tests and a worker must never pick up development keys left in the checkout.
# DJANGO_DOT_ENV_FILE names another file.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(
        env.str("DJANGO_DOT_ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False
    )

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # project apps first so their templates win
    "privacy",
    "jobs",
    "cases",
    "accounts",
    "search",
    "campaigns",
    "transfers",
    "routing",
    "outcomes",
    "trends",
    "reporting",
    "cms",
    "api",
    "backups",
    "alerts",
    "staff_intake",
    "district_setup",
    # Serves /api/docs (Swagger UI) from the package's own templates and static files.
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.sites",
    "accounts.admin.users_app.StaffUsersAppConfig",  # wagtail.users, without case-role groups
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: blanks IP, user agent and referrer on the reporting portal before anything sees them.
    "reporting.middleware.PortalPrivacyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.permissions_policy.PermissionsPolicyMiddleware",
    "config.csp.ScopedCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.language_choice.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # "What this user may do", read once per GET request (cases/request_cache.py).
    "cases.request_cache.RequestCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff security: idle timeout, then the second factor (accounts/).
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a lockout into its response.
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # PostgreSQL's JIT compiles any plan that merely looks expensive: the case queue's
    # permission subqueries spent ~1.7 s compiling to return 10 rows (docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading user and group permissions in one query (issue 20).
    "accounts.backends.OneQueryModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No anonymous guardian user: avoids an extra user row and an N+1 in templates.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

LANGUAGE_CODE = "en"
# Every language the public site can be read in, each named in itself (the language switcher
# shows these names). Adding one here, with its catalog locale/<locale>/LC_MESSAGES/django.po,
# is all a new language needs (README, "Languages"); each district then enables the ones its
# families need (District.languages). English is the source language and the site's default.
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("vi", "Tiếng Việt"),
    ("pt-br", "Português (Brasil)"),
    ("ht", "Kreyòl ayisyen"),
]
# Languages Django itself does not know (no entry in django.conf.locale.LANG_INFO): what
# {% get_language_info %} says about them (name, direction). A new language Django lacks needs
# one entry here too.
EXTRA_LANG_INFO = {
    "ht": {"bidi": False, "code": "ht", "name": "Haitian Creole", "name_local": "Kreyòl ayisyen"},
}
django.conf.locale.LANG_INFO.update(
    {
        code: info
        for code, info in EXTRA_LANG_INFO.items()
        if code not in django.conf.locale.LANG_INFO
    }
)
# The staff back office stays in English and Spanish, whatever the public site offers.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic's target, served by the web server itself (deploy/nginx/equity.conf).
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Uploaded files (evidence is ciphertext anyway) are readable by the service user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": {
        "BACKEND": "privacy.storage.EncryptedFileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT / "evidence")},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Key material lives outside the database (see privacy.keyring and SECURITY.md). Each
# environment module loads it: dev and test may fall back to throwaway keys, production may not.

# Wagtail keeps its site root paths (for every page link) and locale names in the default cache
# and clears them when a page or site is saved: only a cache all processes share sees that
# clearing. Development and tests run one process and keep it in memory; production.py
# defaults to the database. The redirects import keeps its uploaded file there too, between
# the upload and the confirmation, which may reach another machine.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"

# Sessions: short, server-side, never persistent across browser restarts.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# A session cookie: the reporter's device keeps no year-long trace of a visit.
CSRF_COOKIE_AGE = None
# A refused form says what happened and, on the report, keeps what was typed.
CSRF_FAILURE_VIEW = "config.error_pages.csrf_failure"

# Staff security (accounts/): TOTP for every back-office user, lockout, idle timeout.
STAFF_IDLE_TIMEOUT_SECONDS = env.int("STAFF_IDLE_TIMEOUT_SECONDS", default=15 * 60)
STAFF_2FA_MAX_ATTEMPTS_PER_SESSION = 5
OTP_TOTP_ISSUER = env("SITE_NAME", default="Report a bias incident")
OTP_TOTP_THROTTLE_FACTOR = 1  # waits 1, 2, 4, 8... seconds after successive wrong codes
# django-axes: lock by username only. No IP address, user agent or Accept header is stored
# (see accounts/lockout.py); successful logins are not logged at all.
AXES_FAILURE_LIMIT = env.int("STAFF_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("STAFF_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "accounts.lockout.MetadataFreeDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.no_client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken", "next"]
# axes.W006 asks for IP-based locking; we lock by username on purpose and never store IPs.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

SECURE_CONTENT_TYPE_NOSNIFF = True
# Not no-referrer: browsers then send "Origin: null" on form POSTs, which fails CSRF checks.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4, config/csp.py): nothing from a third party, no inline
# script or style on the public site. /admin/ (staff only) also allows inline script and style
# and blob:/data: images, which Wagtail's admin needs; still no other origin.
_CSP_SELF = ["'self'"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": _CSP_SELF,
        "style-src": _CSP_SELF,
        "img-src": _CSP_SELF,
        "font-src": _CSP_SELF,
        "connect-src": _CSP_SELF,
        "manifest-src": _CSP_SELF,
        "media-src": _CSP_SELF,
        # The portal's proof-of-work worker (reporting/static/reporting/pow-worker.js); said
        # outright, since older browsers fall back to default-src, not script-src.
        "worker-src": _CSP_SELF,
        "form-action": _CSP_SELF,
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        # Wagtail 8 still writes small inline scripts (e.g. its date choosers).
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "frame-src": _CSP_SELF,
        "frame-ancestors": _CSP_SELF,  # page previews
        "worker-src": ["'self'", "blob:"],
    }
}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2}
# Work recorded in the outbox (jobs.outbox) and the periodic jobs that drive it.
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Re-dispatches lost jobs: with the leases below, a job recovers within ~90 s of a crash.
    "outbox-sweep": {"task": "jobs.tasks.sweep_outbox", "schedule": 30.0},
    "deadline-reminders": {
        "task": "cases.tasks.send_deadline_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "transfer-step-reminders": {
        "task": "transfers.tasks.send_transfer_step_reminders",
        "schedule": crontab(hour=6, minute=40),
    },
    "daily-digests": {
        "task": "cases.tasks.queue_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "retention-purge": {
        "task": "cases.tasks.run_retention",
        "schedule": crontab(hour=2, minute=15),
    },
    "trend-counts-rebuild": {
        "task": "trends.tasks.rebuild_all_trend_counts",
        "schedule": crontab(hour=3, minute=0),
    },
    "outcome-check-ins": {
        "task": "outcomes.tasks.ask_due_check_ins",
        "schedule": crontab(hour=6, minute=50),
    },
    "report-draft-cleanup": {
        "task": "reporting.tasks.purge_expired_drafts",
        "schedule": 15 * 60.0,
    },
}
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
OUTBOX_RETRY_BACKOFF_SECONDS = env.int("OUTBOX_RETRY_BACKOFF_SECONDS", default=30)
OUTBOX_RETRY_BACKOFF_MAX_SECONDS = env.int("OUTBOX_RETRY_BACKOFF_MAX_SECONDS", default=3600)
# A dispatched job not started within this time is dispatched again by the sweep.
OUTBOX_DISPATCH_LEASE_SECONDS = env.int("OUTBOX_DISPATCH_LEASE_SECONDS", default=45)
# A running job holds this lease, renewed by a heartbeat while its handler runs; a job whose
# worker died is claimable again once the lease ends (jobs.runner explains the bound).
OUTBOX_RUN_LEASE_SECONDS = env.int("OUTBOX_RUN_LEASE_SECONDS", default=60)
OUTBOX_HEARTBEAT_SECONDS = env.int("OUTBOX_HEARTBEAT_SECONDS", default=20)
# Officers learn of a new report after a delay plus random jitter, so that the arrival time
# does not identify a reporter in a small school. None with eager tasks (dev, tests).
NEW_REPORT_NOTIFY_DELAY_SECONDS = env.int(
    "NEW_REPORT_NOTIFY_DELAY_SECONDS", default=0 if CELERY_TASK_ALWAYS_EAGER else 300
)
NEW_REPORT_NOTIFY_JITTER_SECONDS = env.int(
    "NEW_REPORT_NOTIFY_JITTER_SECONDS", default=0 if CELERY_TASK_ALWAYS_EAGER else 900
)
REMINDER_DUE_SOON_DAYS = env.int("REMINDER_DUE_SOON_DAYS", default=2)

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = env(
    "SEARCH_BACKEND",
    default="elasticsearch" if ELASTICSEARCH_URL else "database",
)
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="equity-")
# A searched case queue counts at most this many matches ("More than 1,000 cases match"): an
# exact COUNT over tens of thousands of matches of a common word set the search latency.
CASE_QUEUE_COUNT_CAP = env.int("CASE_QUEUE_COUNT_CAP", default=1000)

# The district's mail relay in one setting: smtp+tls://user:password@relay.example.org:587
# (django-environ's email_url: smtp://, smtps:// for implicit TLS, smtp+tls:// for STARTTLS;
# escape special characters of the password with %XX). EMAIL_BACKEND still wins when set.
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
EMAIL_BACKEND = env("EMAIL_BACKEND", default=EMAIL_BACKEND)  # noqa: F821 (set by email_url)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@localhost")

WAGTAIL_SITE_NAME = env("SITE_NAME", default="Report a bias incident")
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# No avatars from gravatar.com: the CSP refuses them (a broken image) and each one would tell
# a third party which staff e-mail is signed in. Wagtail draws its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "odt", "docx"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# `manage.py seed_demo`: past reports per demo school (two years of history; 0 for none).
# About 60 give a few hundred cases per district, so the trends page has bars and
# suppressed cells side by side (reporting/demo_history.py).
DEMO_HISTORY_REPORTS_PER_SCHOOL = env.int("DEMO_HISTORY_REPORTS_PER_SCHOOL", default=60)

# Logging never includes request metadata: no IP, no user agent, no referrer.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
