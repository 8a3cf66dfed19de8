"""Every staff member proves a second factor (a TOTP app) before any back-office page opens."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.devices import reset_two_factor
from cases.models import AuditEvent
from cases.roles import Role
from tests.accounts.otp import code_now, wait_out_throttle, wrong_code
from tests.factories import STAFF_PASSWORD, UserFactory, staff_user
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def sign_in_with_password(client, username: str):
    return client.post(
        "/admin/login/", {"username": username, "password": STAFF_PASSWORD}, follow=True
    )


def enrolled_officer(username="officer"):
    user = staff_user(role=Role.EQUITY_OFFICER, username=username)
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user, device


def test_a_new_officer_is_asked_to_set_up_an_authenticator_app_after_the_password(client):
    staff_user(role=Role.EQUITY_OFFICER, username="newofficer")

    page = sign_in_with_password(client, "newofficer")

    assert page.redirect_chain[-1][0].startswith("/admin/2fa/set-up/")
    assert b"Set up two-factor sign-in" in page.content
    device = TOTPDevice.objects.get(user__username="newofficer")
    assert not device.confirmed
    secret_shown = page.context["secret_groups"]
    assert "".join(secret_shown)  # the key for typing by hand
    assert page["Cache-Control"].count("no-store") == 1

    qr = client.get("/admin/2fa/set-up/qr-code.svg")
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content


def test_the_officer_confirms_the_app_with_a_code_and_reaches_the_dashboard(client):
    user = staff_user(role=Role.EQUITY_OFFICER, username="newofficer")
    sign_in_with_password(client, "newofficer")
    device = TOTPDevice.objects.get(user=user)

    page = client.post("/admin/2fa/set-up/", {"code": code_now(device)}, follow=True)

    assert page.redirect_chain[-1][0] == "/admin/"
    assert page.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="staff.two_factor_enrolled", actor=user).exists()
    assert client.get("/admin/").status_code == 200


def test_a_wrong_enrolment_code_is_explained_and_the_app_is_not_turned_on(client):
    user = staff_user(role=Role.EQUITY_OFFICER, username="newofficer")
    sign_in_with_password(client, "newofficer")
    device = TOTPDevice.objects.get(user=user)

    page = client.post("/admin/2fa/set-up/", {"code": wrong_code(device)})

    assert page.status_code == 200
    assert "That code did not match" in page.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("typed", ["", "abc", "12345", "1234567", "１２３４５６", "x" * 500])
def test_malformed_codes_get_a_clear_message_not_a_server_error(client, typed):
    enrolled_officer()
    sign_in_with_password(client, "officer")

    page = client.post("/admin/2fa/", {"code": typed})

    assert page.status_code == 200
    assert page.context["form"].errors["code"]
    assert page.context["form"]["code"].value() == typed


def test_an_enrolled_officer_enters_a_code_and_goes_where_they_were_heading(client):
    _, device = enrolled_officer()
    sign_in_with_password(client, "officer")

    blocked = client.get("/admin/pages/")
    assert blocked.status_code == 302
    assert blocked["Location"] == "/admin/2fa/?next=%2Fadmin%2Fpages%2F"

    done = client.post("/admin/2fa/", {"code": code_now(device), "next": "/admin/pages/"})
    assert done.status_code == 302
    assert done["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_codes_with_spaces_as_apps_show_them_are_accepted(client):
    _, device = enrolled_officer()
    sign_in_with_password(client, "officer")
    code = code_now(device)

    done = client.post("/admin/2fa/", {"code": f"{code[:3]} {code[3:]}"})

    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_send_the_officer_to_another_site(client):
    _, device = enrolled_officer()
    sign_in_with_password(client, "officer")

    done = client.post("/admin/2fa/", {"code": code_now(device), "next": "https://evil.example/"})

    assert done["Location"] == "/admin/"


def test_after_a_wrong_code_the_next_try_must_wait(client):
    _, device = enrolled_officer()
    sign_in_with_password(client, "officer")
    client.post("/admin/2fa/", {"code": wrong_code(device)})

    too_soon = client.post("/admin/2fa/", {"code": code_now(device)})

    assert "Too many wrong codes. Wait" in too_soon.content.decode()
    assert client.get("/admin/").status_code == 302

    wait_out_throttle(device)
    assert client.post("/admin/2fa/", {"code": code_now(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_wrong_codes_sign_the_session_out(client, settings):
    user, device = enrolled_officer()
    sign_in_with_password(client, "officer")

    for _ in range(settings.STAFF_2FA_MAX_ATTEMPTS_PER_SESSION - 1):
        wait_out_throttle(device)
        page = client.post("/admin/2fa/", {"code": wrong_code(device)})
        assert page.status_code == 200
    wait_out_throttle(device)
    last = client.post("/admin/2fa/", {"code": wrong_code(device)}, follow=True)

    assert last.redirect_chain[-1][0] == "/admin/login/"
    assert "Too many wrong codes. Sign in again" in last.content.decode()
    assert not last.wsgi_request.user.is_authenticated
    assert AuditEvent.objects.filter(
        action="staff.two_factor_failed_repeatedly", actor=user
    ).exists()


@pytest.mark.parametrize("role", list(Role))
def test_every_staff_role_needs_the_second_factor(client, role):
    staff_user(role=role, username="member")
    sign_in_with_password(client, "member")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/")


def test_a_signed_in_user_without_a_role_is_still_refused_by_the_back_office(client):
    UserFactory(username="visitor")
    sign_in_with_password(client, "visitor")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_test_helper_signs_staff_in_with_both_factors(client):
    user = staff_user(role=Role.TITLE_IX_COORDINATOR)
    login_staff(client, user)
    assert client.get("/admin/").status_code == 200


def test_the_qr_code_is_only_for_the_person_enrolling(client):
    assert client.get("/admin/2fa/set-up/qr-code.svg").status_code == 404
    enrolled_officer()
    sign_in_with_password(client, "officer")
    assert client.get("/admin/2fa/set-up/qr-code.svg").status_code == 404


def test_an_enrolled_officer_cannot_replace_their_app_without_the_current_code(client):
    enrolled_officer()
    sign_in_with_password(client, "officer")

    response = client.get("/admin/2fa/set-up/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/")
    assert TOTPDevice.objects.filter(user__username="officer").count() == 1


def test_after_an_administrator_resets_a_lost_phone_the_officer_enrols_again(client):
    user, _ = enrolled_officer()

    reset_two_factor(user=user)
    page = sign_in_with_password(client, "officer")

    assert page.redirect_chain[-1][0].startswith("/admin/2fa/set-up/")
    assert AuditEvent.objects.filter(action="staff.two_factor_reset").exists()


def test_anonymous_visitors_of_the_code_page_are_sent_to_sign_in(client):
    response = client.get("/admin/2fa/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_administrator_resets_a_lost_phone_from_the_command_line(client):
    from io import StringIO

    from django.core.management import CommandError, call_command

    enrolled_officer()
    out = StringIO()

    call_command("reset_staff_two_factor", "officer", stdout=out)

    assert "Removed 1 device(s)" in out.getvalue()
    assert not TOTPDevice.objects.filter(user__username="officer").exists()
    with pytest.raises(CommandError, match="No user named"):
        call_command("reset_staff_two_factor", "ghost", stdout=out)
