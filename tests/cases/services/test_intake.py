"""A parent's report becomes an encrypted report, a new case with due dates, and a receipt."""

from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from cases.deadlines import add_school_days
from cases.models import AuditEvent, Case, Report
from privacy.receipts import hash_receipt, normalise_receipt
from tests.factories import DistrictFactory, SchoolFactory, submit_report

pytestmark = pytest.mark.django_db


def test_a_report_opens_a_numbered_case_in_the_school_district():
    school = SchoolFactory(district=DistrictFactory(code="NVU"))

    result = submit_report(school=school)

    assert result.case.district == school.district
    assert result.case.number.startswith("NVU-")
    assert result.case.status == "new"
    assert list(result.case.bias_bases.values_list("code", flat=True)) == ["race"]
    assert result.report.case == result.case
    assert AuditEvent.objects.filter(action="report.submitted", actor_kind="reporter").count() == 1


def test_case_numbers_count_up_per_district():
    school = SchoolFactory()
    first, second = submit_report(school=school), submit_report(school=school)
    assert first.case.number[-5:] == "00001"
    assert second.case.number[-5:] == "00002"


def test_only_a_keyed_hash_of_the_receipt_is_stored():
    result = submit_report()

    assert normalise_receipt(result.receipt) == result.receipt
    assert len(result.receipt) == 20
    stored = Report.objects.get().receipt_hash
    assert stored == hash_receipt(result.receipt)
    assert result.receipt not in stored


def test_the_narrative_people_and_contact_are_ciphertext_in_the_database():
    submit_report(
        narrative="They wrote a slur on my locker",
        people_involved="Jordan Pike",
        contact_email="worried.parent@example.org",
        contact_phone="555-0100",
        contact_consent=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative, people_involved, contact FROM cases_report")
        row = " ".join(cursor.fetchone())
    for plaintext in ("slur", "Jordan", "worried.parent", "555-0100"):
        assert plaintext not in row
    report = Report.objects.get()
    assert report.narrative == "They wrote a slur on my locker"
    assert report.contact == {
        "email": "worried.parent@example.org",
        "phone": "555-0100",
        "consent": True,
    }


def test_contact_details_without_consent_are_not_kept():
    submit_report(contact_email="parent@example.org", contact_consent=False)
    assert Report.objects.get().contact is None


def test_a_report_mentioning_self_harm_is_flagged_and_urgent():
    result = submit_report(narrative="He said he wants to kill himself after what they did")
    assert result.case.life_safety
    assert Case.objects.order_by().first() == result.case
    assert result.case.get_priority_display() == "Urgent"


def test_acknowledgement_is_due_in_two_school_days_skipping_weekends():
    friday = date(2026, 11, 20)
    assert add_school_days(friday, 2) == date(2026, 11, 24)
    assert add_school_days(friday, 2, closures=[date(2026, 11, 23)]) == date(2026, 11, 25)

    result = submit_report()
    # The district's calendar day, not UTC's: they differ for hours around midnight.
    opened_on = result.case.opened_on
    assert opened_on == timezone.localdate()
    assert result.case.acknowledge_due > opened_on
    assert (result.case.investigation_due - opened_on).days == 60
