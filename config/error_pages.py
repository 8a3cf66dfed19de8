"""The pages shown when a request fails: honest, translated, and right for who is reading.

A reporter, an officer and an API client each get the error in their own terms. These views
touch neither the database nor the session: they must work when the failure is the database.
"""

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

from reporting.views.stale_form import reshow_report_step

STAFF_PREFIX = "/admin/"
API_PREFIX = "/api/"


def _audience(request: HttpRequest) -> str:
    if request.path.startswith(STAFF_PREFIX):
        return "staff"
    if request.path.startswith(API_PREFIX):
        return "api"
    return "portal"


def _page(request: HttpRequest, name: str, status: int) -> HttpResponse:
    audience = _audience(request)
    if audience == "api":
        return JsonResponse({"detail": _api_detail(status)}, status=status)
    # No request context on purpose: context processors may need the database.
    template = loader.get_template(f"errors/{audience}_{name}.html")
    context = {"path": request.path, "portal_languages": _offered_languages(request)}
    return HttpResponse(template.render(context), status=status)


def _offered_languages(request: HttpRequest) -> list[str]:
    """The languages the language switcher offers (config.language_choice): the district's,
    or only the active one when they cannot be read (the failure may be the database)."""
    try:
        return list(getattr(request, "portal_languages", None) or [])
    except DatabaseError:
        return []


def _api_detail(status: int) -> str:
    return {
        400: _("The request could not be read: it is too large or has too many fields."),
        403: _("The request was refused."),
        404: _("Not found."),
        500: _("The server could not finish the request. Nothing is known to have changed."),
    }[status]


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "400", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, "403", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _audience(request) == "staff":
        # The same page Wagtail shows for its own screens' misses.
        return defaults.page_not_found(request, exception, template_name="wagtailadmin/404.html")
    return _page(request, "404", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, "500", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form held open too long (or a cookie lost when the browser closed) fails the CSRF
    check. A reporter's step comes back with what they typed and a fresh token; anything else
    gets a page that says what happened and what to do."""
    if _audience(request) == "portal":
        reshown = reshow_report_step(request)
        if reshown is not None:
            return reshown
    return _page(request, "403_csrf", 403)
