"""An officer works a case: reads the report, moves it along, writes notes, findings, messages."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from cases.models import AuditEvent, Case, CaseNote, ReporterMessage
from cases.services.messages import record_reporter_message
from cases.services.workflow import set_legal_hold
from tests.cases.admin.world import png_upload
from tests.factories import submit_report
from tests.privacy.stored import assert_ciphertext, raw_rows
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _url(name, case, **kwargs):
    return reverse(f"cases_admin:{name}", kwargs={"case_id": case.pk, **kwargs})


def _now(case) -> int:
    """The version a case page opened now carries in its forms."""
    return Case.objects.get(pk=case.pk).version


@pytest.fixture
def officer_client(client, world):
    login_staff(client, world.staff["equity_officer"])
    return client


def test_the_officer_reads_the_report_and_the_reading_is_audited(officer_client, world):
    response = officer_client.get(_url("detail", world.case))

    page = response.content.decode()
    assert response.status_code == 200
    assert "mocked my son&#x27;s accent" in page
    assert "Riley Stone" in page
    assert "parent@example.org" in page
    assert "hallway photo.png" in page
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action="case.narrative_viewed")
    assert event.actor == world.staff["equity_officer"]
    assert event.detail == {"report": str(world.report.pk)}


def test_every_view_is_a_new_audit_event(officer_client, world):
    officer_client.get(_url("detail", world.case))
    officer_client.get(_url("detail", world.case))
    assert AuditEvent.objects.filter(action="case.narrative_viewed").count() == 2


def test_only_allowed_moves_are_offered_and_a_refused_one_is_explained(officer_client, world):
    page = officer_client.get(_url("detail", world.case)).content.decode()
    assert "Acknowledge (move to Triage)" in page
    assert 'value="closed"' not in page

    response = officer_client.post(
        _url("change_status", world.case), {"to_status": "closed", "version": _now(world.case)}
    )

    assert response.status_code == 400
    assert "A case that is New cannot move to Closed" in response.content.decode()
    assert Case.objects.get(pk=world.case.pk).status == "new"


def test_a_nonsense_status_gets_a_clear_message(officer_client, world):
    response = officer_client.post(
        _url("change_status", world.case), {"to_status": "nonsense", "version": _now(world.case)}
    )
    assert response.status_code == 400
    assert "Choose a status." in response.content.decode()


def test_acknowledging_moves_the_case_to_triage(officer_client, world):
    response = officer_client.post(
        _url("change_status", world.case), {"to_status": "triage", "version": _now(world.case)}
    )

    assert response.status_code == 302
    case = Case.objects.get(pk=world.case.pk)
    assert case.status == "triage"
    assert case.acknowledged_at is not None


def test_a_case_can_only_be_assigned_to_someone_who_handles_it(officer_client, world):
    outsider = world.staff["other_district_officer"]

    page = officer_client.get(_url("detail", world.case)).content.decode()
    refused = officer_client.post(
        _url("assign", world.case), {"assignee": outsider.pk, "version": _now(world.case)}
    )
    accepted = officer_client.post(
        _url("assign", world.case),
        {"assignee": world.staff["school_officer_same_school"].pk, "version": _now(world.case)},
    )

    assert "riverbend.officer" not in page
    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert Case.objects.get(pk=world.case.pk).assignee == world.staff["school_officer_same_school"]


def test_priority_changes_and_the_timeline_says_so_in_words(officer_client, world):
    officer_client.post(
        _url("priority", world.case), {"priority": "4", "version": _now(world.case)}
    )

    page = officer_client.get(_url("detail", world.case)).content.decode()

    assert Case.objects.get(pk=world.case.pk).priority == 4
    assert "Priority changed" in page
    assert "Normal → Urgent" in page


def test_notes_are_stored_encrypted_and_shown_to_the_team(officer_client, world):
    officer_client.post(_url("add_note", world.case), {"body": "Spoke with the counsellor."})

    note = CaseNote.objects.get()
    (stored,) = raw_rows(CaseNote, "body")[note.pk]
    page = officer_client.get(_url("detail", world.case)).content.decode()
    assert_ciphertext(stored, "Spoke with the counsellor.")
    assert note.body == "Spoke with the counsellor."
    assert "Spoke with the counsellor." in page
    assert "Internal note added" in page


def test_an_empty_note_is_refused_with_a_message(officer_client, world):
    response = officer_client.post(_url("add_note", world.case), {"body": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not CaseNote.objects.exists()


def test_findings_are_saved_encrypted(officer_client, world):
    officer_client.post(
        _url("findings", world.case),
        {
            "findings": "The conduct was substantiated.",
            "actions_taken": "Restorative meeting.",
            "version": _now(world.case),
        },
    )

    case = Case.objects.get(pk=world.case.pk)
    findings, actions_taken = raw_rows(Case, "findings", "actions_taken")[case.pk]
    assert case.findings == "The conduct was substantiated."
    assert case.actions_taken == "Restorative meeting."
    assert_ciphertext(findings, "The conduct was substantiated.")
    assert_ciphertext(actions_taken, "Restorative meeting.")
    assert findings != actions_taken


def test_findings_under_legal_hold_are_refused_and_the_text_is_kept(officer_client, world):
    set_legal_hold(
        case=world.case,
        on=True,
        actor=world.staff["equity_officer"],
        expected_version=world.case.version,
    )

    response = officer_client.post(
        _url("findings", world.case),
        {
            "findings": "A late change I typed carefully.",
            "actions_taken": "",
            "version": _now(world.case),
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "under legal hold: findings cannot change" in page
    assert "A late change I typed carefully." in page
    assert Case.objects.get(pk=world.case.pk).findings == ""


def test_legal_hold_can_be_placed_and_lifted(officer_client, world):
    officer_client.post(_url("legal_hold", world.case), {"on": "1", "version": _now(world.case)})
    assert Case.objects.get(pk=world.case.pk).legal_hold is True
    officer_client.post(_url("legal_hold", world.case), {"on": "0", "version": _now(world.case)})
    assert Case.objects.get(pk=world.case.pk).legal_hold is False


def test_the_officer_messages_the_reporter_and_reads_replies(officer_client, world):
    sent = officer_client.post(
        _url("send_message", world.case, report_id=world.report.pk),
        {"body": "Thank you for telling us. Can you say which days it happened?"},
    )
    record_reporter_message(report=world.report, body="Mostly Mondays and Fridays.")

    first_look = officer_client.get(_url("detail", world.case)).content.decode()
    second_look = officer_client.get(_url("detail", world.case)).content.decode()

    assert sent.status_code == 302
    to_reporter = ReporterMessage.objects.get(direction="to_reporter")
    assert to_reporter.body.startswith("Thank you for telling us")
    assert "Mostly Mondays and Fridays." in first_look
    assert "New reply" in first_look
    assert "New reply" not in second_look
    assert ReporterMessage.objects.get(direction="from_reporter").read_on is not None


def test_an_empty_message_is_refused_and_nothing_is_sent(officer_client, world):
    response = officer_client.post(
        _url("send_message", world.case, report_id=world.report.pk), {"body": ""}
    )
    assert response.status_code == 400
    assert not ReporterMessage.objects.exists()


def test_a_message_to_a_report_of_another_case_is_not_found(officer_client, world):
    other = submit_report(school=world.school)
    response = officer_client.post(
        _url("send_message", world.case, report_id=other.report.pk), {"body": "Hello"}
    )
    assert response.status_code == 404


def test_evidence_downloads_decrypted_as_an_attachment_and_is_audited(officer_client, world):
    evidence = world.report.evidence.get()

    response = officer_client.get(_url("evidence_download", world.case, evidence_id=evidence.pk))

    assert response.status_code == 200
    assert response.content.startswith(b"\x89PNG")
    assert response["Content-Disposition"] == 'attachment; filename="hallway photo.png"'
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/octet-stream"
    assert AuditEvent.objects.filter(action="evidence.downloaded").count() == 1


def test_evidence_of_another_case_is_not_found_through_this_case(officer_client, world):
    other = submit_report(school=world.school, evidence=[png_upload("other.png")])
    evidence = other.report.evidence.get()

    response = officer_client.get(_url("evidence_download", world.case, evidence_id=evidence.pk))
    missing = officer_client.get(_url("evidence_download", world.case, evidence_id=uuid.uuid4()))

    assert response.status_code == 404
    assert missing.status_code == 404


def test_a_life_safety_case_shows_the_mandated_reporter_reminder(officer_client, world):
    urgent = submit_report(school=world.school, narrative="My friend said she wants to die.")

    page = officer_client.get(_url("detail", urgent.case)).content.decode()

    assert "You are a mandated reporter" in page


def test_related_cases_are_suggested_and_can_be_merged(officer_client, world):
    sibling = submit_report(
        school=world.other_school,
        bias_basis_codes=["religion"],
        people_involved="riley stone again",
    )

    page = officer_client.get(_url("detail", world.case)).content.decode()
    prefilled = officer_client.get(_url("detail", world.case), {"merge": sibling.case.number})
    merged = officer_client.post(
        _url("merge", world.case),
        {"numbers": sibling.case.number, "confirm": "on", "version": _now(world.case)},
    )
    source_page = officer_client.get(_url("detail", sibling.case)).content.decode()

    assert sibling.case.number in page
    assert "A report names the same person" in page
    assert f'value="{sibling.case.number}"' in prefilled.content.decode()
    assert merged.status_code == 302
    assert world.case.reports.count() == 2
    assert Case.objects.get(pk=sibling.case.pk).status == "closed"
    assert "This case was merged into another case" in source_page
    assert _url("detail", world.case) in source_page


def test_a_merge_needs_confirmation_and_keeps_the_typed_numbers(officer_client, world):
    sibling = submit_report(school=world.school)

    response = officer_client.post(
        _url("merge", world.case), {"numbers": sibling.case.number, "version": _now(world.case)}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick the box to confirm the merge." in page
    assert f'value="{sibling.case.number}"' in page
    assert sibling.case.reports.count() == 1


def test_a_case_of_another_district_cannot_be_merged_in(officer_client, world):
    from tests.factories import SchoolFactory

    foreign = submit_report(school=SchoolFactory(district=world.other_district))

    response = officer_client.post(
        _url("merge", world.case),
        {"numbers": foreign.case.number, "confirm": "on", "version": _now(world.case)},
    )

    assert response.status_code == 400
    assert "No case you can handle in this district" in response.content.decode()
    assert foreign.case.reports.count() == 1


TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(:\d{2})? ?[ap]\.m\.|\bmidnight\b|\bnoon\b")


def test_the_case_page_dates_the_report_and_the_reply_to_the_day_only(officer_client, world):
    """When a report or a reply arrived is the reporter's secret: the page gives the day."""
    record_reporter_message(report=world.report, body="It happened again today.")

    page = officer_client.get(_url("detail", world.case)).content.decode()

    day = date_format(world.case.opened_on, "DATE_FORMAT")
    assert f"Report submitted {day}" in page
    assert f"<dd>{day}</dd>" in page  # opened
    assert f'<time datetime="{world.case.opened_on.isoformat()}">{day}</time>' in page
    assert "Message received from the reporter" in page
    assert not TIME_OF_DAY.search(page), TIME_OF_DAY.search(page)
