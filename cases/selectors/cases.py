"""Cases a staff user may handle. Object permissions are applied inside the query."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cases.models import Case, ConflictDeclaration
from cases.roles import HANDLE_DISTRICT_CASES, HANDLE_SCHOOL_CASES
from cases.selectors.access import staff_access


def cases_for_user(*, user: AbstractBaseUser) -> QuerySet[Case]:
    """Cases of the districts where `user` handles cases, plus those of schools granted to them.

    This is the one place that decides what an officer sees (queue, case page, evidence,
    messages, API, search, related cases all start here). A school-level role never reaches a
    case kept at district level (a report said school staff may be involved), and nobody sees
    a case on which they declared a conflict of interest, whatever their role.

    The granted ids are read first (one small query, kept for the request: `staff_access`) and
    the case filter gets them as literals: with two permission subqueries OR-ed together
    PostgreSQL scans every case, with literal lists it uses the district and school indexes
    (docs/benchmarks.md).
    """
    condition = visible_case_condition(user=user)
    return Case.objects.none() if condition is None else Case.objects.filter(condition)


def visible_case_condition(*, user: AbstractBaseUser, through: str = "") -> Q | None:
    """`cases_for_user` as a condition on a case reached through the relation `through`
    (e.g. "case__" from a row that points at its case), or None when `user` sees no case.

    The search index filters its rows with it, joined to their live case, so a search never
    shows a case the queue would not."""
    if not user.is_active:
        return None
    access = staff_access(user=user)
    district_ids = access.district_ids(HANDLE_DISTRICT_CASES)
    school_ids = access.school_ids(HANDLE_SCHOOL_CASES)
    if not district_ids and not school_ids:
        return None
    conflicted = conflicted_case_ids(user=user)
    granted = Q(**{f"{through}district__in": district_ids}) | Q(
        **{f"{through}school__in": school_ids, f"{through}district_only": False}
    )
    return granted & ~Q(**{f"{through}pk__in": conflicted})


def conflicted_case_ids(*, user: AbstractBaseUser) -> QuerySet:
    """The cases `user` declared a conflict of interest on (as a subquery of case ids)."""
    return ConflictDeclaration.objects.filter(officer=user).values("case_id")


def user_can_handle_case(*, user: AbstractBaseUser, case: Case) -> bool:
    return cases_for_user(user=user).filter(pk=case.pk).exists()


def check_can_handle_case(*, user: AbstractBaseUser, case: Case) -> None:
    """PermissionDenied unless `user` may handle `case`.

    Every case service that writes on a staff member's behalf calls this before anything
    else, so a view that forgot its own lookup still cannot write. (Views look cases up
    through `cases_for_user` first and answer 404, so staff never see this refusal.)
    """
    if not user_can_handle_case(user=user, case=case):
        raise PermissionDenied(_("You cannot handle this case."))
