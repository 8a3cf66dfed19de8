"""Finding the token a request presents."""

from django.utils import timezone

from api.models import ApiToken
from api.services import TOKEN_PREFIX, hash_secret

MAX_SECRET_LENGTH = 100


def usable_token(*, secret: str) -> ApiToken | None:
    """The live token with this secret, for an active user; None for anything else."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > MAX_SECRET_LENGTH:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(
            secret_hash=hash_secret(secret),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )
