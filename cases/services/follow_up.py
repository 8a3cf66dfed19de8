"""A reporter says something happened after their case was closed (retaliation).

No staff member acts here: the reporter's answer to a check-in (the outcomes app) calls
`open_retaliation_follow_up`. The workflow's rule decides: a case that may be reopened is
reopened and flagged; any other (one still open, or merged away) gets a new, linked case,
flagged, in the queue of the same officers. Either way the queue shows "Retaliation
follow-up" and the officers hear of it as of a new report.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases.deadlines import acknowledge_due, investigation_due
from cases.models import Case, CaseStatus, Priority
from cases.models.audit import ActorKind
from cases.selectors.timeline import merged_into_case_id
from cases.services.audit import record_audit_event
from cases.services.intake import next_case_number
from cases.services.side_effects import case_changed, report_submitted
from cases.workflow import ALLOWED_TRANSITIONS


@dataclass(frozen=True)
class FollowUp:
    case: Case  # the case now handling it: the reopened one, or the new one
    reopened: bool


def _may_reopen(case: Case) -> bool:
    return CaseStatus.REOPENED in ALLOWED_TRANSITIONS.get(case.status, ()) and (
        merged_into_case_id(case=case) is None
    )


def _reopen(case: Case) -> Case:
    # No form was built by anyone: bump the version so a page open on the case becomes stale.
    Case.objects.filter(pk=case.pk).update(version=F("version") + 1)
    case = Case.objects.select_for_update().get(pk=case.pk)
    from_status = case.status
    case.status = CaseStatus.REOPENED
    case.closed_at = None
    case.retaliation_follow_up = True
    case.priority = max(case.priority, Priority.HIGH)
    case.save(
        update_fields=["status", "closed_at", "retaliation_follow_up", "priority", "updated_at"]
    )
    record_audit_event(
        action="case.reopened_for_retaliation",
        actor_kind=ActorKind.REPORTER,
        target=case,
        district=case.district,
        detail={"from": from_status, "to": CaseStatus.REOPENED},
    )
    return case


def _open_linked_case(case: Case) -> Case:
    today = timezone.localdate()
    district = case.district
    follow_up = Case.objects.create(
        number=next_case_number(district=district, year=today.year),
        district=district,
        school=case.school,
        channel=case.channel,
        opened_on=today,
        acknowledge_due=acknowledge_due(district=district, opened_on=today),
        investigation_due=investigation_due(district=district, opened_on=today),
        incident_date=None,
        location_type=case.location_type,
        grade_band=case.grade_band,
        priority=Priority.HIGH,
        district_only=case.district_only,
        retaliation_follow_up=True,
        follow_up_of=case,
    )
    # As at intake: a case opened by a reporter's action keeps the day only.
    Case.objects.filter(pk=follow_up.pk).update(updated_at=None)
    follow_up.updated_at = None
    follow_up.bias_bases.set(case.bias_bases.all())
    follow_up.incident_types.set(case.incident_types.all())
    record_audit_event(
        action="case.follow_up_opened",
        actor_kind=ActorKind.REPORTER,
        target=follow_up,
        district=district,
        detail={"follow_up_of": str(case.pk)},
    )
    return follow_up


@transaction.atomic
def open_retaliation_follow_up(*, case: Case) -> FollowUp:
    """Reopen `case` if the workflow allows it, else open a linked case; both flagged."""
    case = Case.objects.select_related("district", "school").get(pk=case.pk)
    reopened = _may_reopen(case)
    handling = _reopen(case) if reopened else _open_linked_case(case)
    case_changed(case=handling)
    report_submitted(case=handling)  # its officers hear of it as of a new report
    return FollowUp(case=handling, reopened=reopened)
