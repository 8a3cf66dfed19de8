"""Settings of the real Celery workers that tests/jobs starts: the test's own database, its
broker and queue (one per test process, so parallel runs never take each other's tasks),
emails written to files the test can read, and a one-second retry backoff."""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES, INSTALLED_APPS

DATABASES["default"]["NAME"] = os.environ["EQUITY_WORKER_DB_NAME"]
DATABASES["default"].pop("TEST", None)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
CELERY_TASK_DEFAULT_QUEUE = os.environ["EQUITY_WORKER_QUEUE"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EQUITY_WORKER_MAIL_DIR"]
OUTBOX_RETRY_BACKOFF_SECONDS = 1
# The held job of the recovery test (its topic exists only in these workers).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.blocking"]
