"""Who administers staff roles where, and the memberships and people they may see.

Read by the "Staff roles" screen and by the membership services' own permission check, so a
screen and the service it calls never disagree about who may grant what.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

from cases.models import District, School, StaffMembership
from cases.request_cache import memoised
from cases.roles import Role
from cases.selectors.access import staff_access


def administered_districts(*, user: AbstractBaseUser) -> QuerySet[District]:
    """Districts whose staff roles `user` may grant and revoke.

    A superuser administers every district (someone has to appoint the first district
    administrator); anyone else those where they hold the district administrator role.
    """
    if not user.is_active:
        return District.objects.none()
    if user.is_superuser:
        return District.objects.all()
    return District.objects.filter(
        memberships__user=user,
        memberships__role=Role.DISTRICT_ADMINISTRATOR,
        memberships__school__isnull=True,
    ).distinct()


def administered_district_ids(*, user: AbstractBaseUser) -> frozenset[int]:
    """The ids of `administered_districts`, read once per GET request: the settings menu, the
    staff screens and every row's buttons ask (cases/request_cache.py)."""
    if not user.is_active:
        return frozenset()
    if user.is_superuser:
        return memoised(
            ("administered_district_ids", user.pk),
            lambda: frozenset(administered_districts(user=user).values_list("pk", flat=True)),
        )
    return staff_access(user=user).administered_district_ids()


def memberships_administered_by(*, user: AbstractBaseUser) -> QuerySet[StaffMembership]:
    """Memberships held in the districts `user` administers, with every relation a row shows
    (one query whatever the page size)."""
    return StaffMembership.objects.filter(
        district__in=administered_districts(user=user).values("pk")
    ).select_related("user", "district", "school")


def schools_administered_by(*, user: AbstractBaseUser) -> QuerySet[School]:
    return (
        School.objects.filter(district__in=administered_districts(user=user).values("pk"))
        .select_related("district")
        .order_by("district__name", "name")
    )


def grantable_users(*, actor: AbstractBaseUser) -> QuerySet:
    """Active accounts `actor` may give a role to, themselves excepted (no self-grants).

    A district administrator sees accounts that hold no role yet (new staff, created by an
    operator) and those already in one of their districts; another district's staff stay
    unnamed to them. A superuser sees every active account.
    """
    user_model = get_user_model()
    users = user_model.objects.filter(is_active=True).exclude(pk=actor.pk)
    if not actor.is_superuser:
        own_districts = administered_districts(user=actor).values("pk")
        users = users.filter(
            Q(memberships__isnull=True) | Q(memberships__district__in=own_districts)
        )
    return users.distinct().order_by("first_name", "last_name", "username")
