"""The districts and schools whose cases a user handles, as plain ids for an index query."""

from django.contrib.auth.base_user import AbstractBaseUser
from guardian.shortcuts import get_objects_for_user

from cases.models import School
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES
from cases.selectors.organisation import districts_with_permission


def case_scope_for_user(*, user: AbstractBaseUser) -> tuple[list[int], list[int]]:
    if not user.is_active:
        return [], []
    districts = districts_with_permission(user=user, codename=HANDLE_DISTRICT_CASES)
    schools = get_objects_for_user(
        user,
        f"cases.{HANDLE_SCHOOL_CASES}",
        klass=School.objects.all(),
        accept_global_perms=False,
        with_superuser=False,
    )
    return sorted(districts.values_list("pk", flat=True)), sorted(
        schools.values_list("pk", flat=True)
    )
