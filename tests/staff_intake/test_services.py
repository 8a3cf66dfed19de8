"""An officer records a report that arrived by phone, paper, e-mail or in person: it is stored
like a portal report (encrypted, receipt hashed, officers notified later), marked with its
channel, its received day and the officer, and its receipt is shown once."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.deadlines import acknowledge_due, investigation_due
from cases.models import AuditEvent, Case, Report
from cases.selectors.timeline import case_timeline
from jobs.models import OutboxMessage
from privacy.receipts import hash_receipt
from staff_intake.models import ReceiptHandover
from staff_intake.services import record_staff_report, take_receipt
from tests.factories import SchoolFactory
from tests.staff_intake.intake import NARRATIVE, officer_and_school, phone_submission

pytestmark = pytest.mark.django_db


def test_a_phone_report_is_stored_like_a_portal_report_with_its_channel_and_officer():
    officer, school = officer_and_school(code="NVU")
    received = timezone.localdate() - timedelta(days=3)

    result = record_staff_report(
        officer=officer,
        submission=phone_submission(school),
        channel="phone",
        received_on=received,
    )

    report = Report.objects.get()
    assert (report.channel, report.entered_by, report.language) == ("phone", officer, "es")
    assert report.narrative == NARRATIVE  # read back through the encrypted field
    case = result.case
    assert case.number.startswith("NVU-")
    assert case.channel == "phone"
    assert report.submitted_on == case.opened_on == received
    assert case.acknowledge_due == acknowledge_due(district=school.district, opened_on=received)
    assert case.investigation_due == investigation_due(district=school.district, opened_on=received)
    receipt = take_receipt(handover=result.handover)
    assert report.receipt_hash == hash_receipt(receipt)
    # The officers hear of it through the same delayed, jittered outbox job as a web report.
    assert OutboxMessage.objects.filter(topic="report.submitted").count() == 1


def test_the_audit_names_the_officer_and_the_channel_never_the_report():
    officer, school = officer_and_school()
    result = record_staff_report(
        officer=officer,
        submission=phone_submission(school),
        channel="paper",
        received_on=timezone.localdate(),
    )

    event = AuditEvent.objects.get(action="report.recorded_by_staff")
    assert (event.actor, event.actor_kind) == (officer, "staff")
    assert event.detail["channel"] == "paper"
    assert event.detail["receipt"] == "handed_over"
    assert "insulto" not in str(event.detail)
    assert "Jordan" not in str(event.detail)
    entry = case_timeline(case=result.case)[0]
    assert entry.label == "Report recorded by staff"
    assert entry.change.startswith("Paper form, received ")
    assert entry.actor == "officer.rivera"


def test_the_receipt_is_handed_over_once_then_never_again():
    officer, school = officer_and_school()
    result = record_staff_report(
        officer=officer,
        submission=phone_submission(school),
        channel="in_person",
        received_on=timezone.localdate(),
    )

    first = take_receipt(handover=result.handover)
    again = take_receipt(handover=ReceiptHandover.objects.get())

    assert len(first.replace(" ", "")) >= 16
    assert again == ""
    assert ReceiptHandover.objects.get().receipt == ""


def test_a_declined_receipt_is_recorded_and_never_shown():
    officer, school = officer_and_school()
    result = record_staff_report(
        officer=officer,
        submission=phone_submission(school),
        channel="email",
        received_on=timezone.localdate(),
        receipt_declined=True,
    )

    assert result.handover is None
    assert not ReceiptHandover.objects.exists()
    event = AuditEvent.objects.get(action="report.recorded_by_staff")
    assert (event.detail["channel"], event.detail["receipt"]) == ("email", "declined")


@pytest.mark.parametrize(
    ("received_on", "message"),
    [
        (timezone.localdate() + timedelta(days=1), "The day received cannot be in the future."),
        (date(2020, 8, 31), "takes reports since"),
    ],
)
def test_a_received_day_in_the_future_or_before_the_district_is_refused(received_on, message):
    officer, school = officer_and_school(established_on=date(2020, 9, 1))

    with pytest.raises(ValidationError, match=message):
        record_staff_report(
            officer=officer,
            submission=phone_submission(school),
            channel="phone",
            received_on=received_on,
        )

    assert not Case.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="report.").exists()


def test_a_report_cannot_be_received_before_its_incident():
    officer, school = officer_and_school()
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="before the day of the incident"):
        record_staff_report(
            officer=officer,
            submission=phone_submission(school, incident_date=today),
            channel="phone",
            received_on=today - timedelta(days=1),
        )


def test_a_web_channel_is_not_a_staff_entry():
    officer, school = officer_and_school()
    with pytest.raises(ValidationError):
        record_staff_report(
            officer=officer,
            submission=phone_submission(school),
            channel="web",
            received_on=timezone.localdate(),
        )
    assert not Case.objects.exists()


def test_an_officer_cannot_record_a_report_for_another_districts_school():
    officer, _school = officer_and_school()
    elsewhere = SchoolFactory()

    with pytest.raises(PermissionDenied):
        record_staff_report(
            officer=officer,
            submission=phone_submission(elsewhere),
            channel="phone",
            received_on=timezone.localdate(),
        )

    assert not Case.objects.exists()
    assert not ReceiptHandover.objects.exists()
