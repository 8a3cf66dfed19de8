"""The background jobs screen: administrators find failed work and send it again."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from cases.models import AuditEvent
from cases.roles import Role
from cases.topics import STAFF_EMAIL
from jobs.models import OutboxMessage, OutboxStatus
from tests.factories import DistrictFactory, SchoolFactory, UserFactory, staff_user, submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _failed_job(district, **extra):
    return OutboxMessage.objects.create(
        topic=STAFF_EMAIL.code,
        payload={"kind": "new_report", "case": "x", "user": 1, "district": district.pk},
        status=OutboxStatus.FAILED,
        attempts=8,
        last_error="SMTPServerDisconnected",
        **extra,
    )


@pytest.fixture
def district():
    return DistrictFactory()


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def test_a_superuser_sees_a_failed_job_and_retries_it(client, superuser, district, mailoutbox):
    job = _failed_job(district)
    login_staff(client, superuser)

    page = client.get(reverse("jobs_admin:index"))
    assert page.status_code == 200
    assert "SMTPServerDisconnected" in page.content.decode()

    response = client.post(reverse("jobs_admin:retry", args=[job.pk]), {"status": "failed"})

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == OutboxStatus.PENDING
    assert job.attempts == 0
    assert AuditEvent.objects.filter(action="outbox.retried", target_id=str(job.pk)).exists()


def test_a_district_administrator_sees_only_their_districts_jobs(client, district):
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district)
    own = _failed_job(district)
    other = _failed_job(DistrictFactory())
    login_staff(client, admin)

    page = client.get(reverse("jobs_admin:index")).content.decode()

    assert re.search(rf"#{own.pk}\s*<", page)
    assert not re.search(rf"#{other.pk}\s*<", page)
    assert client.post(reverse("jobs_admin:retry", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == OutboxStatus.FAILED


def test_officers_cannot_see_or_retry_jobs(client, district):
    officer = staff_user(district=district)
    job = _failed_job(district)
    login_staff(client, officer)

    assert client.get(reverse("jobs_admin:index")).status_code == 404
    assert client.post(reverse("jobs_admin:retry", args=[job.pk])).status_code == 404


def test_a_bad_filter_is_explained_not_a_server_error(client, superuser, district):
    _failed_job(district)
    login_staff(client, superuser)

    # The old ?page= is redirected to Wagtail's ?p=, then both bad values are survived.
    response = client.get(
        reverse("jobs_admin:index"), {"status": "exploded", "page": "x"}, follow=True
    )

    assert response.status_code == 200
    assert "Choose one of the listed statuses." in response.content.decode()


def _queries_for_job_list(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("jobs_admin:index"), {"status": "all"})
    assert response.status_code == 200
    return len(queries)


def test_the_job_list_runs_the_same_number_of_queries_for_10_and_100_jobs(
    client, superuser, district
):
    login_staff(client, superuser)
    for _ in range(10):
        _failed_job(district)
    client.get(reverse("jobs_admin:index"))  # warm per-session caches
    with_10 = _queries_for_job_list(client)
    for _ in range(90):
        _failed_job(district)

    assert _queries_for_job_list(client) == with_10


def test_the_jobs_a_new_report_causes_show_their_day_not_the_time_it_arrived(client, district):
    """The new-report notice waits a jittered delay so that its time says nothing; the jobs
    screen must not say it instead."""
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district)
    submit_report(school=SchoolFactory(district=district))
    login_staff(client, admin)

    page = client.get(reverse("jobs_admin:index"), {"status": "all"}).content.decode()

    assert page.count("<tr>") > 1  # the report's jobs are listed
    assert date_format(timezone.localdate(), "SHORT_DATE_FORMAT") in page
    assert not re.search(r"\b\d{1,2}:\d{2}\b|\b\d{1,2} ?[ap]\.m\.|\bmidnight\b|\bnoon\b", page)


def test_the_jobs_list_keeps_its_address_and_runs_the_same_queries_for_10_or_100_rows(
    client, district
):
    """The results (what the filter drawer and page links reload) take at most 15 queries;
    the whole page adds the admin menu's, as many for 10 rows as for 100."""
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district)
    login_staff(client, admin)
    for _ in range(10):
        _failed_job(district)
    assert reverse("jobs_admin:index") == "/admin/background-jobs/"
    client.get(reverse("jobs_admin:index"))  # warm per-session caches

    def queries(per_page, name="jobs_admin:index"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(name), {"per_page": per_page})
        assert response.content.decode().count("Retry now") == per_page
        return len(captured)

    with_10 = queries(10)
    results_10 = queries(10, "jobs_admin:index_results")
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                topic=STAFF_EMAIL.code,
                payload={"district": district.pk},
                status=OutboxStatus.FAILED,
                last_error="SMTPServerDisconnected",
            )
            for _ in range(90)
        ]
    )

    assert queries(100) == with_10
    assert queries(100, "jobs_admin:index_results") == results_10
    assert results_10 <= 15


def test_the_filter_drawer_shows_failed_jobs_unless_another_status_is_chosen(
    client, superuser, district
):
    failed = _failed_job(district)
    done = OutboxMessage.objects.create(
        topic=STAFF_EMAIL.code, payload={"district": district.pk}, status=OutboxStatus.DONE
    )
    login_staff(client, superuser)

    default = client.get(reverse("jobs_admin:index")).content.decode()
    only_done = client.get(reverse("jobs_admin:index"), {"status": "done"}).content.decode()
    everything = client.get(reverse("jobs_admin:index"), {"status": "all"}).content.decode()

    assert re.search(rf"#{failed.pk}\s*<", default)
    assert not re.search(rf"#{done.pk}\s*<", default)
    assert re.search(rf"#{done.pk}\s*<", only_done)
    assert not re.search(rf"#{failed.pk}\s*<", only_done)
    assert "Retry now" not in only_done  # a job that has run is not offered again
    assert re.search(rf"#{failed.pk}\s*<", everything)
    assert re.search(rf"#{done.pk}\s*<", everything)


def test_retry_asks_first_then_runs_the_job_again_and_returns_to_the_same_filter(
    client, superuser, district
):
    job = _failed_job(district)
    login_staff(client, superuser)
    retry = reverse("jobs_admin:retry", args=[job.pk])

    confirm = client.get(retry, {"status": "all"})
    job.refresh_from_db()
    assert confirm.status_code == 200
    assert "Yes, retry it now" in confirm.content.decode()
    assert job.status == OutboxStatus.FAILED  # asking changes nothing

    response = client.post(retry, {"status": "all"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('jobs_admin:index')}?status=all"
    job.refresh_from_db()
    assert job.status == OutboxStatus.PENDING
    assert AuditEvent.objects.filter(action="outbox.retried", target_id=str(job.pk)).count() == 1


def test_another_districts_job_is_not_found_on_the_retry_page(client, district):
    admin = staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=district)
    other = _failed_job(DistrictFactory())
    login_staff(client, admin)

    assert client.get(reverse("jobs_admin:retry", args=[other.pk])).status_code == 404
    assert client.get(reverse("jobs_admin:index_results")).status_code == 200
