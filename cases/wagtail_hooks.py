"""Wagtail loads this module; each area registers its own hooks in cases/admin/."""

from cases.admin import (  # noqa: F401
    bulk_actions,
    case_hooks,
    district_languages,
    job_hooks,
)
