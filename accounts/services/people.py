"""Deactivating and reactivating a staff member's account.

Deactivating ends every session of the person, revokes their API tokens and leaves their
roles in place for the record: an inactive account has no permission at all (Django's and
guardian's backends refuse inactive users), so the memberships grant nothing until an
administrator reactivates the account. Both are audited with actor and before/after.

Who: a superuser for anyone but themselves; a district administrator for a person whose roles
are all in districts they administer (so one district cannot lock another's staff out), and
never a superuser. Nobody deactivates their own account.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken
from api.services import revoke_api_token
from cases.models import StaffMembership
from cases.selectors.memberships import administered_districts
from cases.services.audit import record_audit_event

ACTIVE, INACTIVE = "active", "inactive"


def check_may_deactivate(*, actor: AbstractBaseUser, user: AbstractBaseUser) -> None:
    """Raise PermissionDenied, with a reason to show, unless `actor` may (de)activate `user`."""
    if actor.pk == user.pk:
        raise PermissionDenied(
            _("You cannot deactivate your own account: another administrator must.")
        )
    if actor.is_active and actor.is_superuser:
        return
    districts = set(StaffMembership.objects.filter(user=user).values_list("district_id", flat=True))
    administered = set(administered_districts(user=actor).values_list("pk", flat=True))
    if user.is_superuser or not districts or not districts <= administered:
        raise PermissionDenied(
            _("This person holds roles outside the districts you administer: an operator must.")
        )


def _end_sessions(user: AbstractBaseUser) -> int:
    """Delete every live session signed in as `user` (database sessions, SESSION_ENGINE db)."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def deactivate_staff(*, user: AbstractBaseUser, deactivated_by: AbstractBaseUser) -> dict:
    """Sign the person out everywhere and keep them out; returns what was ended."""
    check_may_deactivate(actor=deactivated_by, user=user)
    user = type(user).objects.select_for_update().get(pk=user.pk)
    before = ACTIVE if user.is_active else INACTIVE
    user.is_active = False
    user.save(update_fields=["is_active"])
    tokens = 0
    for token in ApiToken.objects.filter(user=user, revoked_at__isnull=True):
        revoke_api_token(token=token, revoked_by=deactivated_by)
        tokens += 1
    sessions = _end_sessions(user)
    record_audit_event(
        action="staff.deactivated",
        actor=deactivated_by,
        target=user,
        detail={"before": before, "after": INACTIVE, "sessions": sessions, "tokens": tokens},
    )
    return {"sessions": sessions, "tokens": tokens}


@transaction.atomic
def reactivate_staff(*, user: AbstractBaseUser, reactivated_by: AbstractBaseUser) -> None:
    """The account works again with the roles it kept; revoked API tokens stay revoked."""
    check_may_deactivate(actor=reactivated_by, user=user)
    user = type(user).objects.select_for_update().get(pk=user.pk)
    before = ACTIVE if user.is_active else INACTIVE
    user.is_active = True
    user.save(update_fields=["is_active"])
    record_audit_event(
        action="staff.reactivated",
        actor=reactivated_by,
        target=user,
        detail={"before": before, "after": ACTIVE},
    )
