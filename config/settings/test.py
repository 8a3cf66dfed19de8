"""Test settings: SQLite unless DATABASE_URL is set, eager Celery, throwaway keys."""

import os
import secrets
import tempfile

os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from privacy.keyring import key_settings_from_env

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False
# Like the privacy keys: from the environment, else a throwaway one for this process.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or secrets.token_urlsafe(50)
globals().update(key_settings_from_env(env.ENVIRON, allow_ephemeral=True))
INSTALLED_APPS = [*INSTALLED_APPS, "tests.privacy.testapp"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so the real Celery worker of tests/jobs can share it; one per
    # process so that parallel runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"equity-test-{os.getpid()}.sqlite3")
    }
MEDIA_ROOT = tempfile.mkdtemp(prefix="equity-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": {
        "BACKEND": "privacy.storage.EncryptedFileSystemStorage",
        "OPTIONS": {"location": os.path.join(MEDIA_ROOT, "evidence")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Proof of work (reporting/pow.py) costs a few hundred hashes in tests, not a second of CPU,
# and a form sent without work needs no wait; tests of the limits themselves raise these.
REPORTING_POW_BITS = 8
REPORTING_POW_MAX_BITS = 12
REPORTING_NOJS_WAIT_SECONDS = 0
# The demo's history costs seconds per seed: only the tests of the history ask for it.
DEMO_HISTORY_REPORTS_PER_SCHOOL = 0
