"""Which districts and schools a staff user may see, in a constant number of queries."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from cases.models import District, School
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES


def districts_with_permission(*, user: AbstractBaseUser, codename: str) -> QuerySet[District]:
    """Districts where `user` holds `codename` through an object permission (never globally)."""
    if not user.is_active:
        return District.objects.none()
    return get_objects_for_user(
        user,
        f"cases.{codename}",
        klass=District.objects.all(),
        accept_global_perms=False,
        with_superuser=False,
    )


def schools_with_school_role(*, user: AbstractBaseUser) -> QuerySet[School]:
    """Schools granted to `user` by a school-level role (not through a district role)."""
    if not user.is_active:
        return School.objects.none()
    return get_objects_for_user(
        user,
        f"cases.{HANDLE_SCHOOL_CASES}",
        klass=School.objects.all(),
        accept_global_perms=False,
        with_superuser=False,
    )


def schools_for_case_handling(*, user: AbstractBaseUser) -> QuerySet[School]:
    """Schools whose cases `user` may handle: by a school role, or a district-wide one."""
    if not user.is_active:
        return School.objects.none()
    district_ids = districts_with_permission(user=user, codename=HANDLE_DISTRICT_CASES).values("pk")
    school_ids = schools_with_school_role(user=user).values("pk")
    return (
        School.objects.filter(Q(district__in=district_ids) | Q(pk__in=school_ids))
        .select_related("district")
        .order_by("district__name", "name")
    )
