"""One JSON shape for every error: {"detail": "...", "errors": {"field": ["message"]}}.

Messages are translated (Accept-Language), never carry a stack trace or what was typed.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from cases.services.versions import StaleVersion
from transfers.workflow import InvalidTransferTransition

logger = logging.getLogger(__name__)

NON_FIELD = "__all__"
# Where a value sits in a request, as pydantic reports it; not part of the field name.
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file", "payload"}


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class ApiError(Exception):
    """Raised by API views for an answer other than success."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.status, self.detail = status, detail
        self.errors, self.headers = errors or {}, headers or {}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    detail: str,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    response = api.create_response(
        request, {"detail": str(detail), "errors": errors or {}}, status=status
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_name(location: tuple | list) -> str:
    parts = [str(part) for part in location if not isinstance(part, int)]
    parts = [part for part in parts if part not in _LOCATIONS]
    return parts[-1] if parts else NON_FIELD


def _schema_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "missing":
        return _("This field is required.")
    if kind in ("json_invalid", "model_attributes_type", "dict_type"):
        return _("Send a JSON object.")
    if kind.startswith(("list", "tuple")):
        return _("Send a list.")
    if kind.startswith("bool"):
        return _("Send true or false.")
    if kind.startswith(("int", "float")):
        return _("Send a whole number.")
    if kind.startswith("uuid"):
        return _("Send an identifier in UUID form.")
    if kind.startswith("string"):
        return _("Send text.")
    return _("This value is not valid here.")


def schema_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        message = _schema_message(error)
        bucket = fields.setdefault(_field_name(error.get("loc", ())), [])
        if message not in bucket:
            bucket.append(message)
    return fields


def django_errors(error: DjangoValidationError, *, field: str = NON_FIELD) -> dict:
    if hasattr(error, "error_dict"):
        return {
            name: [str(m) for m in DjangoValidationError(e).messages]
            for name, e in error.error_dict.items()
        }
    return {field: [str(message) for message in error.messages]}


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request, **kwargs):
        return error_response(api, request, **kwargs)

    @api.exception_handler(ApiError)
    def on_api_error(request, exc: ApiError):
        return respond(
            request, status=exc.status, detail=exc.detail, errors=exc.errors, headers=exc.headers
        )

    @api.exception_handler(SchemaValidationError)
    def on_schema_error(request, exc: SchemaValidationError):
        return respond(
            request,
            status=422,
            detail=_("Some values are missing or not valid."),
            errors=schema_errors(exc.errors),
        )

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        return respond(
            request,
            status=401,
            detail=_("Send a valid API token: Authorization: Bearer <token>."),
            headers={"WWW-Authenticate": "Bearer"},
        )

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        if exc.status_code == 400:
            detail = _("The request body is not valid JSON.")
        elif exc.status_code == 429:
            detail = _("Too many requests. Wait a few minutes, then try again.")
        else:
            detail = _("The request could not be handled.")
        return respond(request, status=exc.status_code, detail=detail)

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return respond(request, status=404, detail=_("Not found."))

    @api.exception_handler(PermissionDenied)
    def on_denied(request, exc: PermissionDenied):
        return respond(request, status=403, detail=str(exc) or _("You may not do this."), errors={})

    @api.exception_handler(InvalidTransferTransition)
    def on_bad_move(request, exc: InvalidTransferTransition):
        return respond(
            request,
            status=400,
            detail=_("This move is not allowed."),
            errors={"to_status": [str(exc)]},
        )

    @api.exception_handler(StaleVersion)
    def on_stale(request, exc: StaleVersion):
        return respond(
            request,
            status=409,
            detail=_(
                "Someone else changed this since you read it (it is now at version "
                "%(version)s). Nothing was saved: read it again, then retry."
            )
            % {"version": exc.current.version},
        )

    @api.exception_handler(DjangoValidationError)
    def on_invalid(request, exc: DjangoValidationError):
        return respond(
            request,
            status=400,
            detail=_("Some values are not valid."),
            errors=django_errors(exc),
        )

    @api.exception_handler(Exception)
    def on_crash(request, exc: Exception):
        # The class name only: an exception's message could quote what was sent.
        logger.error("API request failed with %s", type(exc).__name__)
        return respond(request, status=500, detail=_("Something went wrong on our side."))
