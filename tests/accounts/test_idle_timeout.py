"""A back-office session left alone ends by itself, so an unattended screen shows no case."""

import time

import pytest

from accounts.middleware import LAST_ACTIVITY_SESSION_KEY
from cases.models import AuditEvent
from cases.roles import Role
from tests.factories import staff_user
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_SESSION_KEY] = int(time.time()) - seconds
    session.save()


@pytest.fixture
def officer(client):
    user = staff_user(role=Role.EQUITY_OFFICER)
    login_staff(client, user)
    return user


def test_an_officer_away_longer_than_the_timeout_is_signed_out_with_an_explanation(
    client, officer, settings
):
    idle_for(client, settings.STAFF_IDLE_TIMEOUT_SECONDS + 1)

    response = client.get("/admin/pages/", follow=True)

    assert response.redirect_chain[0][0] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
    assert "signed out after 15 minutes without activity" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert client.get("/admin/").status_code == 302
    assert AuditEvent.objects.filter(action="staff.signed_out_idle", actor=officer).exists()


def test_an_officer_who_keeps_working_stays_signed_in(client, officer, settings):
    idle_for(client, settings.STAFF_IDLE_TIMEOUT_SECONDS - 5)

    assert client.get("/admin/").status_code == 200

    refreshed = client.session[LAST_ACTIVITY_SESSION_KEY]
    assert refreshed >= int(time.time()) - 2
    assert client.get("/admin/").status_code == 200


def test_the_timeout_is_configurable(client, officer, settings):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 120
    idle_for(client, 121)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_signing_in_again_after_a_timeout_needs_both_factors(client, officer, settings):
    idle_for(client, settings.STAFF_IDLE_TIMEOUT_SECONDS + 1)
    client.get("/admin/")

    client.force_login(officer)  # the password again, but no code yet
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/")
