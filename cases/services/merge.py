"""Merging cases: several reports about one incident become one case.

The sources' reports and notes move to the target, which takes the union of their facts;
each source is closed and points to the target through its `case.merged_into` audit event,
so a reporter holding a source receipt now follows the target case.
"""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import TransferInterest
from cases.models import Case, CaseNote, CaseStatus, Report
from cases.selectors.cases import cases_for_user, check_can_handle_case
from cases.services.audit import record_audit_event
from cases.services.side_effects import case_changed
from cases.services.versions import bump_version, claim_version
from cases.workflow import FINAL_STATUSES

_UNION_FIELDS = (
    "life_safety",
    "district_only",
    "priority",
    "opened_on",
    "sequence",
    "incident_date",
    "acknowledge_due",
    "investigation_due",
    "acknowledged_at",
    "transfer_interest",
    "location_type",
    "grade_band",
)
_TRANSFER_RANK = {TransferInterest.NO: 0, TransferInterest.CONSIDERING: 1}


def _check(*, target: Case, sources: Sequence[Case], actor: AbstractBaseUser) -> None:
    if not sources:
        raise ValidationError(_("Choose at least one case to merge into this one."))
    if any(source.pk == target.pk for source in sources):
        raise ValidationError(_("A case cannot be merged into itself."))
    visible = set(
        cases_for_user(user=actor)
        .filter(pk__in=[target.pk, *(s.pk for s in sources)])
        .values_list("pk", flat=True)
    )
    if target.pk not in visible or any(s.pk not in visible for s in sources):
        # Same answer as a case that does not exist: existence must not leak.
        raise ValidationError(_("One of these cases was not found."))
    if target.status in FINAL_STATUSES:
        raise ValidationError(
            _("Case %(number)s is %(status)s: reopen it before merging into it.")
            % {"number": target.number, "status": target.get_status_display()}
        )
    for source in sources:
        if source.district_id != target.district_id:
            raise ValidationError(_("Only cases of the same district can be merged."))
        if source.legal_hold:
            raise ValidationError(
                _("Case %(number)s is under legal hold: it cannot be merged.")
                % {"number": source.number}
            )
        if not source.reports.exists():
            raise ValidationError(
                _("Case %(number)s has no report left (it was already merged).")
                % {"number": source.number}
            )


@transaction.atomic
def merge_cases(
    *, target: Case, sources: Sequence[Case], actor: AbstractBaseUser, expected_version: int
) -> Case:
    """Move the sources' reports and notes to `target` and close the sources. An actor who
    may not handle `target` is refused; a source they may not handle is "not found".

    The target's page gave `expected_version`; the sources are named by number, not read from
    a form, so they are merged as they are now, and their version is bumped so a form still
    open on a source is refused rather than writing to a closed case."""
    check_can_handle_case(user=actor, case=target)
    claim_version(model=Case, pk=target.pk, expected_version=expected_version)
    bump_version(model=Case, pks=[s.pk for s in sources if s.pk != target.pk])
    ids = sorted({target.pk, *(s.pk for s in sources)})
    locked = {case.pk: case for case in Case.objects.select_for_update().filter(pk__in=ids)}
    target = locked[target.pk]
    sources = [locked[s.pk] for s in sources if s.pk in locked]
    _check(target=target, sources=sources, actor=actor)

    source_ids = [s.pk for s in sources]
    Report.objects.filter(case_id__in=source_ids).update(case=target)
    CaseNote.objects.filter(case_id__in=source_ids).update(case=target)
    target.incident_types.add(
        *Case.incident_types.through.objects.filter(case_id__in=source_ids).values_list(
            "incidenttype_id", flat=True
        )
    )
    target.bias_bases.add(
        *Case.bias_bases.through.objects.filter(case_id__in=source_ids).values_list(
            "biasbasis_id", flat=True
        )
    )
    _union_facts(target=target, sources=sources)
    target.save(update_fields=[*_UNION_FIELDS, "updated_at"])

    now = timezone.now()
    for source in sources:
        from_status = source.status
        source.status = CaseStatus.CLOSED
        source.closed_at = now
        source.save(update_fields=["status", "closed_at", "updated_at"])
        record_audit_event(
            action="case.merged_into",
            actor=actor,
            target=source,
            district=source.district,
            detail={"into": str(target.pk), "from": from_status},
        )
        record_audit_event(
            action="case.merged_from",
            actor=actor,
            target=target,
            district=target.district,
            detail={"source": str(source.pk)},
        )
        case_changed(case=source)
    case_changed(case=target)
    return target


def _union_facts(*, target: Case, sources: Sequence[Case]) -> None:
    """The merged case is as urgent, as early and as overdue as the most pressing source."""
    for source in sources:
        target.life_safety = target.life_safety or source.life_safety
        # A report that kept its case from the school's officers keeps the merged one too.
        target.district_only = target.district_only or source.district_only
        target.priority = max(target.priority, source.priority)
        if (source.opened_on, source.sequence) < (target.opened_on, target.sequence):
            target.opened_on, target.sequence = source.opened_on, source.sequence
        for field in ("incident_date", "acknowledge_due", "investigation_due"):
            theirs, ours = getattr(source, field), getattr(target, field)
            if theirs and (ours is None or theirs < ours):
                setattr(target, field, theirs)
        if source.acknowledged_at and not target.acknowledged_at:
            target.acknowledged_at = source.acknowledged_at
        if _TRANSFER_RANK.get(source.transfer_interest, 2) > _TRANSFER_RANK.get(
            target.transfer_interest, 2
        ):
            target.transfer_interest = source.transfer_interest
        for field in ("location_type", "grade_band"):
            if not getattr(target, field):
                setattr(target, field, getattr(source, field))
