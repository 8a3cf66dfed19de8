"""Celery application. Tasks take ids, load their objects, then call a service."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("equity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
