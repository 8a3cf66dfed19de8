"""An officer closes a case with an outcome notice: the case closes through the workflow,
the reporter can read the notice, consented reporters hear there is news, and the check-ins
are scheduled at the district's days."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.models import AuditEvent, CaseStatus
from cases.services.versions import StaleVersion
from cases.services.workflow import change_case_status
from cases.workflow import InvalidTransition
from jobs.models import OutboxMessage
from outcomes.models import CheckIn, CheckInState, NoticeTemplate, OutcomeNotice, OutcomeSettings
from outcomes.services import issue_outcome_notice
from tests.outcomes.helpers import NOTICE, close_with_notice, in_triage

pytestmark = pytest.mark.django_db


def _updates_for(report) -> int:
    return OutboxMessage.objects.filter(
        topic="reporter.update", payload__report=str(report.pk)
    ).count()


def test_closing_with_a_notice_closes_the_case_and_keeps_the_words_for_the_reporter(world):
    officer = world.staff["equity_officer"]
    in_triage(world.case, officer)
    before = _updates_for(world.report)

    notice = close_with_notice(world.case, officer)

    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.CLOSED
    assert OutcomeNotice.objects.get(pk=notice.pk).body == NOTICE
    assert "Office for Civil Rights" in notice.rights
    # The consented reporter hears that there is news, once.
    assert _updates_for(world.report) == before + 1


def test_the_check_ins_fall_30_and_90_days_after_closure_by_default(world):
    close_with_notice(world.case, world.staff["equity_officer"])

    today = timezone.localdate()
    check_ins = CheckIn.objects.filter(report=world.report).order_by("due_on")
    assert [(c.after_days, c.due_on) for c in check_ins] == [
        (30, today + timedelta(days=30)),
        (90, today + timedelta(days=90)),
    ]
    assert {c.state for c in check_ins} == {CheckInState.SCHEDULED}


def test_the_districts_own_days_and_rights_text_are_used(world):
    OutcomeSettings.objects.create(district=world.district, check_in_days="14, 45, 180")
    NoticeTemplate.objects.create(
        district=world.district,
        language="es",
        kind="rights",
        name="Derechos",
        body="Puede apelar ante el distrito en 10 días.",
    )

    notice = close_with_notice(world.case, world.staff["equity_officer"], language="es")

    assert notice.rights == "Puede apelar ante el distrito en 10 días."
    assert sorted(CheckIn.objects.values_list("after_days", flat=True)) == [14, 45, 180]


def test_a_case_closed_with_the_status_buttons_can_still_get_its_notice(world):
    officer = world.staff["equity_officer"]
    case = in_triage(world.case, officer)
    case = change_case_status(
        case=case, to_status=CaseStatus.CLOSED, actor=officer, expected_version=case.version
    )

    issue_outcome_notice(
        case=case, language="en", body=NOTICE, actor=officer, expected_version=case.version
    )

    assert CheckIn.objects.filter(report=world.report).count() == 2


def test_a_case_under_investigation_cannot_be_closed_and_nothing_is_sent(world):
    officer = world.staff["equity_officer"]
    case = in_triage(world.case, officer)
    case = change_case_status(
        case=case, to_status=CaseStatus.INVESTIGATING, actor=officer, expected_version=case.version
    )

    with pytest.raises(InvalidTransition):
        issue_outcome_notice(
            case=case, language="en", body=NOTICE, actor=officer, expected_version=case.version
        )

    assert not OutcomeNotice.objects.exists()
    assert not CheckIn.objects.exists()


def test_someone_who_does_not_handle_the_case_is_refused(world):
    stranger = world.staff["other_district_officer"]
    with pytest.raises(PermissionDenied):
        issue_outcome_notice(
            case=world.case, language="en", body=NOTICE, actor=stranger, expected_version=1
        )
    assert not OutcomeNotice.objects.exists()


def test_a_stale_form_is_refused(world):
    officer = world.staff["equity_officer"]
    case = in_triage(world.case, officer)

    with pytest.raises(StaleVersion):
        issue_outcome_notice(
            case=case, language="en", body=NOTICE, actor=officer, expected_version=case.version - 1
        )
    assert not OutcomeNotice.objects.exists()


def test_an_empty_notice_is_refused_in_words(world):
    officer = world.staff["equity_officer"]
    case = in_triage(world.case, officer)
    with pytest.raises(ValidationError, match="plain words"):
        issue_outcome_notice(
            case=case, language="en", body="   ", actor=officer, expected_version=case.version
        )


def test_the_audit_event_names_the_notice_never_its_words(world):
    notice = close_with_notice(world.case, world.staff["equity_officer"])

    event = AuditEvent.objects.get(action="outcome.notice_issued")
    assert event.detail["notice"] == str(notice.pk)
    assert "counselor" not in str(event.detail)
