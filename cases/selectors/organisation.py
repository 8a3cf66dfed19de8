"""Which districts and schools a staff user may see, in a constant number of queries."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from cases.models import District, School
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES
from cases.selectors.access import staff_access


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


def schools_for_case_handling(*, user: AbstractBaseUser) -> QuerySet[School]:
    """Schools whose cases `user` may handle: by a school role, or a district-wide one.

    From the grants read once per request (`staff_access`), as literal ids: the guardian
    subqueries cost the queue's filter drawer ~5 ms to build at every page (issue 20)."""
    access = staff_access(user=user)
    district_ids = access.district_ids(HANDLE_DISTRICT_CASES)
    school_ids = access.school_ids(HANDLE_SCHOOL_CASES)
    if not district_ids and not school_ids:
        return School.objects.none()
    return (
        School.objects.filter(Q(district__in=district_ids) | Q(pk__in=school_ids))
        .select_related("district")
        .order_by("district__name", "name")
    )
