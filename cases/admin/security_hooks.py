"""Registered from cases/wagtail_hooks.py.

No Wagtail hook is used for staff security on purpose: Wagtail 8 has no hook that runs before
every admin view, so two-factor and the idle timeout are enforced by middleware in
`cases/staff_security/middleware.py`, which also covers views other apps add to the admin.
"""
