"""Fails when a model change has no migration. Run by `make check-migrations`.

`manage.py makemigrations --check --dry-run` for every app of the project: each installed app
whose code lives in this repository (tests excluded), named one by one, so that an app that has
no migrations package yet is checked too (without names, makemigrations skips such an app).
"""

import os
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from config.settings_module import require_settings_module
from privacy.keyring import generate_env_lines


def use_throwaway_keys() -> None:
    """Fresh keys for a check that reads no data: no key warnings."""
    for line in generate_env_lines().splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            os.environ.setdefault(name.strip(), value.strip())


def project_app_labels() -> list[str]:
    root = settings.BASE_DIR.resolve()
    labels = []
    for app_config in apps.get_app_configs():
        path = Path(app_config.path).resolve()
        if not path.is_relative_to(root):
            continue
        top = path.relative_to(root).parts[0]
        if top != "tests" and not top.startswith("."):  # .venv holds the third-party apps
            labels.append(app_config.label)
    return labels


def main() -> None:
    require_settings_module()
    use_throwaway_keys()
    django.setup()
    labels = project_app_labels()
    print(f"makemigrations --check --dry-run {' '.join(labels)}")
    # Exits with status 1, listing the migrations to write, when a model changed without one.
    call_command("makemigrations", *labels, check_changes=True, dry_run=True)


if __name__ == "__main__":
    main()
