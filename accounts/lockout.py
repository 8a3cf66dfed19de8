"""django-axes configured to lock by username while storing no request metadata.

Axes records the client IP, user agent and Accept header of each failed login. The product
stores no IP address or user agent, so `no_client_ip` answers None and the handler blanks the
other fields before axes sees them: an `AccessAttempt` row holds only the username, the path,
masked form data, a count and a time. `AXES_DISABLE_ACCESS_LOG` keeps successful logins out of
the database entirely.
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import render

from cases.services.audit import record_audit_event


def no_client_ip(request: HttpRequest) -> None:
    """Used as AXES_CLIENT_IP_CALLABLE: the address is never read, so never stored."""
    return None


def _scrub(request: HttpRequest | None) -> None:
    if request is None:
        return
    request.axes_ip_address = None
    request.axes_user_agent = ""
    request.axes_http_accept = ""


class MetadataFreeDatabaseHandler(AxesDatabaseHandler):
    """The database handler, minus IP, user agent and Accept header; audits each lockout."""

    def is_allowed(self, request, credentials=None) -> bool:
        _scrub(request)
        return super().is_allowed(request, credentials)

    def get_failures(self, request, credentials=None) -> int:
        _scrub(request)
        return super().get_failures(request, credentials)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        _scrub(request)
        already_locked = bool(getattr(request, "axes_locked_out", False))
        result = super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and request.axes_locked_out and not already_locked:
            self._audit_lockout(credentials)
        return result

    def user_logged_in(self, sender, request, user, **kwargs):
        _scrub(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        _scrub(request)
        return super().user_logged_out(sender, request, user, **kwargs)

    @staticmethod
    def _audit_lockout(credentials: dict) -> None:
        # Only an existing account's id is recorded: a typed username may be a mistyped password.
        user_model = get_user_model()
        username = (credentials or {}).get(user_model.USERNAME_FIELD)
        user = user_model.objects.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is not None:
            record_audit_event(action="staff.locked_out", target=user)


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """Used as AXES_LOCKOUT_CALLABLE: a translated page that does not echo the username."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "accounts/locked_out.html", context, status=429)
