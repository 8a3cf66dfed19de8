"""A real Celery worker on the local Redis runs a report's work end to end, retry included.

Started here as a subprocess against this test's database (a file on SQLite, the test
database on PostgreSQL). `.ci/run` starts Redis when it is down.
"""

import shutil
import time

import pytest

from cases.topics import REPORT_SUBMITTED, STAFF_EMAIL
from jobs.models import OutboxMessage, OutboxStatus
from jobs.tasks import sweep_outbox
from tests.factories import SchoolFactory, staff_user, submit_report
from tests.jobs.broker import (
    TEST_REDIS_URL,
    celery_broker,
    closed_port_url,
    empty_test_queue,
    redis_is_up,
    start_worker,
    stop_worker,
    worker_env,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TIMEOUT = 40


@pytest.fixture
def worker(tmp_path):
    if not redis_is_up():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379 (.ci/run starts it)")
    empty_test_queue()
    mail_path = tmp_path / "mail"
    log = tmp_path / "worker.log"
    process = start_worker(env=worker_env(EQUITY_WORKER_MAIL_DIR=str(mail_path)), log=log)
    try:
        yield mail_path
    finally:
        stop_worker(process)
        print(log.read_text()[-4000:])


def _wait_for(condition, what: str):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def test_a_report_made_while_redis_was_down_is_notified_by_the_worker_after_a_retry(worker):
    mail_path = worker
    school = SchoolFactory()
    officer = staff_user(school=school)
    mail_path.write_text("not a folder yet: the first email attempt fails")

    with celery_broker(closed_port_url()):
        result = submit_report(school=school)
    announce = OutboxMessage.objects.get(topic=REPORT_SUBMITTED.code)
    assert announce.status == OutboxStatus.PENDING

    with celery_broker(TEST_REDIS_URL):
        # The announcement, the search-index update, the recount, the routing schedule, the
        # similar-report grouping.
        assert sweep_outbox() == 5

    _wait_for(
        lambda: OutboxMessage.objects.filter(pk=announce.pk, status=OutboxStatus.DONE).exists(),
        "the worker to fan the report out",
    )
    email_job = _wait_for(
        lambda: (
            OutboxMessage.objects.filter(topic=STAFF_EMAIL.code, attempts__gte=1)
            .exclude(last_error="")
            .first()
        ),
        "the first email attempt to fail",
    )
    assert email_job.status == OutboxStatus.PENDING

    mail_path.unlink()
    mail_path.mkdir()  # the fault is fixed; the worker's retry must now succeed
    _wait_for(
        lambda: OutboxMessage.objects.filter(pk=email_job.pk, status=OutboxStatus.DONE).exists(),
        "the retried email to be sent",
    )
    email_job.refresh_from_db()
    assert email_job.attempts >= 2
    sent = "".join(path.read_text() for path in mail_path.iterdir())
    assert officer.email in sent
    assert result.case.number in sent
    shutil.rmtree(mail_path)
