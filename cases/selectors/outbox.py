"""Which background jobs an administrator may see: all for superusers, their districts' else.

Jobs carry ids only, but their topics and times still tell when reports arrive, so a district
administrator sees only the jobs recorded for their own districts.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import QuerySet

from cases.roles import VIEW_DISTRICT_TRENDS
from cases.selectors.access import staff_access
from jobs.models import OutboxMessage


def administered_district_ids(*, user: AbstractBaseUser) -> list[int]:
    return staff_access(user=user).district_ids(VIEW_DISTRICT_TRENDS)


def jobs_for_user(*, user: AbstractBaseUser) -> QuerySet[OutboxMessage]:
    if not user.is_active:
        return OutboxMessage.objects.none()
    if user.is_superuser:
        return OutboxMessage.objects.all()
    district_ids = administered_district_ids(user=user)
    if not district_ids:
        return OutboxMessage.objects.none()
    return OutboxMessage.objects.filter(payload__district__in=district_ids)


def user_sees_jobs(*, user: AbstractBaseUser) -> bool:
    return user.is_active and (user.is_superuser or bool(administered_district_ids(user=user)))
