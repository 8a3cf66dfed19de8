"""What a staff user may do, read in one query and shared for the request (issue 20).

The menu items of every app, the dashboard panels, the queue, its filters and its bulk form all
ask which districts and schools the user holds a permission on. `staff_access` answers them
all from one read of the object-permission tables (granted to the user or to one of their
groups, never globally, as `districts_with_permission` does), kept for the rest of a GET request
(cases/request_cache.py) and read afresh everywhere else.
"""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import CharField, Value

from cases.models import (
    DistrictGroupObjectPermission,
    DistrictUserObjectPermission,
    SchoolGroupObjectPermission,
    SchoolUserObjectPermission,
    StaffMembership,
)
from cases.request_cache import memoised
from cases.roles import HANDLE_SCHOOL_CASES, Role

DISTRICT, SCHOOL, ADMINISTERS = "district", "school", "administers"


@dataclass(frozen=True)
class StaffAccess:
    # (DISTRICT or SCHOOL, object id, codename), and (ADMINISTERS, district id, role) for the
    # district administrator memberships (`administered_districts`).
    grants: frozenset[tuple[str, int, str]]

    def district_ids(self, codename: str) -> list[int]:
        return sorted(pk for kind, pk, code in self.grants if kind == DISTRICT and code == codename)

    def school_ids(self, codename: str = HANDLE_SCHOOL_CASES) -> list[int]:
        return sorted(pk for kind, pk, code in self.grants if kind == SCHOOL and code == codename)

    def administered_district_ids(self) -> frozenset[int]:
        return frozenset(pk for kind, pk, _role in self.grants if kind == ADMINISTERS)


NO_ACCESS = StaffAccess(grants=frozenset())


def _grants(model, kind: str, owner: dict):
    return (
        model.objects.filter(
            permission__content_type__app_label="cases",
            permission__content_type__model=kind,
            **owner,
        )
        .annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "content_object_id", "permission__codename")
        .order_by()
    )


def _read_access(user: AbstractBaseUser) -> StaffAccess:
    by_user, by_group = {"user": user}, {"group__user": user}
    rows = (
        _grants(DistrictUserObjectPermission, DISTRICT, by_user)
        .union(_grants(DistrictGroupObjectPermission, DISTRICT, by_group))
        .union(_grants(SchoolUserObjectPermission, SCHOOL, by_user))
        .union(_grants(SchoolGroupObjectPermission, SCHOOL, by_group))
        .union(
            StaffMembership.objects.filter(
                user=user, role=Role.DISTRICT_ADMINISTRATOR, school__isnull=True
            )
            .annotate(kind=Value(ADMINISTERS, output_field=CharField()))
            .values_list("kind", "district_id", "role")
            .order_by()
        )
    )
    return StaffAccess(grants=frozenset((kind, int(pk), code) for kind, pk, code in rows))


def staff_access(*, user: AbstractBaseUser) -> StaffAccess:
    """Every district and school permission `user` holds, and the districts they
    administer; none for an inactive user."""
    if not user.is_active or user.pk is None:
        return NO_ACCESS
    return memoised(("staff_access", user.pk), lambda: _read_access(user))
