"""Check-ins fall due through the beat task: each is asked once, whatever runs twice; the
reporter's "yes" reopens the case (or opens a linked one) flagged for the queue."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from cases.models import AuditEvent, Case, CaseStatus
from cases.services.retention import purge_case
from cases.services.workflow import change_case_status
from jobs.models import OutboxMessage
from outcomes.models import CheckIn, CheckInState, OutcomeNotice
from outcomes.services import answer_check_in, ask_due_check_ins
from outcomes.tasks import ask_due_check_ins as ask_due_check_ins_task
from tests.outcomes.helpers import ask_first_check_in, close_with_notice, days_from_today

pytestmark = pytest.mark.django_db


def _updates_for(report) -> int:
    return OutboxMessage.objects.filter(
        topic="reporter.update", payload__report=str(report.pk)
    ).count()


def test_nothing_is_asked_before_the_day(world):
    close_with_notice(world.case, world.staff["equity_officer"])

    assert ask_due_check_ins(today=days_from_today(29)) == 0
    assert not CheckIn.objects.filter(state=CheckInState.ASKED).exists()


def test_a_due_check_in_is_asked_once_and_the_reporter_hears_once(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    before = _updates_for(world.report)

    first_run = ask_due_check_ins(today=days_from_today(30))
    second_run = ask_due_check_ins(today=days_from_today(31))

    assert (first_run, second_run) == (1, 0)
    asked = CheckIn.objects.get(state=CheckInState.ASKED)
    assert asked.after_days == 30
    assert asked.asked_on == days_from_today(30)
    assert _updates_for(world.report) == before + 1


def test_the_beat_task_asks_what_is_due_today(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    CheckIn.objects.update(due_on=days_from_today(0))

    assert ask_due_check_ins_task() == 2
    assert ask_due_check_ins_task() == 0


def test_a_case_reopened_meanwhile_is_not_asked(world):
    officer = world.staff["equity_officer"]
    close_with_notice(world.case, officer)
    case = Case.objects.get(pk=world.case.pk)
    change_case_status(
        case=case, to_status=CaseStatus.REOPENED, actor=officer, expected_version=case.version
    )

    assert ask_due_check_ins(today=days_from_today(90)) == 0
    assert set(CheckIn.objects.values_list("state", flat=True)) == {CheckInState.CANCELLED}


def test_a_yes_reopens_the_case_flagged(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)

    answer = answer_check_in(
        report=world.report, check_in_id=check_in.pk, happened=True, details="They cornered me."
    )

    case = Case.objects.get(pk=world.case.pk)
    assert case.status == CaseStatus.REOPENED
    assert case.retaliation_follow_up
    assert answer.follow_up_case == case
    check_in.refresh_from_db()
    assert (check_in.state, check_in.happened, check_in.details) == (
        CheckInState.ANSWERED,
        True,
        "They cornered me.",
    )


def test_a_yes_on_a_case_that_cannot_be_reopened_opens_a_linked_flagged_case(world):
    officer = world.staff["equity_officer"]
    close_with_notice(world.case, officer)
    check_in = ask_first_check_in(world.case)
    # Reopened and under investigation again: a new, linked case takes the answer.
    case = Case.objects.get(pk=world.case.pk)
    case = change_case_status(
        case=case, to_status=CaseStatus.REOPENED, actor=officer, expected_version=case.version
    )
    change_case_status(
        case=case, to_status=CaseStatus.INVESTIGATING, actor=officer, expected_version=case.version
    )

    answer = answer_check_in(report=world.report, check_in_id=check_in.pk, happened=True)

    follow_up = answer.follow_up_case
    assert follow_up.pk != world.case.pk
    assert follow_up.follow_up_of_id == world.case.pk
    assert follow_up.retaliation_follow_up
    assert follow_up.status == CaseStatus.NEW
    assert follow_up.school == world.school
    assert Case.objects.get(pk=world.case.pk).status == CaseStatus.INVESTIGATING


def test_a_no_leaves_the_case_closed(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)

    answer_check_in(report=world.report, check_in_id=check_in.pk, happened=False)

    case = Case.objects.get(pk=world.case.pk)
    assert case.status == CaseStatus.CLOSED
    assert not case.retaliation_follow_up


def test_a_question_is_answered_once(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)
    answer_check_in(report=world.report, check_in_id=check_in.pk, happened=False)

    with pytest.raises(ValidationError, match="already answered"):
        answer_check_in(report=world.report, check_in_id=check_in.pk, happened=True)
    assert Case.objects.get(pk=world.case.pk).status == CaseStatus.CLOSED


def test_a_question_not_yet_asked_cannot_be_answered(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    scheduled = CheckIn.objects.filter(report=world.report).first()

    with pytest.raises(ValidationError):
        answer_check_in(report=world.report, check_in_id=scheduled.pk, happened=True)


def test_the_audit_trail_never_holds_the_answer_or_its_words(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)

    answer_check_in(
        report=world.report, check_in_id=check_in.pk, happened=False, details="Quietwillow"
    )

    event = AuditEvent.objects.get(action="outcome.check_in_answered")
    assert event.detail == {"check_in": str(check_in.pk)}
    assert event.at is None  # the reporter's action keeps the day only
    assert "Quietwillow" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_an_answer_holding_the_receipt_is_refused(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)

    with pytest.raises(ValidationError, match="receipt code"):
        answer_check_in(
            report=world.report,
            check_in_id=check_in.pk,
            happened=True,
            details=f"my code is {world.intake.receipt}",
        )
    check_in.refresh_from_db()
    assert check_in.state == CheckInState.ASKED


def test_purging_a_closed_case_takes_its_notice_and_check_ins_with_it(world):
    close_with_notice(world.case, world.staff["equity_officer"])
    case = Case.objects.get(pk=world.case.pk)
    later = case.closed_at + timedelta(days=366 * (world.district.retention_years + 1))

    purge_case(case=case, now=later)

    assert not OutcomeNotice.objects.exists()
    assert not CheckIn.objects.exists()


def test_a_linked_follow_up_case_is_indexed_counted_and_announced_to_its_officers(
    world, mailoutbox, run_on_commit
):
    officer = world.staff["equity_officer"]
    close_with_notice(world.case, officer)
    check_in = ask_first_check_in(world.case)
    case = Case.objects.get(pk=world.case.pk)
    case = change_case_status(
        case=case, to_status=CaseStatus.REOPENED, actor=officer, expected_version=case.version
    )
    mailoutbox.clear()
    earlier = list(OutboxMessage.objects.values_list("pk", flat=True))

    with run_on_commit():
        answer = answer_check_in(report=world.report, check_in_id=check_in.pk, happened=True)

    follow_up = answer.follow_up_case
    assert any(follow_up.number in message.subject for message in mailoutbox)
    caused = OutboxMessage.objects.exclude(pk__in=earlier)
    assert {"search.index_case", "report.submitted"} <= set(caused.values_list("topic", flat=True))
    assert list(caused.exclude(status="done").values_list("topic", flat=True)) == []
