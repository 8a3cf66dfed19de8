"""Who is signed in on the status page: an encrypted cookie of 20 minutes naming the report.

Nothing of it is stored on the server: no session row keeps a report id or a last-access
time, so the database holds no timeline of when a reporter looked (SECURITY.md, F6). The
cookie is sealed with the key ring, so the device does not show the report id either.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from reporting import sealed_cookie

COOKIE = "reporter"
_PENDING = "_reporter_cookie"


def lifetime_seconds() -> int:
    return getattr(settings, "REPORTING_STATUS_SESSION_SECONDS", 20 * 60)


def report_id(request: HttpRequest) -> str | None:
    """The signed-in report's id, or None when nobody is signed in or the 20 minutes ran out."""
    payload = sealed_cookie.read(request, COOKIE)
    value = payload.get("report") if payload else None
    return value if isinstance(value, str) else None


def sign_in(request: HttpRequest, report_pk) -> None:
    """Open (or extend by 20 minutes) the reporter's access to this report."""
    setattr(request, _PENDING, str(report_pk))


def sign_out(request: HttpRequest) -> None:
    setattr(request, _PENDING, "")


def has_cookie(request: HttpRequest) -> bool:
    return sealed_cookie.cookie_name(COOKIE) in request.COOKIES


def apply(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Write what the view decided onto its response."""
    pending = getattr(request, _PENDING, None)
    if pending:
        sealed_cookie.write(response, COOKIE, {"report": pending}, seconds=lifetime_seconds())
    elif pending == "":
        sealed_cookie.delete(response, COOKIE)
    return response
