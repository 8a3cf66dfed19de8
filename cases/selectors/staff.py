"""Staff who may handle given cases: the only people a case can be assigned to."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

from cases.models import Case, DigestFrequency
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES
from cases.selectors.access import staff_access
from cases.selectors.organisation import schools_for_case_handling


def case_handlers(*, district_ids: Iterable, school_ids: Iterable) -> QuerySet:
    """Active users holding a case-handling permission on one of the districts or schools.

    Read from the guardian tables (through groups or directly), the same source of truth that
    `cases_for_user` uses, so nobody is offered who would then be refused.
    """
    district_ids = list(district_ids)
    if not isinstance(school_ids, QuerySet):  # a queryset stays a subquery: no extra read
        school_ids = list(school_ids)
    by_district_group = Q(
        groups__districtgroupobjectpermission__permission__codename=HANDLE_DISTRICT_CASES,
        groups__districtgroupobjectpermission__content_object__in=district_ids,
    )
    by_district_user = Q(
        districtuserobjectpermission__permission__codename=HANDLE_DISTRICT_CASES,
        districtuserobjectpermission__content_object__in=district_ids,
    )
    by_school_group = Q(
        groups__schoolgroupobjectpermission__permission__codename=HANDLE_SCHOOL_CASES,
        groups__schoolgroupobjectpermission__content_object__in=school_ids,
    )
    by_school_user = Q(
        schooluserobjectpermission__permission__codename=HANDLE_SCHOOL_CASES,
        schooluserobjectpermission__content_object__in=school_ids,
    )
    user_model = get_user_model()
    matching = user_model.objects.filter(
        by_district_group | by_district_user | by_school_group | by_school_user
    ).values("pk")
    return user_model.objects.filter(pk__in=matching, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def handlers_for_case(*, case: Case) -> QuerySet:
    """Who may be assigned `case`: not its school's officers when it is kept at district
    level, nor anyone who declared a conflict on it (the same rules as `cases_for_user`)."""
    school_ids = [case.school_id] if case.school_id and not case.district_only else []
    return case_handlers(district_ids=[case.district_id], school_ids=school_ids).exclude(
        case_conflicts__case=case
    )


def handlers_in_scope_of(*, user: AbstractBaseUser) -> QuerySet:
    """Everyone who handles cases somewhere `user` does: the assignee choices of the queue."""
    access = staff_access(user=user)
    district_ids = access.district_ids(HANDLE_DISTRICT_CASES)
    school_ids = schools_for_case_handling(user=user).order_by().values("pk")
    return case_handlers(district_ids=district_ids, school_ids=school_ids)


def digest_preference(user: AbstractBaseUser) -> str:
    preference = getattr(user, "case_preferences", None)
    return preference.digest if preference is not None else DigestFrequency.EACH
