"""A new report matching a saved search reaches its owner once, as they chose to hear of new
work; reports they may not handle, or that do not match, never do."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alerts.models import Delivery, SavedSearch, SavedSearchMatch
from alerts.services import create_saved_search
from cases.models import BiasBasis, DigestFrequency, StaffMembership, StaffPreference
from cases.services.conflicts import declare_conflict
from cases.services.memberships import SYSTEM, revoke_membership
from cases.services.messages import record_reporter_message
from cases.services.reminders import queue_daily_digests
from cases.services.workflow import change_case_status
from jobs.models import OutboxMessage, OutboxStatus
from jobs.tasks import sweep_outbox
from tests.factories import submit_report

pytestmark = pytest.mark.django_db

NARRATIVE = "A boy called Avery Quill a slur by the trombone lockers after band practice."
SUBJECT = "matches one of your saved searches"


def _alerts(mailoutbox, user=None):
    return [
        email
        for email in mailoutbox
        if SUBJECT in email.subject and (user is None or email.to == [user.email])
    ]


def _save(owner, words="trombone lockers", **filters):
    return create_saved_search(owner=owner, label="Band room", words=words, **filters)


def test_a_new_matching_report_emails_the_owner_once(world, mailoutbox, run_on_commit):
    _save(world.officer)

    with run_on_commit():
        case = submit_report(school=world.school, narrative=NARRATIVE).case
    with run_on_commit():  # later changes re-index the case: no second alert
        change_case_status(
            case=case, to_status="triage", actor=world.officer, expected_version=case.version
        )

    alerts = _alerts(mailoutbox)
    assert [email.to for email in alerts] == [[world.officer.email]]
    assert case.number in alerts[0].subject
    assert f"/admin/cases/{case.pk}/" in alerts[0].body
    for secret in ("trombone", "Avery", "Band room", "Cedar"):  # no words, label or school
        assert secret not in alerts[0].subject + alerts[0].body
    assert SavedSearchMatch.objects.get().delivery == Delivery.EMAIL


def test_two_saved_searches_matching_one_report_send_one_email(world, mailoutbox, run_on_commit):
    _save(world.officer, words="trombone")
    _save(world.officer, words="lockers")

    with run_on_commit():
        submit_report(school=world.school, narrative=NARRATIVE)

    assert len(_alerts(mailoutbox)) == 1
    assert SavedSearchMatch.objects.count() == 2


def test_a_daily_reader_finds_the_match_in_the_next_digest_only(world, mailoutbox, run_on_commit):
    StaffPreference.objects.create(user=world.officer, digest=DigestFrequency.DAILY)
    _save(world.officer)

    with run_on_commit():
        case = submit_report(school=world.school, narrative=NARRATIVE).case
    assert _alerts(mailoutbox) == []

    today = timezone.localdate()
    with run_on_commit():
        queue_daily_digests(today=today + timedelta(days=1))
        queue_daily_digests(today=today + timedelta(days=2))

    digests = [email.body for email in mailoutbox if "daily case summary" in email.subject]
    listing = [body for body in digests if "Matching your saved searches:" in body]
    assert listing == digests[:1]  # the next day's digest; the day after's lists it no more
    assert case.number in listing[0].split("Matching your saved searches:")[1]
    assert "trombone" not in listing[0]


def test_the_digest_leaves_out_a_match_the_officer_may_no_longer_open(
    world, mailoutbox, run_on_commit
):
    StaffPreference.objects.create(user=world.officer, digest=DigestFrequency.DAILY)
    _save(world.officer)
    with run_on_commit():
        case = submit_report(school=world.school, narrative=NARRATIVE).case
    assert SavedSearchMatch.objects.filter(case=case).exists()
    declare_conflict(case=case, officer=world.officer, reason="My nephew's class")

    with run_on_commit():
        queue_daily_digests(today=timezone.localdate() + timedelta(days=1))

    assert not any("Matching your saved searches" in email.body for email in mailoutbox)


def test_an_officer_who_wants_no_email_gets_none_but_the_match_is_kept(
    world, mailoutbox, run_on_commit
):
    StaffPreference.objects.create(user=world.officer, digest=DigestFrequency.NONE)
    saved = _save(world.officer)

    with run_on_commit():
        submit_report(school=world.school, narrative=NARRATIVE)

    assert _alerts(mailoutbox) == []
    assert saved.matches.get().delivery == Delivery.NONE


def test_a_report_without_every_word_or_outside_the_filters_does_not_match(
    world, mailoutbox, run_on_commit
):
    _save(world.officer, words="trombone violin")
    _save(world.officer, school=world.other_school)
    _save(world.officer, bias_basis=BiasBasis.objects.get(code="religion"))

    with run_on_commit():
        submit_report(school=world.school, narrative=NARRATIVE, bias_basis_codes=["race"])

    assert _alerts(mailoutbox) == []
    assert not SavedSearchMatch.objects.exists()


def test_reports_the_owner_may_not_handle_never_alert_them(world, mailoutbox, run_on_commit):
    _save(world.stranger)  # Riverbend
    _save(world.school_officer)  # Lakeview only

    with run_on_commit():
        submit_report(school=world.school, narrative=NARRATIVE)  # Cedar, Northvale

    assert _alerts(mailoutbox) == []
    assert not SavedSearchMatch.objects.exists()


def test_a_case_the_officer_declared_a_conflict_on_never_alerts_them(
    world, mailoutbox, run_on_commit
):
    _save(world.officer)
    intake = submit_report(school=world.school, narrative=NARRATIVE)  # not indexed yet
    declare_conflict(case=intake.case, officer=world.officer, reason="My nephew's class")

    with run_on_commit():  # a reply re-indexes the case
        record_reporter_message(report=intake.report, body="It happened again.")

    assert _alerts(mailoutbox) == []
    assert not SavedSearchMatch.objects.exists()


def test_a_report_older_than_the_saved_search_does_not_alert(world, mailoutbox, run_on_commit):
    intake = submit_report(school=world.school, narrative=NARRATIVE)
    intake.report.__class__.objects.filter(pk=intake.report.pk).update(
        submitted_on=timezone.localdate() - timedelta(days=3)
    )
    _save(world.officer)

    with run_on_commit():
        record_reporter_message(report=intake.report, body="Any news?")

    assert _alerts(mailoutbox) == []


def test_revoking_the_officers_role_stops_their_alerts(world, mailoutbox, run_on_commit):
    _save(world.officer)
    revoke_membership(membership=StaffMembership.objects.get(user=world.officer), revoked_by=SYSTEM)

    with run_on_commit():
        submit_report(school=world.school, narrative=NARRATIVE)

    assert _alerts(mailoutbox) == []
    assert not SavedSearchMatch.objects.exists()
    assert SavedSearch.objects.filter(owner=world.officer).exists()  # inert, not deleted


def test_an_alert_still_waiting_when_the_role_is_revoked_is_not_sent(
    world, mailoutbox, run_on_commit, settings
):
    settings.NEW_REPORT_NOTIFY_DELAY_SECONDS = 600  # as in production: the email waits
    _save(world.officer)
    with run_on_commit():
        submit_report(school=world.school, narrative=NARRATIVE)
    assert SavedSearchMatch.objects.exists()
    revoke_membership(membership=StaffMembership.objects.get(user=world.officer), revoked_by=SYSTEM)

    OutboxMessage.objects.filter(status=OutboxStatus.PENDING).update(next_attempt_at=timezone.now())
    with run_on_commit():
        sweep_outbox()

    assert _alerts(mailoutbox) == []
    alert = OutboxMessage.objects.get(payload__kind="saved_search_match")
    assert alert.status == OutboxStatus.DONE  # it ran, checked the role, and sent nothing
