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
    if not user.is_active:
        return Case.objects.none()
    access = staff_access(user=user)
    district_ids = access.district_ids(HANDLE_DISTRICT_CASES)
    school_ids = access.school_ids(HANDLE_SCHOOL_CASES)
    if not district_ids and not school_ids:
        return Case.objects.none()
    conflicted = ConflictDeclaration.objects.filter(officer=user).values("case_id")
    return Case.objects.filter(
        Q(district__in=district_ids) | Q(school__in=school_ids, district_only=False)
    ).exclude(pk__in=conflicted)


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
