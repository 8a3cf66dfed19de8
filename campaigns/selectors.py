"""What an officer may see of the groups: only cases they may handle, counted as such.

A group is shown to an officer when at least two of its cases are visible to them, and every
count and list names visible cases only, so a group never tells a school-level officer that
another school's or a district-only case exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from campaigns.models import CampaignGroup, CaseSignature
from cases.models import Case
from cases.selectors.cases import cases_for_user


def _visible_members(visible: QuerySet[Case]) -> QuerySet[CaseSignature]:
    return CaseSignature.objects.filter(case__in=visible.values("pk"))


def _visible_count(visible: QuerySet[Case], group_ref: str) -> Coalesce:
    counted = (
        _visible_members(visible)
        .filter(group=OuterRef(group_ref))
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def groups_for_user(*, user: AbstractBaseUser) -> QuerySet[CampaignGroup]:
    """Groups with at least two cases `user` may handle, annotated with `visible_count`."""
    visible = cases_for_user(user=user)
    return (
        CampaignGroup.objects.annotate(visible_count=_visible_count(visible, "pk"))
        .filter(visible_count__gte=2)
        .select_related("district")
    )


def group_cases(*, user: AbstractBaseUser, group: CampaignGroup) -> QuerySet[Case]:
    """The group's cases that `user` may handle, oldest first."""
    return (
        cases_for_user(user=user)
        .filter(pk__in=CaseSignature.objects.filter(group=group).values("case_id"))
        .select_related("school", "assignee", "district")
        .order_by("opened_on", "sequence")
    )


@dataclass(frozen=True)
class GroupNote:
    group_id: int
    count: int


def queue_group_notes(*, user: AbstractBaseUser, cases: Sequence[Case]) -> dict:
    """For a page of the queue: {case id: GroupNote} for each case in a group with at least
    two cases `user` may handle. One query for the page, whatever its size."""
    if not cases:
        return {}
    visible = cases_for_user(user=user)
    rows = (
        CaseSignature.objects.filter(case_id__in=[case.pk for case in cases], group__isnull=False)
        .annotate(n=_visible_count(visible, "group"))
        .values_list("case_id", "group_id", "n")
    )
    return {case_id: GroupNote(group_id, n) for case_id, group_id, n in rows if n >= 2}
