"""The one rule for choosing settings: every process names them in DJANGO_SETTINGS_MODULE.

manage.py, the WSGI application (config.wsgi) and the Celery worker and beat (`celery -A config`,
through config/celery.py) call require_settings_module() before Django or Celery reads a
setting. None of them falls back on a default: a forgotten variable used to start manage.py and
Celery on the development settings (DEBUG, eager tasks, throwaway keys) and gunicorn on the
production ones. `make run` names config.settings.dev; pytest takes config.settings.test from
pyproject.toml. Importing the `config` package runs the rule too (it loads the Celery app).
"""

import os
import sys

ENVIRONMENT_VARIABLE = "DJANGO_SETTINGS_MODULE"
MISSING_MESSAGE = (
    "DJANGO_SETTINGS_MODULE is not set; name the settings explicitly, e.g. "
    "DJANGO_SETTINGS_MODULE=config.settings.production (development: config.settings.dev)"
)
# A gunicorn worker that exits with 4 makes the master stop ("App failed to load") instead of
# starting new workers forever; for any other process it is just a failure.
EXIT_STATUS = 4


def require_settings_module() -> str:
    """The settings module this process was told to use; else one line on stderr and exit."""
    name = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not name:
        print(f"error: {MISSING_MESSAGE}", file=sys.stderr)
        raise SystemExit(EXIT_STATUS)
    return name
