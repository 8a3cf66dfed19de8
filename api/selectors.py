"""Finding the token a request presents, and the tokens a staff user may manage."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from api.models import ApiToken
from api.services import TOKEN_PREFIX, hash_secret
from cases.selectors.memberships import administered_districts

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


def tokens_manageable_by(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """Tokens `user` may list and revoke: their own; for a district administrator also those
    of the staff who hold a role in a district they administer; for a superuser every token.
    One query, with the owner joined."""
    tokens = ApiToken.objects.select_related("user")
    if not user.is_active:
        return tokens.none()
    if user.is_superuser:
        return tokens
    districts = administered_districts(user=user).values("pk")
    return tokens.filter(Q(user=user) | Q(user__memberships__district__in=districts)).distinct()
