"""The reporter reads the outcome on the status page and answers the check-in question."""

import pytest

from cases.models import Case, CaseStatus
from outcomes.models import CheckIn, CheckInState
from tests.cases.admin.world import case_world
from tests.factories import submit_report
from tests.outcomes.helpers import ask_first_check_in, close_with_notice
from tests.reporting.portal import check_receipt

pytestmark = pytest.mark.django_db

STATUS = "/report/status/"


@pytest.fixture
def world(db):
    return case_world()


def test_the_reporter_reads_the_outcome_and_how_to_appeal(client, world):
    close_with_notice(world.case, world.staff["equity_officer"])

    check_receipt(client, world.intake.receipt)
    page = client.get(STATUS).content.decode()

    assert "Outcome of your report" in page
    assert "The students will meet the counselor." in page
    assert "Office for Civil Rights" in page
    assert "Has anything happened since" not in page  # not asked before the day


def test_the_notice_is_shown_in_spanish_with_the_spanish_rights_text(client, world):
    close_with_notice(
        world.case,
        world.staff["equity_officer"],
        body="Hablamos con los estudiantes.",
        language="es",
    )

    check_receipt(client, world.intake.receipt, prefix="/es")
    page = client.get(f"/es{STATUS}").content.decode()

    assert "Resultado de su reporte" in page
    assert "Hablamos con los estudiantes." in page
    assert "Oficina de Derechos Civiles" in page


def test_the_reporter_answers_yes_and_the_case_is_reopened_flagged(client, world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)
    check_receipt(client, world.intake.receipt)
    assert (
        "Has anything happened since your case was closed?" in client.get(STATUS).content.decode()
    )

    response = client.post(
        STATUS,
        {"action": "check_in", "check_in": str(check_in.pk), "happened": "yes", "details": "Again"},
    )

    page = response.content.decode()
    assert "Thank you for telling us. An officer will look at it soon." in page
    assert "Has anything happened since" not in page  # asked once
    case = Case.objects.get(pk=world.case.pk)
    assert case.status == CaseStatus.REOPENED
    assert case.retaliation_follow_up


def test_an_answer_without_a_choice_keeps_the_words_and_says_what_is_missing(client, world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)
    check_receipt(client, world.intake.receipt)

    response = client.post(
        STATUS, {"action": "check_in", "check_in": str(check_in.pk), "details": "Kept words"}
    )

    page = response.content.decode()
    assert "Choose Yes or No." in page
    assert "Kept words" in page
    check_in.refresh_from_db()
    assert check_in.state == CheckInState.ASKED


def test_another_reporters_question_cannot_be_answered(client, world):
    close_with_notice(world.case, world.staff["equity_officer"])
    check_in = ask_first_check_in(world.case)
    other = submit_report(school=world.school)
    check_receipt(client, other.receipt)

    response = client.post(
        STATUS, {"action": "check_in", "check_in": str(check_in.pk), "happened": "yes"}
    )

    assert "already answered" in response.content.decode()
    assert CheckIn.objects.get(pk=check_in.pk).state == CheckInState.ASKED
    assert Case.objects.get(pk=world.case.pk).status == CaseStatus.CLOSED
