"""Deadline reminders, the daily digest and the nightly retention run."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, CaseStatus, DigestFrequency, PurgedCase, StaffPreference
from cases.services.reminders import queue_daily_digests, send_deadline_reminders
from cases.services.scheduled_retention import run_scheduled_retention
from tests.factories import SchoolFactory, staff_user, submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return SchoolFactory()


def test_an_officer_is_reminded_once_when_acknowledgement_nears_and_once_when_it_passes(
    school, mailoutbox, run_on_commit
):
    officer = staff_user(school=school)
    case = submit_report(school=school).case
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(acknowledge_due=today + timedelta(days=1))

    with run_on_commit():
        assert send_deadline_reminders(today=today) == 1
        assert send_deadline_reminders(today=today) == 0  # a second beat run sends nothing
    assert [email.to for email in mailoutbox] == [[officer.email]]
    assert "acknowledged soon" in mailoutbox[0].subject

    with run_on_commit():
        assert send_deadline_reminders(today=today + timedelta(days=2)) == 1
    assert "overdue" in mailoutbox[1].subject
    assert case.number in mailoutbox[1].subject


def test_an_assigned_case_reminds_only_its_assignee(school, mailoutbox, run_on_commit):
    staff_user(school=school)
    assignee = staff_user(district=school.district)
    case = submit_report(school=school).case
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(
        assignee=assignee, investigation_due=today - timedelta(days=1)
    )

    with run_on_commit():
        send_deadline_reminders(today=today)

    assert {email.to[0] for email in mailoutbox} == {assignee.email}


def test_a_daily_reader_gets_one_digest_of_new_and_overdue_cases(school, mailoutbox, run_on_commit):
    reader = staff_user(district=school.district)
    StaffPreference.objects.create(user=reader, digest=DigestFrequency.DAILY)
    yesterday = timezone.localdate() - timedelta(days=1)
    new_case = submit_report(school=school).case
    Case.objects.filter(pk=new_case.pk).update(opened_on=yesterday)
    overdue_case = submit_report(school=school).case
    Case.objects.filter(pk=overdue_case.pk).update(
        opened_on=yesterday - timedelta(days=30),
        investigation_due=timezone.localdate() - timedelta(days=3),
    )

    with run_on_commit():
        assert send_deadline_reminders() == 0  # daily readers get no single reminders
        assert queue_daily_digests() == 1
        assert queue_daily_digests() == 0

    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert new_case.number in body.split("Due soon")[0]
    assert overdue_case.number in body.split("Overdue:")[1]


def test_a_quiet_day_sends_no_digest(school, mailoutbox, run_on_commit):
    reader = staff_user(district=school.district)
    StaffPreference.objects.create(user=reader, digest=DigestFrequency.DAILY)

    with run_on_commit():
        queue_daily_digests()

    assert mailoutbox == []


def _closed_long_ago(school):
    case = submit_report(school=school).case
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, closed_at=timezone.now() - timedelta(days=365 * 8)
    )
    return case


def test_the_nightly_retention_run_purges_only_where_the_district_allows_it():
    opted_in = SchoolFactory()
    opted_in.district.purge_enabled = True
    opted_in.district.save()
    dry_run = SchoolFactory()
    purged = _closed_long_ago(opted_in)
    kept = _closed_long_ago(dry_run)

    run = run_scheduled_retention()

    assert (run.purged, run.would_purge) == (1, 1)
    assert PurgedCase.objects.filter(case_id=purged.pk).exists()
    assert Case.objects.filter(pk=kept.pk).exists()
