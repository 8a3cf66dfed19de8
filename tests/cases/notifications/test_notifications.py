"""Who is emailed about what, and that no email ever carries case content."""

import pytest

from cases.models import DigestFrequency, MessageDirection, StaffMembership, StaffPreference
from cases.services.memberships import SYSTEM, revoke_membership
from cases.services.messages import send_message_to_reporter
from cases.services.workflow import assign_case, change_case_status
from jobs.tasks import sweep_outbox
from tests.factories import DistrictFactory, SchoolFactory, staff_user, submit_report
from tests.jobs.broker import celery_broker, closed_port_url

pytestmark = pytest.mark.django_db

PLANTED = {
    "narrative": "PLANTED-NARRATIVE-zebra-crossing",
    "people_involved": "Quentin Planted-Marlowe",
    "contact_email": "planted.parent@example.net",
}


@pytest.fixture
def school():
    district = DistrictFactory(name="Planted Valley District")
    return SchoolFactory(district=district, name="Planted Oak Academy")


def _submit(school, **extra):
    values = {**PLANTED, "contact_consent": True, **extra}
    return submit_report(school=school, **values)


def _assert_no_content(emails):
    for email in emails:
        text = f"{email.subject}\n{email.body}"
        for planted in (*PLANTED.values(), "Planted Oak Academy", "Planted Valley District"):
            if planted == PLANTED["contact_email"] and email.to == [planted]:
                continue  # the reporter's own address is the recipient, not the content
            assert planted not in text


def test_a_new_report_reaches_the_schools_and_districts_officers_as_they_chose(
    school, mailoutbox, run_on_commit
):
    school_officer = staff_user(school=school)
    district_officer = staff_user(district=school.district)
    daily_reader = staff_user(district=school.district)
    StaffPreference.objects.create(user=daily_reader, digest=DigestFrequency.DAILY)
    no_email = staff_user(district=school.district)
    StaffPreference.objects.create(user=no_email, digest=DigestFrequency.NONE)
    other_school_officer = staff_user(school=SchoolFactory(district=school.district))
    other_district_officer = staff_user()

    with run_on_commit():
        result = _submit(school)

    recipients = sorted(email.to[0] for email in mailoutbox)
    assert recipients == sorted([school_officer.email, district_officer.email])
    assert other_school_officer.email not in recipients
    assert other_district_officer.email not in recipients
    email = mailoutbox[0]
    assert result.case.number in email.subject
    assert f"/admin/cases/{result.case.pk}/" in email.body
    _assert_no_content(mailoutbox)


def test_the_assignee_is_told_of_an_assignment_but_not_of_their_own(
    school, mailoutbox, run_on_commit
):
    lead = staff_user(district=school.district)
    colleague = staff_user(district=school.district)
    StaffPreference.objects.create(user=lead, digest=DigestFrequency.NONE)
    result = _submit(school)  # no commit: no new-report emails in this story

    with run_on_commit():
        case = assign_case(case=result.case, assignee=lead, actor=lead, expected_version=1)
        assign_case(case=case, assignee=colleague, actor=lead, expected_version=case.version)

    assert [email.to for email in mailoutbox] == [[colleague.email]]
    assert "assigned to you" in mailoutbox[0].subject
    _assert_no_content(mailoutbox)


def test_an_officer_who_lost_the_role_before_the_email_went_out_gets_nothing(
    school, mailoutbox, run_on_commit
):
    officer = staff_user(school=school)
    with celery_broker(closed_port_url()), run_on_commit():
        _submit(school)
    revoke_membership(membership=StaffMembership.objects.get(user=officer), revoked_by=SYSTEM)

    with run_on_commit():
        sweep_outbox()

    assert mailoutbox == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "There is an update"), ("es", "Hay una novedad")],
)
def test_a_reporter_who_left_an_address_is_only_told_to_check_with_the_receipt(
    school, mailoutbox, run_on_commit, language, expected
):
    officer = staff_user(school=school)
    result = _submit(school, language=language)

    with run_on_commit():
        send_message_to_reporter(report=result.report, body="Can you tell us more?", author=officer)

    assert [email.to for email in mailoutbox] == [[PLANTED["contact_email"]]]
    notice = mailoutbox[0]
    assert expected in f"{notice.subject}\n{notice.body}"
    assert result.case.number not in notice.subject + notice.body
    assert "Can you tell us more?" not in notice.body
    _assert_no_content(mailoutbox)


def test_a_status_change_tells_the_reporter_there_is_news(school, mailoutbox, run_on_commit):
    officer = staff_user(school=school)
    result = _submit(school)

    with run_on_commit():
        change_case_status(case=result.case, to_status="triage", actor=officer, expected_version=1)

    assert [email.to for email in mailoutbox] == [[PLANTED["contact_email"]]]


def test_a_reporter_without_contact_details_is_never_emailed(school, mailoutbox, run_on_commit):
    officer = staff_user(school=school)
    result = submit_report(school=school, narrative=PLANTED["narrative"])

    with run_on_commit():
        send_message_to_reporter(report=result.report, body="Any news?", author=officer)
        change_case_status(case=result.case, to_status="triage", actor=officer, expected_version=1)

    assert all(email.to == [officer.email] for email in mailoutbox)
    assert result.report.messages.filter(direction=MessageDirection.TO_REPORTER).count() == 1
