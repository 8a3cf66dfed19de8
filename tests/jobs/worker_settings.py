"""Settings of the real Celery worker that test_worker.py starts: the test's own database,
its broker, emails written to files the test can read, and a one-second retry backoff."""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["EQUITY_WORKER_DB_NAME"]
DATABASES["default"].pop("TEST", None)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EQUITY_WORKER_MAIL_DIR"]
OUTBOX_RETRY_BACKOFF_SECONDS = 1
