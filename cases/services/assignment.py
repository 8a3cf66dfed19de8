"""Assigning many cases at once from the queue, and assigning one by a routing rule."""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case, Priority
from cases.people import staff_name
from cases.selectors.cases import cases_for_user, check_can_handle_case, user_can_handle_case
from cases.services.audit import record_audit_event
from cases.services.side_effects import case_assigned, case_changed
from cases.services.versions import claim_version
from cases.services.workflow import assign_case


@transaction.atomic
def bulk_assign_cases(
    *, cases: Sequence[Case], assignee: AbstractBaseUser | None, actor: AbstractBaseUser
) -> int:
    """All or nothing: if the assignee cannot handle one of the cases, none is assigned.

    The queue's checkboxes carry no version: bulk assignment is last-writer-wins, which loses
    no typed text (it only names a person, and each case's assignment is audited). It still
    passes the version it reads under lock, so any form open on these cases becomes stale."""
    visible = set(
        cases_for_user(user=actor).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
    )
    if any(case.pk not in visible for case in cases):
        raise ValidationError(_("One of the selected cases was not found."))
    refused = []
    versions = dict(
        Case.objects.select_for_update()
        .filter(pk__in=[c.pk for c in cases])
        .values_list("pk", "version")
    )
    for case in cases:
        try:
            assign_case(
                case=case, assignee=assignee, actor=actor, expected_version=versions[case.pk]
            )
        except ValidationError:
            refused.append(case.number)
    if refused:
        raise ValidationError(
            _("%(name)s cannot handle case(s) %(numbers)s. Nothing was assigned.")
            % {
                "name": staff_name(assignee),
                "numbers": ", ".join(refused),
            }
        )
    return len(cases)


@transaction.atomic
def assign_by_rule(
    *,
    case: Case,
    rule_id: int,
    assignee: AbstractBaseUser | None,
    priority: int | None,
    actor: AbstractBaseUser | None,
    expected_version: int,
) -> Case:
    """Apply a routing rule's outcome to a case: one version claim, one audit event.

    `actor` is None when the system routes a new case at intake (audited as the system), or
    the staff member who asked to re-route, who must handle the case. `assignee` None or
    `priority` None leave that field as it is. A case flagged for possible imminent harm
    stays Urgent whatever the rule says.
    """
    if actor is not None:
        check_can_handle_case(user=actor, case=case)
    if assignee is not None and not user_can_handle_case(user=assignee, case=case):
        raise ValidationError(_("That person cannot handle cases of this school."))
    case = claim_version(model=Case, pk=case.pk, expected_version=expected_version)
    previous_assignee_id, previous_priority = case.assignee_id, case.priority
    if assignee is not None:
        case.assignee = assignee
    if priority is not None:
        case.priority = Priority.URGENT if case.life_safety else priority
    case.save(update_fields=["assignee", "priority", "updated_at"])
    record_audit_event(
        action="case.routed",
        actor=actor,
        target=case,
        district=case.district,
        detail={
            "rule": rule_id,
            "assignee": case.assignee_id,
            "from_priority": previous_priority,
            "priority": case.priority,
        },
    )
    case_changed(case=case)
    newly_assigned = case.assignee_id not in (None, previous_assignee_id)
    if newly_assigned and (actor is None or case.assignee_id != actor.pk):
        case_assigned(case=case, assignee=case.assignee)
    return case
