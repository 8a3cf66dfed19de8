"""Back-office gates that run on every request: idle timeout, then the second factor.

Both sit after django-otp's OTPMiddleware and Django's message middleware.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.services.audit import record_audit_event

LAST_ACTIVITY_SESSION_KEY = "staff_last_activity"
ADMIN_ACCESS = "wagtailadmin.access_admin"

# Views an unverified staff user may reach: signing in and out, resetting a password, 2FA.
_OPEN_URL_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        # The icon sprite and translations that the sign-in pages themselves load: if these
        # redirected to the 2FA page, its HTML would be injected into the page a second time.
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
    }
)
_OPEN_NAMESPACES = frozenset({"staff_security", "staff_invitation"})


def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def _with_next(url: str, request: HttpRequest) -> str:
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class StaffIdleTimeoutMiddleware:
    """Signs a user out after `STAFF_IDLE_TIMEOUT_SECONDS` without a request.

    The timestamp is refreshed at most once a minute so most requests do not write the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            timed_out = self._touch(request)
            if timed_out:
                return self._sign_out(request)
        return self.get_response(request)

    def _touch(self, request: HttpRequest) -> bool:
        timeout = settings.STAFF_IDLE_TIMEOUT_SECONDS
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
        if isinstance(last, int) and now - last > timeout:
            return True
        if not isinstance(last, int) or now - last >= min(60, timeout // 10):
            request.session[LAST_ACTIVITY_SESSION_KEY] = now
        return False

    def _sign_out(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        record_audit_event(action="staff.signed_out_idle", actor=user, target=user)
        logout(request)
        minutes = max(1, settings.STAFF_IDLE_TIMEOUT_SECONDS // 60)
        messages.info(
            request,
            _(
                "You were signed out after %(minutes)d minutes without activity, "
                "to protect the cases on this screen. Sign in again to continue."
            )
            % {"minutes": minutes},
        )
        if request.path_info.startswith(_admin_prefix()):
            return redirect(_with_next(reverse("wagtailadmin_login"), request))
        return redirect(request.get_full_path())


class StaffTwoFactorMiddleware:
    """Every back-office page needs a verified second factor, for every staff role.

    Users without admin access are left to Wagtail, which sends them back to the login page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(_admin_prefix()):
            return None
        match = request.resolver_match
        if match is not None and (
            match.url_name in _OPEN_URL_NAMES or _OPEN_NAMESPACES.intersection(match.namespaces)
        ):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not user.has_perm(ADMIN_ACCESS):
            return None
        return redirect(_with_next(reverse("staff_security:verify"), request))
