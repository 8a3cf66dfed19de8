"""Celery application. Tasks take ids, load their objects, then call a service."""

from celery import Celery

from .settings_module import require_settings_module

# Before the app exists: Celery installs its Django fix-up only when the variable is set.
require_settings_module()

app = Celery("equity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
