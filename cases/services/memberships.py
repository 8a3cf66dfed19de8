"""Granting and revoking staff roles, and the object permissions that follow them.

The permission check is here, not in the screens: a view that forgot it still could not
write. A person granting or revoking must administer the membership's district (a superuser,
or a district administrator there) and may not grant a role to themselves, so reading a
district's narratives always takes a second person's decision. Seeding, management commands
and tests have no person to check: they pass `SYSTEM` explicitly.
"""

from typing import Final

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from cases.models import District, School, StaffMembership
from cases.roles import DISTRICT_PERMISSIONS, SCHOOL_PERMISSIONS, STAFF_ACCESS_GROUP
from cases.selectors.memberships import administered_districts
from cases.services.audit import record_audit_event


class SystemCaller:
    """The caller of a grant or revocation that no person made (seed_demo, management
    commands, tests): nothing to check, and the audit event names the system."""

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM: Final = SystemCaller()


def check_may_grant(*, actor: AbstractBaseUser, user: AbstractBaseUser, district: District) -> None:
    """Raise PermissionDenied, with a reason an administrator can read, unless `actor` may
    give `user` a role in `district`. The grant form shows the same reasons."""
    if not administered_districts(user=actor).filter(pk=district.pk).exists():
        raise PermissionDenied(_("You do not administer staff roles in this district."))
    if user.pk == actor.pk:
        raise PermissionDenied(
            _(
                "Nobody grants a role to themselves: another administrator of the district, "
                "or an operator, must grant it."
            )
        )


def check_may_revoke(*, actor: AbstractBaseUser, membership: StaffMembership) -> None:
    if not administered_districts(user=actor).filter(pk=membership.district_id).exists():
        raise PermissionDenied(_("You do not administer staff roles in this district."))


def _role_group(*, role: str, district: District, school: School | None) -> Group:
    """The group that holds the object permissions of one role at one scope."""
    if school is not None:
        name = f"school:{school.pk}:{role}"
        perms, target = SCHOOL_PERMISSIONS[role], school
    else:
        name = f"district:{district.pk}:{role}"
        perms, target = DISTRICT_PERMISSIONS[role], district
    group, created = Group.objects.get_or_create(name=name)
    if created:
        for codename in perms:
            assign_perm(f"cases.{codename}", group, target)
    return group


def _staff_access_group() -> Group:
    group, created = Group.objects.get_or_create(name=STAFF_ACCESS_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


@transaction.atomic
def grant_membership(
    *,
    user: AbstractBaseUser,
    role: str,
    district: District,
    school: School | None = None,
    granted_by: AbstractBaseUser | SystemCaller,
) -> StaffMembership:
    """Give `user` a role and the object permissions it carries. Idempotent.

    `granted_by` is the person granting (checked by `check_may_grant`), or `SYSTEM`.
    """
    if granted_by is not SYSTEM:
        check_may_grant(actor=granted_by, user=user, district=district)
    membership = StaffMembership(user=user, role=role, district=district, school=school)
    membership.clean()
    existing = StaffMembership.objects.filter(
        user=user, role=role, district=district, school=school
    ).first()
    if existing is not None:
        return existing
    membership.save()
    user.groups.add(_role_group(role=role, district=district, school=school), _staff_access_group())
    record_audit_event(
        action="membership.granted",
        actor=None if granted_by is SYSTEM else granted_by,
        target=membership,
        district=district,
        detail={"role": role, "user": user.pk, "school": school.pk if school else None},
    )
    return membership


@transaction.atomic
def revoke_membership(
    *, membership: StaffMembership, revoked_by: AbstractBaseUser | SystemCaller
) -> None:
    """Remove a role; the user loses its permissions unless another membership still grants them.

    `revoked_by` is the person revoking (checked by `check_may_revoke`), or `SYSTEM`. Anyone
    may lose a role they hold by their own hand: that takes access away, never gives it.
    """
    if revoked_by is not SYSTEM:
        check_may_revoke(actor=revoked_by, membership=membership)
    user, district, school, role = (
        membership.user,
        membership.district,
        membership.school,
        membership.role,
    )
    membership_id = membership.pk
    membership.delete()
    user.groups.remove(_role_group(role=role, district=district, school=school))
    if not StaffMembership.objects.filter(user=user).exists():
        user.groups.remove(_staff_access_group())
    record_audit_event(
        action="membership.revoked",
        actor=None if revoked_by is SYSTEM else revoked_by,
        target=None,
        district=district,
        detail={"role": role, "user": user.pk, "membership": membership_id},
    )
