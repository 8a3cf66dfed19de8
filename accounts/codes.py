"""Checking a one-time code: throttled per device, capped per session.

django-otp doubles the wait after each wrong code on a device (1, 2, 4... seconds), which
survives new sessions; on top of that a session is signed out after a few wrong codes so a
stolen password alone cannot keep guessing.
"""

import math

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.services.audit import record_audit_event

FAILURES_SESSION_KEY = "staff_2fa_failures"


class CodeRejected(Exception):
    """A wrong or throttled code; the message is shown to the user as is."""


class TooManyWrongCodes(Exception):
    """The session used up its attempts and must sign in again."""


def check_code(*, request: HttpRequest, device: TOTPDevice, code: str) -> TOTPDevice:
    """Return the device if `code` is right now; otherwise raise one of the errors above."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, info = device.verify_is_allowed()
        if not allowed:
            raise CodeRejected(_throttled_message(info))
        if device.verify_token(code):
            request.session.pop(FAILURES_SESSION_KEY, None)
            return device
    failures = request.session.get(FAILURES_SESSION_KEY, 0) + 1
    request.session[FAILURES_SESSION_KEY] = failures
    if failures >= settings.STAFF_2FA_MAX_ATTEMPTS_PER_SESSION:
        record_audit_event(
            action="staff.two_factor_failed_repeatedly",
            actor=request.user,
            target=request.user,
            detail={"failures": failures},
        )
        raise TooManyWrongCodes
    raise CodeRejected(
        _(
            "That code did not match. Check that your phone's clock is right "
            "and enter the newest code your app shows."
        )
    )


def _throttled_message(info: dict | None) -> str:
    locked_until = (info or {}).get("locked_until")
    if locked_until is None:
        return _("Too many wrong codes. Wait a moment and try again.")
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}
