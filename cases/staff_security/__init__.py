"""Staff sign-in hardening for the back office: TOTP two-factor, lockout, idle timeout.

Wagtail offers no hook that runs before every admin view, so the second factor and the idle
timeout are enforced by middleware (see `middleware.py`); the lockout is django-axes with a
handler that stores no IP address or user agent (see `lockout.py`).
"""
