"""Bearer-token authentication for the staff API. Sessions are never accepted here, so a
signed-in browser cannot be tricked into calling it (no CSRF surface)."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from api.errors import ApiError
from api.models import ApiToken
from api.selectors import usable_token
from api.services import note_token_use
from reporting import throttle

RATE_WINDOW = timedelta(minutes=1)


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = usable_token(secret=token)
        if api_token is None:
            return None
        note_token_use(token=api_token)
        _check_rate(api_token)
        return api_token


def _check_rate(api_token: ApiToken) -> None:
    """A stolen token is bounded by its permissions and expiry; this bounds how fast it can
    read them, too. A district system syncing in pages stays far below the limit."""
    limit = getattr(settings, "API_STAFF_REQUESTS_PER_MINUTE", 300)
    if throttle.hit(f"api-token:{api_token.pk}", window=RATE_WINDOW) > limit:
        raise ApiError(
            429,
            _("Too many requests with this token. Wait a minute and try again."),
            headers={"Retry-After": "60"},
        )
