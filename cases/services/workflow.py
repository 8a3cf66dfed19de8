"""Staff actions on a case: status moves, assignment, priority, notes, findings.

Each refuses (PermissionDenied) an actor who may not handle the case, before writing. Each edit
of the case row names the `expected_version` its form was built from and is refused with
StaleVersion when someone else saved the case since (cases/services/versions.py). Adding a note
writes no case field and loses nothing (notes are only ever added), so it takes no version."""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseNote, CaseStatus, Priority
from cases.selectors.cases import cases_for_user, check_can_handle_case, user_can_handle_case
from cases.services.audit import record_audit_event
from cases.services.side_effects import (
    case_assigned,
    case_changed,
    reporters_of_case_updated,
)
from cases.services.versions import claim_version
from cases.workflow import FINAL_STATUSES, check_transition


def _claimed(case: Case, expected_version: int) -> Case:
    return claim_version(model=Case, pk=case.pk, expected_version=expected_version)


@transaction.atomic
def change_case_status(
    *, case: Case, to_status: str, actor: AbstractBaseUser, expected_version: int
) -> Case:
    """Move a case along the workflow; raises InvalidTransition for a move it does not allow."""
    check_can_handle_case(user=actor, case=case)
    case = _claimed(case, expected_version)
    from_status = case.status
    check_transition(from_status, to_status)
    now = timezone.now()
    case.status = to_status
    if from_status == CaseStatus.NEW and case.acknowledged_at is None:
        case.acknowledged_at = now
    if to_status in FINAL_STATUSES:
        # Closed, withdrawn and referred-out cases all start their retention period here.
        case.closed_at = now
    elif to_status == CaseStatus.REOPENED:
        case.closed_at = None
    case.save(update_fields=["status", "acknowledged_at", "closed_at", "updated_at"])
    record_audit_event(
        action="case.status_changed",
        actor=actor,
        target=case,
        district=case.district,
        detail={"from": from_status, "to": to_status},
    )
    case_changed(case=case)
    reporters_of_case_updated(case=case)
    return case


@transaction.atomic
def assign_case(
    *,
    case: Case,
    assignee: AbstractBaseUser | None,
    actor: AbstractBaseUser,
    expected_version: int,
) -> Case:
    check_can_handle_case(user=actor, case=case)
    if assignee is not None and not user_can_handle_case(user=assignee, case=case):
        raise ValidationError(_("That person cannot handle cases of this school."))
    case = _claimed(case, expected_version)
    previous_assignee_id = case.assignee_id
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    record_audit_event(
        action="case.assigned",
        actor=actor,
        target=case,
        district=case.district,
        detail={"assignee": assignee.pk if assignee else None},
    )
    case_changed(case=case)
    if assignee is not None and assignee.pk not in (previous_assignee_id, actor.pk):
        case_assigned(case=case, assignee=assignee)
    return case


def checked_priority(priority: int) -> int:
    """The one home of the priorities a case may take, for one case or many."""
    if priority not in Priority.values:
        raise ValidationError(_("Choose one of the listed priorities."))
    return priority


@transaction.atomic
def set_case_priority(
    *, case: Case, priority: int, actor: AbstractBaseUser, expected_version: int
) -> Case:
    check_can_handle_case(user=actor, case=case)
    priority = checked_priority(priority)
    case = _claimed(case, expected_version)
    previous = case.priority
    case.priority = priority
    case.save(update_fields=["priority", "updated_at"])
    record_audit_event(
        action="case.priority_changed",
        actor=actor,
        target=case,
        district=case.district,
        detail={"from": previous, "to": priority},
    )
    case_changed(case=case)
    return case


@transaction.atomic
def bulk_set_case_priority(*, cases: Sequence[Case], priority: int, actor: AbstractBaseUser) -> int:
    """The queue's "Set priority" bulk action: all or nothing, one audit event per case.

    A case the actor may not handle refuses the whole batch before anything is written. Like
    bulk assignment it carries no version from the page (last writer wins: it only sets a
    level, each change audited) but claims the version it reads under lock, so any form open
    on these cases becomes stale."""
    priority = checked_priority(priority)
    ids = [case.pk for case in cases]
    visible = set(cases_for_user(user=actor).filter(pk__in=ids).values_list("pk", flat=True))
    if not ids or any(pk not in visible for pk in ids):
        raise PermissionDenied(_("One of the selected cases was not found."))
    versions = dict(
        Case.objects.select_for_update().filter(pk__in=ids).values_list("pk", "version")
    )
    for case in cases:
        set_case_priority(
            case=case, priority=priority, actor=actor, expected_version=versions[case.pk]
        )
    return len(ids)


@transaction.atomic
def add_case_note(*, case: Case, body: str, author: AbstractBaseUser) -> CaseNote:
    check_can_handle_case(user=author, case=case)
    if not body.strip():
        raise ValidationError(_("A note cannot be empty."))
    note = CaseNote.objects.create(case=case, body=body, author=author)
    record_audit_event(
        action="case.note_added",
        actor=author,
        target=case,
        district=case.district,
        detail={"note": str(note.pk)},
    )
    return note


@transaction.atomic
def record_findings(
    *,
    case: Case,
    findings: str,
    actions_taken: str,
    actor: AbstractBaseUser,
    expected_version: int,
) -> Case:
    """Findings are frozen while the case is under legal hold."""
    check_can_handle_case(user=actor, case=case)
    case = _claimed(case, expected_version)
    if case.legal_hold:
        raise PermissionDenied(_("This case is under legal hold: findings cannot change."))
    case.findings = findings
    case.actions_taken = actions_taken
    case.save(update_fields=["findings", "actions_taken", "updated_at"])
    record_audit_event(
        action="case.findings_recorded", actor=actor, target=case, district=case.district
    )
    return case


@transaction.atomic
def set_legal_hold(*, case: Case, on: bool, actor: AbstractBaseUser, expected_version: int) -> Case:
    check_can_handle_case(user=actor, case=case)
    case = _claimed(case, expected_version)
    case.legal_hold = on
    case.save(update_fields=["legal_hold", "updated_at"])
    record_audit_event(
        action="case.legal_hold_placed" if on else "case.legal_hold_lifted",
        actor=actor,
        target=case,
        district=case.district,
    )
    return case
