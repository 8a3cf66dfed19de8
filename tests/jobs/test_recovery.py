"""A job whose worker died is run again within one short lease, never side by side with a live
run, and an email interrupted mid-send is never sent twice: it waits for staff instead."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.topics import REPORT_SUBMITTED, STAFF_EMAIL
from jobs.models import OutboxMessage, OutboxStatus
from jobs.runner import claim_job, finish_job, process_outbox_message, renew_lease
from jobs.tasks import sweep_outbox
from search.topics import SEARCH_INDEX_CASE
from tests.factories import UserFactory, submit_report
from tests.jobs.broker import celery_broker, closed_port_url
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_report(school, officer, run_on_commit):
    """A report whose jobs are recorded but not run yet (the broker was down at commit)."""
    with celery_broker(closed_port_url()), run_on_commit():
        return submit_report(school=school)


def _time_passes(job: OutboxMessage, *, seconds: float) -> None:
    """The clock moves on: every time the job holds is that much older."""
    job.refresh_from_db()
    shift = timedelta(seconds=seconds)
    OutboxMessage.objects.filter(pk=job.pk).update(
        next_attempt_at=job.next_attempt_at - shift,
        last_dispatched_at=(job.last_dispatched_at or timezone.now()) - shift,
    )


def _staff_email_job(report_job: OutboxMessage) -> OutboxMessage:
    """Run the announcement (broker down, so nothing else runs) and return the email it queued."""
    with celery_broker(closed_port_url()):
        assert process_outbox_message(message_id=report_job.pk).status == "done"
    return OutboxMessage.objects.get(topic=STAFF_EMAIL.code)


def test_of_two_deliveries_of_one_job_only_one_claims_it(waiting_report):
    job = OutboxMessage.objects.get(topic=SEARCH_INDEX_CASE.code)

    first = claim_job(message_id=job.pk)
    second = claim_job(message_id=job.pk)

    assert first is not None
    assert second is None
    assert process_outbox_message(message_id=job.pk).status == "skipped"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_claiming_at_the_same_instant_get_one_claim_between_them(school, officer):
    with celery_broker(closed_port_url()):
        submit_report(school=school)
    job = OutboxMessage.objects.get(topic=SEARCH_INDEX_CASE.code)
    ready = threading.Barrier(2)
    claims = []

    def worker():
        try:
            ready.wait()
            claims.append(claim_job(message_id=job.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len([claim for claim in claims if claim is not None]) == 1
    job.refresh_from_db()
    assert job.attempts == 1


def test_a_job_whose_worker_died_is_claimed_again_once_its_short_lease_ends(
    waiting_report, settings
):
    job = OutboxMessage.objects.get(topic=SEARCH_INDEX_CASE.code)
    assert claim_job(message_id=job.pk) is not None  # a worker takes it, then dies

    _time_passes(job, seconds=settings.OUTBOX_RUN_LEASE_SECONDS - 5)
    assert claim_job(message_id=job.pk) is None  # still leased
    assert OutboxMessage.objects.filter(pk=job.pk, status=OutboxStatus.PENDING).exists()

    _time_passes(job, seconds=10)  # the lease is over; the sweep sends it again
    assert process_outbox_message(message_id=job.pk).status == "done"
    job.refresh_from_db()
    assert (job.status, job.attempts) == (OutboxStatus.DONE, 2)


def test_the_sweep_leaves_a_running_job_alone_and_resends_it_after_the_lease(
    waiting_report, settings, run_on_commit
):
    job = OutboxMessage.objects.get(topic=SEARCH_INDEX_CASE.code)
    claim_job(message_id=job.pk)
    _time_passes(job, seconds=settings.OUTBOX_DISPATCH_LEASE_SECONDS + 1)

    with run_on_commit():
        dispatched = sweep_outbox()
    job.refresh_from_db()
    assert job.status == OutboxStatus.PENDING  # only the other due jobs were sent
    assert (
        dispatched == 4
    )  # the announcement, the trend recount, the routing schedule, the grouping

    _time_passes(job, seconds=settings.OUTBOX_RUN_LEASE_SECONDS)
    with run_on_commit():
        assert sweep_outbox() == 1
    job.refresh_from_db()
    assert job.status == OutboxStatus.DONE


def test_the_heartbeat_extends_the_lease_of_a_long_job(waiting_report, settings):
    job = OutboxMessage.objects.get(topic=SEARCH_INDEX_CASE.code)
    claim = claim_job(message_id=job.pk)
    _time_passes(job, seconds=settings.OUTBOX_RUN_LEASE_SECONDS - 1)  # about to run out

    assert renew_lease(claim=claim)

    job.refresh_from_db()
    lease_left = job.next_attempt_at - timezone.now()
    assert lease_left > timedelta(seconds=settings.OUTBOX_RUN_LEASE_SECONDS - 5)
    _time_passes(job, seconds=settings.OUTBOX_RUN_LEASE_SECONDS - 5)
    assert claim_job(message_id=job.pk) is None  # still ours


def test_a_stalled_worker_cannot_finish_or_renew_a_job_another_worker_took(waiting_report):
    job = OutboxMessage.objects.get(topic=SEARCH_INDEX_CASE.code)
    stalled = claim_job(message_id=job.pk)
    _time_passes(job, seconds=600)  # it stalled past its lease
    live = claim_job(message_id=job.pk)
    assert live is not None

    assert not renew_lease(claim=stalled)
    assert not finish_job(claim=stalled)
    job.refresh_from_db()
    assert job.status == OutboxStatus.PENDING  # the live run still owns it

    assert finish_job(claim=live)
    job.refresh_from_db()
    assert job.status == OutboxStatus.DONE
    assert not finish_job(claim=stalled)


def test_an_email_interrupted_mid_send_is_not_sent_again_and_staff_can_retry_it(
    client, waiting_report, officer, mailoutbox, run_on_commit, settings
):
    email_job = _staff_email_job(OutboxMessage.objects.get(topic=REPORT_SUBMITTED.code))
    # A worker claims the email and begins sending; then it is killed before it records done.
    claim_job(message_id=email_job.pk)
    OutboxMessage.objects.filter(pk=email_job.pk).update(send_started_at=timezone.now())
    _time_passes(email_job, seconds=settings.OUTBOX_RUN_LEASE_SECONDS + 1)

    with run_on_commit():
        sweep_outbox()

    assert mailoutbox == []  # perhaps sent once already: never a second time by itself
    email_job.refresh_from_db()
    assert email_job.status == OutboxStatus.FAILED

    login_staff(client, UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("jobs_admin:index")).content.decode()
    assert "Interrupted while sending; check the mail log before retrying" in page

    with run_on_commit():
        client.post(reverse("jobs_admin:retry", args=[email_job.pk]), {"status": "failed"})

    email_job.refresh_from_db()
    assert email_job.status == OutboxStatus.DONE
    assert [m.to for m in mailoutbox] == [[officer.email]]


def test_an_email_that_failed_to_send_is_retried_normally(
    waiting_report, officer, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    settings.EMAIL_TIMEOUT = 2
    email_job = _staff_email_job(OutboxMessage.objects.get(topic=REPORT_SUBMITTED.code))

    assert process_outbox_message(message_id=email_job.pk).status == "retry"
    email_job.refresh_from_db()
    assert email_job.send_started_at is None  # the send raised: nothing went out

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.filter(pk=email_job.pk).update(next_attempt_at=timezone.now())
    assert process_outbox_message(message_id=email_job.pk).status == "done"
    assert [m.to for m in mailoutbox] == [[officer.email]]


def test_the_configured_leases_and_sweep_keep_recovery_under_two_minutes(settings):
    sweep = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
    assert sweep["task"] == "jobs.tasks.sweep_outbox"
    assert sweep["schedule"] <= 30
    # A killed worker: its last lease runs out, then the next sweep sends the job again.
    assert settings.OUTBOX_RUN_LEASE_SECONDS + sweep["schedule"] < 120
    # A task lost with a restarted broker: the dispatch lease runs out, then the next sweep.
    assert settings.OUTBOX_DISPATCH_LEASE_SECONDS + sweep["schedule"] < 120
    # A heartbeat renews the lease well before it runs out, even if one beat is late.
    assert settings.OUTBOX_HEARTBEAT_SECONDS * 2 < settings.OUTBOX_RUN_LEASE_SECONDS
