"""What the staff-administration screens list: invitations and people of one's districts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import StaffInvitation
from cases.models import StaffMembership
from cases.selectors.memberships import administered_districts


def invitations_administered_by(*, user: AbstractBaseUser) -> QuerySet[StaffInvitation]:
    """Invitations of the districts `user` administers not yet accepted or revoked (waiting
    or expired, so an expired one can be resent), with what a row shows."""
    return StaffInvitation.objects.filter(
        district__in=administered_districts(user=user).values("pk"),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).select_related("district", "school", "invited_by")


def waiting_invitations(*, user: AbstractBaseUser) -> QuerySet[StaffInvitation]:
    return invitations_administered_by(user=user).filter(expires_at__gt=timezone.now())


def people_administered_by(*, user: AbstractBaseUser) -> QuerySet:
    """Accounts holding a role in a district `user` administers, active or not, each with
    its roles there (one query for the people, one for their roles, whatever the page size)."""
    districts = administered_districts(user=user).values("pk")
    roles = StaffMembership.objects.filter(district__in=districts).select_related(
        "district", "school"
    )
    return (
        get_user_model()
        .objects.filter(Q(memberships__district__in=districts))
        .distinct()
        .prefetch_related(Prefetch("memberships", queryset=roles, to_attr="roles_here"))
        .order_by("last_name", "first_name", "username")
    )
