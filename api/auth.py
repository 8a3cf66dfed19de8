"""Bearer-token authentication for the staff API. Sessions are never accepted here, so a
signed-in browser cannot be tricked into calling it (no CSRF surface)."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from api.models import ApiToken
from api.selectors import usable_token
from api.services import note_token_use


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        api_token = usable_token(secret=token)
        if api_token is None:
            return None
        note_token_use(token=api_token)
        return api_token
