"""A reporter who checks their report leaves no timeline on the server: no session row holds
the report id or when they looked, and expired session rows are purged on schedule (F6)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from reporting.tasks import purge_expired_drafts
from tests.factories import submit_report
from tests.reporting.portal import check_receipt

pytestmark = pytest.mark.django_db


def test_checking_a_report_writes_no_session_row_and_no_readable_report_id(client):
    intake = submit_report()
    check_receipt(client, intake.receipt)
    client.post("/report/status/", {"action": "reply", "body": "Still happening."})
    page = client.get("/report/status/").content.decode()

    assert "Still happening." in page  # signed in throughout
    assert Session.objects.count() == 0
    cookie = client.cookies["reporter"]
    assert str(intake.report.pk) not in cookie.value
    assert not cookie["max-age"]
    assert not cookie["expires"]


def test_leaving_ends_access_at_once(client):
    intake = submit_report()
    check_receipt(client, intake.receipt)
    client.post("/report/status/", {"action": "leave"})
    page = client.get("/report/status/").content.decode()
    assert "Your receipt code" in page  # the receipt form again
    assert Session.objects.count() == 0


def test_a_copied_cookie_stops_working_after_twenty_minutes(client, settings):
    intake = submit_report()
    settings.REPORTING_STATUS_SESSION_SECONDS = -1
    check_receipt(client, intake.receipt)
    page = client.get("/report/status/").content.decode()
    assert "Your receipt code" in page


def test_a_forged_cookie_opens_nothing(client):
    intake = submit_report()
    client.cookies["reporter"] = str(intake.report.pk)
    page = client.get("/report/status/").content.decode()
    assert "Your receipt code" in page


def test_expired_session_rows_are_purged_by_the_periodic_task():
    expired, live = SessionStore(), SessionStore()
    expired["staff_last_activity"] = 1
    live["staff_last_activity"] = 2
    expired.create()
    live.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )

    result = purge_expired_drafts.delay().get()

    assert result["sessions"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_the_csrf_cookie_ends_with_the_browser_session():
    assert settings.CSRF_COOKIE_AGE is None
