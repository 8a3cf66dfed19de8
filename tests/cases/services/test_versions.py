"""Two officers edit one case at once: the second save built on an old page is refused with
what the first one saved, nothing is overwritten, and only the saved change is audited."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from cases.models import AuditEvent, Case, CaseStatus, Priority
from cases.roles import Role
from cases.services.assignment import bulk_assign_cases
from cases.services.versions import StaleVersion
from cases.services.workflow import (
    assign_case,
    change_case_status,
    record_findings,
    set_case_priority,
    set_legal_hold,
)
from tests.factories import SchoolFactory, staff_user, submit_report


def _two_officers_and_a_case():
    school = SchoolFactory()
    ana = staff_user(role=Role.EQUITY_OFFICER, district=school.district, first_name="Ana")
    ben = staff_user(role=Role.TITLE_IX_COORDINATOR, district=school.district, first_name="Ben")
    return ana, ben, submit_report(school=school).case


def _audited(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


@pytest.mark.django_db
def test_the_second_findings_save_from_an_old_page_is_refused_with_the_first_text():
    ana, ben, case = _two_officers_and_a_case()
    opened = case.version  # both officers opened the case page at this version

    record_findings(
        case=case,
        findings="Ana: the slurs were substantiated.",
        actions_taken="Training.",
        actor=ana,
        expected_version=opened,
    )
    with pytest.raises(StaleVersion) as refused:
        record_findings(
            case=case,
            findings="Ben: not substantiated.",
            actions_taken="",
            actor=ben,
            expected_version=opened,
        )

    assert refused.value.current.findings == "Ana: the slurs were substantiated."
    saved = Case.objects.get(pk=case.pk)
    assert saved.findings == "Ana: the slurs were substantiated."
    assert saved.actions_taken == "Training."
    assert saved.version == opened + 1
    assert _audited("case.findings_recorded") == 1  # the refused save is not a change


@pytest.mark.django_db
def test_a_status_move_on_top_of_another_officers_move_is_refused():
    ana, ben, case = _two_officers_and_a_case()
    opened = case.version

    change_case_status(case=case, to_status=CaseStatus.TRIAGE, actor=ana, expected_version=opened)
    with pytest.raises(StaleVersion) as refused:
        change_case_status(
            case=case, to_status=CaseStatus.WITHDRAWN, actor=ben, expected_version=opened
        )

    assert refused.value.current.status == CaseStatus.TRIAGE
    assert Case.objects.get(pk=case.pk).status == CaseStatus.TRIAGE
    assert _audited("case.status_changed") == 1


@pytest.mark.django_db
def test_stale_assignment_and_priority_are_refused_and_nothing_is_overwritten():
    ana, ben, case = _two_officers_and_a_case()
    opened = case.version

    set_case_priority(case=case, priority=Priority.URGENT, actor=ana, expected_version=opened)
    with pytest.raises(StaleVersion):
        set_case_priority(case=case, priority=Priority.LOW, actor=ben, expected_version=opened)
    with pytest.raises(StaleVersion) as refused:
        assign_case(case=case, assignee=ben, actor=ben, expected_version=opened)

    saved = Case.objects.get(pk=case.pk)
    assert saved.priority == Priority.URGENT
    assert saved.assignee is None
    assert refused.value.current.priority == Priority.URGENT
    assert _audited("case.priority_changed") == 1
    assert _audited("case.assigned") == 0


@pytest.mark.django_db
def test_a_save_built_on_the_current_version_goes_through_and_moves_the_version_on():
    ana, ben, case = _two_officers_and_a_case()

    case = set_legal_hold(case=case, on=True, actor=ana, expected_version=case.version)
    case = set_legal_hold(case=case, on=False, actor=ben, expected_version=case.version)
    case = assign_case(case=case, assignee=ben, actor=ana, expected_version=case.version)

    assert case.version == 4
    assert Case.objects.get(pk=case.pk).assignee == ben


@pytest.mark.django_db
def test_a_refusal_after_the_version_check_leaves_the_version_as_it_was():
    """A legal hold refuses the findings: the claimed version rolls back with the rest, so
    the officer's page is still current once the hold is lifted."""
    ana, _, case = _two_officers_and_a_case()
    case = set_legal_hold(case=case, on=True, actor=ana, expected_version=case.version)

    with pytest.raises(PermissionDenied, match="legal hold"):
        record_findings(
            case=case, findings="x", actions_taken="", actor=ana, expected_version=case.version
        )

    assert Case.objects.get(pk=case.pk).version == case.version


@pytest.mark.django_db
def test_bulk_assignment_makes_an_open_page_stale_instead_of_being_undone_by_it():
    ana, ben, case = _two_officers_and_a_case()
    opened = case.version

    bulk_assign_cases(cases=[case], assignee=ben, actor=ana)
    with pytest.raises(StaleVersion):
        assign_case(case=case, assignee=ana, actor=ana, expected_version=opened)

    assert Case.objects.get(pk=case.pk).assignee == ben


def _save_findings_at_once(case, officers_and_texts, opened):
    """Each officer saves in a thread of their own (their own database connection); the
    barrier releases them together. Returns what each save answered."""
    barrier = threading.Barrier(len(officers_and_texts))
    outcomes = {}

    def save(officer, text):
        try:
            barrier.wait()
            record_findings(
                case=case, findings=text, actions_taken="", actor=officer, expected_version=opened
            )
            outcomes[text] = "saved"
        except StaleVersion as refusal:
            outcomes[text] = refusal.current.findings
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=pair) for pair in officers_and_texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_findings_saves_at_the_same_moment_save_one_and_refuse_the_other():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); run with DATABASE_URL=postgres://...")
    ana, ben, case = _two_officers_and_a_case()
    texts = ("Ana: substantiated.", "Ben: not substantiated.")

    outcomes = _save_findings_at_once(case, list(zip((ana, ben), texts, strict=True)), 1)

    saved = Case.objects.get(pk=case.pk)
    winner = next(text for text, outcome in outcomes.items() if outcome == "saved")
    loser = next(text for text in texts if text != winner)
    assert outcomes[loser] == winner  # refused, and shown the text that was saved
    assert saved.findings == winner
    assert saved.version == 2
    assert _audited("case.findings_recorded") == 1
