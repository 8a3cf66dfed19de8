"""Who sees the conflicts declared on a case."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from cases.models import Case, ConflictDeclaration
from cases.roles import HANDLE_DISTRICT_CASES
from cases.selectors.organisation import districts_with_permission


def conflicts_for_supervisor(
    *, user: AbstractBaseUser, case: Case
) -> QuerySet[ConflictDeclaration]:
    """The declarations on `case` if `user` handles cases district-wide there, else none.

    The supervisor is a district-level officer: they can open every case of the district
    (including those kept from the school's officers) and reassign it, which a district
    administrator, who does not handle cases, cannot. A school-level officer does not read
    the reasons (the case timeline still shows that someone declared, as for every action)."""
    if (
        not districts_with_permission(user=user, codename=HANDLE_DISTRICT_CASES)
        .filter(pk=case.district_id)
        .exists()
    ):
        return ConflictDeclaration.objects.none()
    return case.conflicts.select_related("officer")
