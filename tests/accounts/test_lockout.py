"""Repeated wrong passwords pause sign-in for that username, and nothing about the device
that tried (IP address, browser) is kept."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

from cases.models import AuditEvent
from cases.roles import Role
from tests.factories import STAFF_PASSWORD, staff_user

pytestmark = pytest.mark.django_db

DEVICE = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "TellTaleBrowser/9.9"}


def attempt(client, username, password):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **DEVICE
    )


def fail_until_locked(client, username, settings):
    responses = [
        attempt(client, username, "wrong guess") for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    return responses[-1]


def test_five_wrong_passwords_pause_sign_in_with_a_clear_message(client, settings):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")

    first = attempt(client, "officer", "wrong guess")
    assert first.status_code == 200  # the normal "wrong password" form
    locked = fail_until_locked(client, "officer", settings)

    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in paused" in text
    assert "Try again in 15 minutes" in text
    assert "officer" not in text


def test_the_right_password_is_refused_while_the_account_is_paused(client, settings):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")
    fail_until_locked(client, "officer", settings)

    response = attempt(client, "officer", STAFF_PASSWORD)

    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated


def test_sign_in_works_again_after_the_cool_off(client, settings):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")
    fail_until_locked(client, "officer", settings)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = attempt(client, "officer", STAFF_PASSWORD)

    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_the_lock_is_per_username_so_a_colleague_on_the_same_network_still_signs_in(
    client, settings
):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")
    staff_user(role=Role.EQUITY_OFFICER, username="colleague")
    fail_until_locked(client, "officer", settings)

    response = attempt(client, "colleague", STAFF_PASSWORD)

    assert response.status_code == 302


def test_a_successful_sign_in_clears_earlier_mistakes(client, settings):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "officer", "wrong guess")
    assert attempt(client, "officer", STAFF_PASSWORD).status_code == 302
    client.logout()

    assert attempt(client, "officer", "one more typo").status_code == 200


def test_no_ip_address_browser_or_form_secret_is_stored(client, settings):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")
    fail_until_locked(client, "officer", settings)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    attempt(client, "officer", STAFF_PASSWORD)

    for row in AccessAttempt.objects.all():
        assert row.ip_address is None
        assert row.user_agent == ""
        assert row.http_accept == ""
        assert row.username == "officer"  # the lock's key, and nothing else about the request
        assert "wrong guess" not in row.post_data
        assert "TellTale" not in row.post_data + row.get_data
    assert not AccessLog.objects.exists()
    assert not AccessFailureLog.objects.exists()


def test_lockout_logs_name_neither_the_device_nor_the_username(client, settings, caplog):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")
    with caplog.at_level(logging.DEBUG):
        fail_until_locked(client, "officer", settings)

    logged = caplog.text
    assert "203.0.113.77" not in logged
    assert "TellTaleBrowser" not in logged
    assert '"officer"' not in logged


def test_a_lockout_of_a_real_account_is_in_the_audit_trail(client, settings):
    user = staff_user(role=Role.EQUITY_OFFICER, username="officer")
    fail_until_locked(client, "officer", settings)
    attempt(client, "officer", "still guessing")

    events = AuditEvent.objects.filter(action="staff.locked_out")
    assert events.count() == 1
    assert events.get().target_id == str(user.pk)


def test_guessing_a_username_that_does_not_exist_looks_the_same_and_audits_nothing(
    client, settings
):
    locked = fail_until_locked(client, "nobody-here", settings)

    assert locked.status_code == 429
    assert not AuditEvent.objects.filter(action="staff.locked_out").exists()
