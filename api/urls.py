"""The integration API, mounted at /api/ (schema at /api/openapi.json, Swagger UI at
/api/docs served from django-ninja's own static files, never from a CDN)."""

from functools import wraps

from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger

from api import public, staff
from api.errors import install_error_handlers


class SameOriginSwagger(Swagger):
    """Swagger UI from django-ninja's own static files ("ninja" is in INSTALLED_APPS, so no
    CDN), under the site's CSP: ninja's page already has no inline code (a JSON settings block
    read by its static init script); ours adds the icons Swagger UI's stylesheet draws as data:
    images, served from this site instead (api/static/api/swagger-ui.css)."""

    template = "api/docs.html"


class IntegrationApi(NinjaAPI):
    """NinjaAPI whose root says where the schema and its docs page are, and whose unknown paths
    are JSON 404s rather than the public site's HTML page."""

    def _get_urls(self):
        urls = [url for url in super()._get_urls() if getattr(url, "name", "") != "api-root"]
        return [
            *urls,
            path("", self._index, name="api-root"),
            path("<path:unknown>", self._not_found, name="api-not-found"),
        ]

    def _index(self, request):
        return JsonResponse(
            {
                "openapi": reverse(f"{self.urls_namespace}:openapi-json"),
                "docs": reverse(f"{self.urls_namespace}:openapi-view"),
            }
        )

    def _not_found(self, request, unknown):
        with translation.override(translation.get_language_from_request(request)):
            body = {"detail": str(_("Not found.")), "errors": {}}
        return JsonResponse(body, status=404)


api = IntegrationApi(
    title="Equity Reports integration API",
    version="1",
    description=(
        "Public: submit a report, check its status and reply with the receipt (no account). "
        "Staff: a bearer token issued with `manage.py create_api_token` acts with its user's "
        'object permissions. Errors: {"detail": ..., "errors": {field: [messages]}}.'
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    # No validator badge: it would send the schema to validator.swagger.io.
    docs=SameOriginSwagger(settings={"validatorUrl": None}),
    docs_url="/docs",
)


def in_request_language(view):
    """/api/ has no language prefix, so Django's LocaleMiddleware answers in English; the API
    answers in the client's Accept-Language instead (English or Spanish)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response.headers.setdefault("Content-Language", language)
        return response

    return wrapped


api.add_decorator(in_request_language, mode="view")
install_error_handlers(api)
api.add_router("/public/", public.router)
api.add_router("/staff/", staff.router)
