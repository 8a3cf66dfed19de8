"""Small encrypted cookies for the portal's short-lived state, so that none of it is kept on
the server: no session row, hence no record of when a reporter came back.

The value is sealed with the key ring (AES-GCM, bound to the cookie's purpose) and carries
its own end time, so a copied or kept cookie stops working on time. The cookie itself ends
with the browser session.
"""

import json
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from privacy.crypto import DecryptionError, decrypt_bytes, encrypt_bytes


def cookie_name(name: str) -> str:
    # "__Host-": only this exact host over HTTPS may set or read it (production).
    return f"__Host-{name}" if settings.SESSION_COOKIE_SECURE else name


def _aad(name: str) -> bytes:
    return f"portal-cookie:{name}".encode()


def read(request: HttpRequest, name: str) -> dict | None:
    """The cookie's payload, or None when it is missing, forged, moved or past its end."""
    value = request.COOKIES.get(cookie_name(name), "")
    if not value or len(value) > 1024:
        return None
    try:
        payload = json.loads(decrypt_bytes(value, aad=_aad(name)))
    except (DecryptionError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("until"), int | float):
        return None
    if payload["until"] < time.time():
        return None
    return payload


def write(response: HttpResponse, name: str, payload: dict, *, seconds: int) -> None:
    data = {**payload, "until": int(time.time()) + seconds}
    response.set_cookie(
        cookie_name(name),
        encrypt_bytes(json.dumps(data).encode(), aad=_aad(name)),
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def delete(response: HttpResponse, name: str) -> None:
    response.delete_cookie(cookie_name(name), path="/", samesite="Lax")
