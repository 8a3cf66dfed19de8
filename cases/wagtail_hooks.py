"""Wagtail loads this module; each area registers its own hooks in cases/admin/."""

from cases.admin import case_hooks, job_hooks, security_hooks, transfer_hooks  # noqa: F401
