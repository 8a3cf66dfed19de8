"""Issuing and revoking staff API tokens. Both are audited; the secret never is."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from cases.models import StaffMembership
from cases.selectors.memberships import administered_districts
from cases.services.audit import record_audit_event

# A public marker that makes tokens easy to spot in a secret scanner, not a secret itself.
TOKEN_PREFIX = "eqr_"  # noqa: S105  # nosec B105
DEFAULT_LIFETIME_DAYS = 90
MAX_LIFETIME_DAYS = 366


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once to whoever issued it; only its hash is stored


@transaction.atomic
def issue_api_token(
    *,
    user: AbstractBaseUser,
    name: str,
    lifetime_days: int = DEFAULT_LIFETIME_DAYS,
    issued_by: AbstractBaseUser | None = None,
) -> IssuedToken:
    """Issue a token acting as `user`. From a screen (`issued_by` given), staff issue tokens
    for themselves only (a superuser for anyone); the management command passes no one."""
    if issued_by is not None and issued_by.pk != user.pk and not issued_by.is_superuser:
        raise PermissionDenied(_("You can only create tokens for your own account."))
    if not user.is_active:
        raise ValidationError(_("Tokens can only be issued to active accounts."))
    if not 1 <= lifetime_days <= MAX_LIFETIME_DAYS:
        raise ValidationError(
            _("A token lives between 1 and %(max)s days.") % {"max": MAX_LIFETIME_DAYS}
        )
    random_part = secrets.token_urlsafe(32)
    secret = TOKEN_PREFIX + random_part
    token = ApiToken.objects.create(
        user=user,
        name=(name or "API").strip()[:100],
        prefix=random_part[:8],
        secret_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=lifetime_days),
    )
    record_audit_event(
        action="api.token_issued",
        actor=issued_by,
        target=user,
        detail={"token": token.prefix, "days": lifetime_days},
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def revoke_api_token(*, token: ApiToken, revoked_by: AbstractBaseUser | None = None) -> ApiToken:
    """Stop a token at once. From a screen (`revoked_by` given) the actor must own the token,
    administer a district where its owner holds a role, or be a superuser."""
    if revoked_by is not None and not _may_manage(actor=revoked_by, token=token):
        raise PermissionDenied(_("You cannot revoke this token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_audit_event(
            action="api.token_revoked",
            actor=revoked_by,
            target=token.user,
            detail={"token": token.prefix},
        )
    return token


def _may_manage(*, actor: AbstractBaseUser, token: ApiToken) -> bool:
    if not actor.is_active:
        return False
    if actor.is_superuser or actor.pk == token.user_id:
        return True
    districts = administered_districts(user=actor).values("pk")
    return StaffMembership.objects.filter(user_id=token.user_id, district__in=districts).exists()


def note_token_use(*, token: ApiToken) -> None:
    """Remember when a token was last used, at most once a minute (no request details)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
