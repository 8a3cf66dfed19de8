"""Local development: SQLite, eager Celery, console email, throwaway keys allowed."""

import os

os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from privacy.keyring import key_settings_from_env

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-secret-key-change-me")
globals().update(key_settings_from_env(env.ENVIRON, allow_ephemeral=True))
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
