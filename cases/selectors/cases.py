"""Cases a staff user may handle. Object permissions are applied inside the query."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

from cases.models import Case
from cases.roles import HANDLE_DISTRICT_CASES
from cases.selectors.organisation import districts_with_permission, schools_with_school_role


def cases_for_user(*, user: AbstractBaseUser) -> QuerySet[Case]:
    """Cases of the districts where `user` handles cases, plus those of schools granted to them."""
    if not user.is_active:
        return Case.objects.none()
    district_ids = districts_with_permission(user=user, codename=HANDLE_DISTRICT_CASES).values("pk")
    school_ids = schools_with_school_role(user=user).values("pk")
    return Case.objects.filter(Q(district__in=district_ids) | Q(school__in=school_ids))


def user_can_handle_case(*, user: AbstractBaseUser, case: Case) -> bool:
    return cases_for_user(user=user).filter(pk=case.pk).exists()
