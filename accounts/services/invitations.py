"""Inviting a person to the back office, and their accepting with a password of their own.

Who may invite: whoever administers staff roles in the district (a district administrator
there, or a superuser), the same check as granting a role (`administered_districts`). Every
step is audited with ids only: never the e-mail address, the name or the token.

The link's token is drawn by the job that sends the e-mail and only its SHA-256 hash is
stored. A resend draws a new one (the older link stops working). A used or revoked link's
hash stays, so opening it again says why it no longer works.
Accepting claims the invitation with one conditional UPDATE, so two clicks, two tabs or two
people holding the link make at most one account.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import InvitationStatus, StaffInvitation
from accounts.topics import INVITATION_EMAIL
from cases.models import District, School
from cases.roles import SCHOOL_LEVEL_ROLES, Role
from cases.selectors.memberships import administered_districts
from cases.services.audit import record_audit_event
from cases.services.memberships import grant_membership
from jobs.outbox import enqueue_side_effect

DEFAULT_LIFETIME_HOURS = 72


def lifetime() -> timedelta:
    return timedelta(hours=getattr(settings, "STAFF_INVITATION_HOURS", DEFAULT_LIFETIME_HOURS))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def check_may_invite(*, actor: AbstractBaseUser, district: District) -> None:
    if not administered_districts(user=actor).filter(pk=district.pk).exists():
        raise PermissionDenied(_("You do not administer staff in this district."))


def check_invitation_details(
    *, username: str, email: str, district: District, school: School | None, roles: list[str]
) -> None:
    """Raise ValidationError (field by field) for what an invitation may not say."""
    errors: dict[str, str] = {}
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        errors["username"] = _("This username is taken. Choose another.")
    pending = StaffInvitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    if pending.filter(username__iexact=username).exists():
        errors["username"] = _("A waiting invitation already uses this username.")
    if pending.filter(email__iexact=email).exists():
        errors["email"] = _(
            "A waiting invitation was already sent to this address: resend it from the list."
        )
    if not roles or not set(roles) <= set(Role.values):
        errors["roles"] = _("Choose at least one role.")
    if school is not None and school.district_id != district.pk:
        errors["school"] = _("That school belongs to another district.")
    elif school is not None and not set(roles) <= SCHOOL_LEVEL_ROLES:
        errors["roles"] = _(
            "Only equity officers and Title IX coordinators hold their role at one school: "
            "choose the whole district for the other roles."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def invite_staff(
    *,
    email: str,
    username: str,
    first_name: str,
    last_name: str,
    district: District,
    school: School | None,
    roles: list[str],
    invited_by: AbstractBaseUser,
) -> StaffInvitation:
    """Record an invitation and queue its e-mail; the roles are granted on acceptance."""
    check_may_invite(actor=invited_by, district=district)
    check_invitation_details(
        username=username, email=email, district=district, school=school, roles=roles
    )
    invitation = StaffInvitation.objects.create(
        email=email,
        username=username,
        first_name=first_name,
        last_name=last_name,
        district=district,
        school=school,
        roles=sorted(set(roles)),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        invited_by=invited_by,
        expires_at=timezone.now() + lifetime(),
    )
    record_audit_event(
        action="staff.invited",
        actor=invited_by,
        target=invitation,
        district=district,
        detail={
            # One key per role: joined, four role codes would pass the 64-character limit.
            **{f"role.{role}": True for role in invitation.roles},
            "school": school.pk if school else None,
            "after": InvitationStatus.PENDING,
        },
    )
    _queue_email(invitation)
    return invitation


def _queue_email(invitation: StaffInvitation) -> None:
    enqueue_side_effect(
        topic=INVITATION_EMAIL,
        payload={"invitation": invitation.pk, "district": invitation.district_id},
    )


def _locked(invitation: StaffInvitation) -> StaffInvitation:
    return StaffInvitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def resend_invitation(
    *, invitation: StaffInvitation, resent_by: AbstractBaseUser
) -> StaffInvitation:
    """A new link, valid for the full lifetime again; the older link stops working at once."""
    check_may_invite(actor=resent_by, district=invitation.district)
    invitation = _locked(invitation)
    before = invitation.status
    if before in (InvitationStatus.ACCEPTED, InvitationStatus.REVOKED):
        raise ValidationError(_("This invitation was accepted or revoked: it cannot be resent."))
    invitation.token_hash = ""
    invitation.expires_at = timezone.now() + lifetime()
    invitation.save(update_fields=["token_hash", "expires_at"])
    record_audit_event(
        action="staff.invitation_resent",
        actor=resent_by,
        target=invitation,
        district=invitation.district,
        detail={"before": before, "after": InvitationStatus.PENDING},
    )
    _queue_email(invitation)
    return invitation


@transaction.atomic
def revoke_invitation(
    *, invitation: StaffInvitation, revoked_by: AbstractBaseUser
) -> StaffInvitation:
    check_may_invite(actor=revoked_by, district=invitation.district)
    invitation = _locked(invitation)
    before = invitation.status
    if before == InvitationStatus.ACCEPTED:
        raise ValidationError(_("This invitation was already accepted."))
    if before == InvitationStatus.REVOKED:
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record_audit_event(
        action="staff.invitation_revoked",
        actor=revoked_by,
        target=invitation,
        district=invitation.district,
        detail={"before": before, "after": InvitationStatus.REVOKED},
    )
    return invitation


def invitation_link(token: str) -> str:
    path = reverse("staff_invitation:open")
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}?{urlencode({'token': token})}"


def send_invitation_email(payload: dict) -> None:
    """Outbox handler: draw the link's token, keep its hash, e-mail the link."""
    with transaction.atomic():
        invitation = (
            StaffInvitation.objects.select_for_update()
            .select_related("district")
            .filter(pk=payload["invitation"])
            .first()
        )
        if invitation is None or invitation.status != InvitationStatus.PENDING:
            return
        token = secrets.token_urlsafe(32)
        invitation.token_hash = hash_token(token)
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["token_hash", "sent_at"])
    with translation.override(invitation.language):
        hours = int(lifetime().total_seconds() // 3600)
        body = "\n\n".join(
            [
                _("You are invited to the %(district)s equity reports back office.")
                % {"district": invitation.district.name},
                _("Your username is: %(username)s") % {"username": invitation.username},
                _(
                    "Open this link to choose your password. It works once, within %(hours)d "
                    "hours: %(url)s"
                )
                % {"hours": hours, "url": invitation_link(token)},
                _(
                    "You then sign in and pair an authenticator app on your phone. If you did "
                    "not expect this invitation, ignore this e-mail."
                ),
            ]
        )
        subject = _("Your invitation to the equity reports back office")
    EmailMessage(
        subject=str(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    ).send(fail_silently=False)


def invitation_for_token(*, token: str) -> StaffInvitation | None:
    """The invitation a link's token belongs to, in whatever state, or None for an unknown one."""
    if not token or len(token) > 100:
        return None
    return (
        StaffInvitation.objects.select_related("district", "school")
        .filter(token_hash=hash_token(token))
        .first()
    )


class InvitationRefused(Exception):
    """The link no longer opens anything; `status` says why (an InvitationStatus or "")."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class Accepted:
    user: AbstractBaseUser
    invitation: StaffInvitation


@transaction.atomic
def accept_invitation(*, token: str, password: str) -> Accepted:
    """Claim the invitation (once), make the account, grant the roles as the inviter did.

    Raises InvitationRefused for a link that is unknown, expired, used or revoked, and
    PermissionDenied when the inviter may no longer grant these roles (nothing is written).
    """
    now = timezone.now()
    token_hash = hash_token(token)
    claimed = StaffInvitation.objects.filter(
        token_hash=token_hash,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(accepted_at=now)
    invitation = (
        StaffInvitation.objects.select_related("district", "school", "invited_by")
        .filter(token_hash=token_hash)
        .first()
    )
    if invitation is None:
        raise InvitationRefused("")
    if not claimed:
        raise InvitationRefused(invitation.status)
    inviter = invitation.invited_by
    if (
        inviter is None
        or not administered_districts(user=inviter).filter(pk=invitation.district_id).exists()
    ):
        raise PermissionDenied(
            _(
                "The person who invited you can no longer grant these roles. Ask your district "
                "administrator for a new invitation."
            )
        )
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=invitation.username).exists():
        raise ValidationError(
            _("This username was taken meanwhile: ask your administrator for a new invitation.")
        )
    user = user_model(
        username=invitation.username,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )
    user.set_password(password)
    user.save()
    for role in invitation.roles:
        grant_membership(
            user=user,
            role=role,
            district=invitation.district,
            school=invitation.school,
            granted_by=inviter,
        )
    invitation.user = user
    invitation.save(update_fields=["user"])
    record_audit_event(
        action="staff.invitation_accepted",
        actor=user,
        target=invitation,
        district=invitation.district,
        detail={
            "user": user.pk,
            "before": InvitationStatus.PENDING,
            "after": InvitationStatus.ACCEPTED,
        },
    )
    return Accepted(user=user, invitation=invitation)
