"""Single-use signed tokens on the receipt form, so a delay can be demanded without knowing
who is asking: the form must have been open long enough before it is used, and only once."""

import secrets
import time

from django.core import signing

SALT = "reporting.status-token.v1"
MAX_AGE_SECONDS = 60 * 60


def issue_token() -> str:
    return signing.dumps({"n": secrets.token_urlsafe(16), "t": int(time.time())}, salt=SALT)


def read_token(token: str) -> tuple[str, int] | None:
    """(nonce, issued at) of a genuine, unexpired token, else None."""
    try:
        data = signing.loads(str(token), salt=SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if not isinstance(data, dict):
        return None
    nonce, issued = data.get("n"), data.get("t")
    if not isinstance(nonce, str) or not isinstance(issued, int) or len(nonce) > 40:
        return None
    return nonce, issued


def token_age(issued: int) -> int:
    return int(time.time()) - issued
