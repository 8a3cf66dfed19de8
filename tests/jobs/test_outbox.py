"""The outbox: a report's work is saved with the report and survives a broker outage."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from cases.models import Case, Report
from cases.topics import REPORT_SUBMITTED, STAFF_EMAIL
from jobs.models import OutboxMessage, OutboxStatus
from jobs.outbox import UnsafeOutboxPayload, enqueue_side_effect
from jobs.runner import process_outbox_message
from jobs.tasks import sweep_outbox
from tests.factories import submit_report
from tests.jobs.broker import celery_broker, closed_port_url

pytestmark = pytest.mark.django_db


def test_a_submitted_report_emails_its_officer_once_the_report_is_committed(
    school, officer, mailoutbox, run_on_commit
):
    with run_on_commit():
        result = submit_report(school=school)

    assert [m.to for m in mailoutbox] == [[officer.email]]
    assert result.case.number in mailoutbox[0].subject
    assert not OutboxMessage.objects.exclude(status=OutboxStatus.DONE).exists()


def test_work_of_a_rolled_back_write_is_never_recorded_nor_sent(school, officer, mailoutbox):
    def report_then_fail():
        with transaction.atomic():
            submit_report(school=school)
            raise RuntimeError("the request failed after intake")

    with pytest.raises(RuntimeError):
        report_then_fail()

    assert not Case.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_a_payload_with_content_instead_of_ids_is_refused():
    with pytest.raises(UnsafeOutboxPayload):
        enqueue_side_effect(topic=REPORT_SUBMITTED, payload={"case": "my son was hit on the bus"})


def test_with_the_broker_down_the_report_is_saved_and_its_work_runs_once_it_is_back(
    school, officer, mailoutbox, run_on_commit
):
    with celery_broker(closed_port_url()):
        started = time.monotonic()
        with run_on_commit():
            result = submit_report(school=school)
        elapsed = time.monotonic() - started
        assert sweep_outbox() == 0  # still down: nothing sent, nothing lost

    assert Report.objects.filter(pk=result.report.pk).exists()
    assert elapsed < 10, "a broker outage must not hang the reporter's request"
    job = OutboxMessage.objects.get(topic=REPORT_SUBMITTED.code)
    assert (job.status, job.last_dispatched_at) == (OutboxStatus.PENDING, None)
    assert mailoutbox == []

    # The broker is back. Tasks run eagerly here; test_worker.py does this with a real worker.
    with run_on_commit():
        # The new-report announcement, the search-index update, the trend recount, the
        # scheduling of the routing rules and the similar-report grouping.
        assert sweep_outbox() == 5

    job.refresh_from_db()
    assert job.status == OutboxStatus.DONE
    assert [m.to for m in mailoutbox] == [[officer.email]]


def test_a_failing_job_backs_off_then_is_marked_failed_after_its_last_attempt(
    school, officer, mailoutbox, run_on_commit, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    settings.EMAIL_TIMEOUT = 2
    with run_on_commit():
        result = submit_report(school=school)
    email_job = OutboxMessage.objects.get(topic=STAFF_EMAIL.code)
    assert email_job.status == OutboxStatus.PENDING
    assert email_job.attempts == 1
    assert email_job.last_error  # a class name, never the text of the error
    first_delay = email_job.next_attempt_at - timezone.now()

    # Not due yet: a second delivery of the same job does nothing.
    assert process_outbox_message(message_id=email_job.pk).status == "skipped"

    OutboxMessage.objects.filter(pk=email_job.pk).update(next_attempt_at=timezone.now())
    process_outbox_message(message_id=email_job.pk)
    email_job.refresh_from_db()
    assert email_job.next_attempt_at - timezone.now() > first_delay  # backoff grows

    OutboxMessage.objects.filter(pk=email_job.pk).update(next_attempt_at=timezone.now())
    process_outbox_message(message_id=email_job.pk)
    email_job.refresh_from_db()
    assert email_job.status == OutboxStatus.FAILED
    assert email_job.attempts == 3
    assert result.case.number not in email_job.last_error


def test_a_done_job_never_runs_again(school, officer, mailoutbox, run_on_commit):
    with run_on_commit():
        submit_report(school=school)
    email_job = OutboxMessage.objects.get(topic=STAFF_EMAIL.code, status=OutboxStatus.DONE)

    assert process_outbox_message(message_id=email_job.pk).status == "skipped"
    assert len(mailoutbox) == 1


def test_new_report_notices_wait_for_the_configured_delay(
    school, officer, mailoutbox, run_on_commit, settings
):
    settings.NEW_REPORT_NOTIFY_DELAY_SECONDS = 600
    settings.NEW_REPORT_NOTIFY_JITTER_SECONDS = 300
    with run_on_commit():
        submit_report(school=school)
    # Only the search-index update, the trend recount, the grouping and the scheduling of
    # the routing rules (which route after the same delay) were due: they ran at commit.
    done = OutboxMessage.objects.filter(status=OutboxStatus.DONE).values_list("topic", flat=True)
    assert {
        "search.index_case",
        "trends.recount_case",
        "campaigns.sign_case",
        "routing.report_received",
    } <= set(done)
    assert REPORT_SUBMITTED.code not in done
    with run_on_commit():
        assert sweep_outbox() == 0
    assert mailoutbox == []

    job = OutboxMessage.objects.get(topic=REPORT_SUBMITTED.code)
    assert timedelta(seconds=590) < job.next_attempt_at - timezone.now() < timedelta(seconds=901)
    OutboxMessage.objects.filter(pk=job.pk).update(next_attempt_at=timezone.now())  # time passes
    with run_on_commit():
        assert sweep_outbox() == 1
    assert [m.to for m in mailoutbox] == [[officer.email]]


def test_the_sweep_waits_a_lease_before_redispatching_a_dispatched_job(
    school, officer, run_on_commit, settings
):
    settings.OUTBOX_DISPATCH_LEASE_SECONDS = 600
    with transaction.atomic():
        job = enqueue_side_effect(
            topic=REPORT_SUBMITTED, payload={"case": "none", "district": school.district_id}
        )
    OutboxMessage.objects.filter(pk=job.pk).update(
        last_dispatched_at=timezone.now() - timedelta(minutes=5)
    )
    with run_on_commit():
        assert sweep_outbox() == 0
        assert sweep_outbox(now=timezone.now() + timedelta(minutes=6)) == 1
