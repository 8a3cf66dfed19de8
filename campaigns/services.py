"""Handling a group of similar reports at once: merge it into one case, or assign it.

Both go through the cases app's own services (`merge_cases`, `bulk_assign_cases`), which
check the actor, claim versions and audit each case; this module adds the group's own checks
and one audit event naming the group, then regroups at once so the screens are right on the
next page (the outbox job would do the same a moment later).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.grouping import refresh_case_signatures
from campaigns.models import CampaignGroup
from campaigns.selectors import group_cases
from cases.models import Case
from cases.selectors.cases import check_can_handle_case
from cases.services.assignment import bulk_assign_cases
from cases.services.audit import record_audit_event
from cases.services.merge import merge_cases


def _visible_cases(*, group: CampaignGroup, actor: AbstractBaseUser) -> list[Case]:
    cases = list(group_cases(user=actor, group=group))
    if len(cases) < 2:
        # Same answer as a group that does not exist: what the actor cannot see stays unsaid.
        raise PermissionDenied(_("This group was not found."))
    return cases


@transaction.atomic
def merge_group(
    *, group: CampaignGroup, target: Case, actor: AbstractBaseUser, expected_version: int
) -> Case:
    """Merge every case of the group that `actor` may handle into `target`, one of them.
    Cases of the group the actor may not handle are left as they are."""
    check_can_handle_case(user=actor, case=target)
    cases = _visible_cases(group=group, actor=actor)
    if target.pk not in {case.pk for case in cases}:
        raise ValidationError(_("Choose one of the group's cases to merge into."))
    sources = [case for case in cases if case.pk != target.pk]
    merged = merge_cases(
        target=target, sources=sources, actor=actor, expected_version=expected_version
    )
    record_audit_event(
        action="campaign.merged",
        actor=actor,
        target=merged,
        district=merged.district,
        detail={"group": group.pk, "cases": len(cases)},
    )
    refresh_case_signatures(case_ids=[case.pk for case in cases])
    return merged


@transaction.atomic
def assign_group(
    *, group: CampaignGroup, assignee: AbstractBaseUser, actor: AbstractBaseUser
) -> int:
    """Assign every case of the group that `actor` may handle to `assignee` (all or none)."""
    cases = _visible_cases(group=group, actor=actor)
    count = bulk_assign_cases(cases=cases, assignee=assignee, actor=actor)
    record_audit_event(
        action="campaign.assigned",
        actor=actor,
        target=group,
        district=group.district,
        detail={"group": group.pk, "cases": count},
    )
    return count
