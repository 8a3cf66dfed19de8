"""Steps the outcome tests share: a case brought to where it can be closed, closed with a
notice, and its check-ins brought due."""

from datetime import timedelta

from django.utils import timezone

from cases.models import Case, CaseStatus
from cases.services.workflow import change_case_status
from outcomes.models import CheckIn
from outcomes.services import ask_due_check_ins, issue_outcome_notice

NOTICE = "We found that the name-calling happened. The students will meet the counselor."


def in_triage(case: Case, officer) -> Case:
    case.refresh_from_db()
    if case.status == CaseStatus.NEW:
        case = change_case_status(
            case=case, to_status=CaseStatus.TRIAGE, actor=officer, expected_version=case.version
        )
    return case


def close_with_notice(case: Case, officer, *, body: str = NOTICE, language: str = "en"):
    case = in_triage(case, officer)
    return issue_outcome_notice(
        case=case, language=language, body=body, actor=officer, expected_version=case.version
    )


def ask_first_check_in(case: Case) -> CheckIn:
    """Runs the beat task on the day the first check-in falls due."""
    first = CheckIn.objects.filter(notice__case=case).order_by("due_on").first()
    ask_due_check_ins(today=first.due_on)
    first.refresh_from_db()
    return first


def days_from_today(days: int):
    return timezone.localdate() + timedelta(days=days)
