"""Signing staff in through the real screens: password, then an authenticator app enrolled on
the spot, its code computed from the setup key the page shows; and inviting staff by e-mail,
the invitee opening the link, choosing a password and enrolling."""

from base64 import b32decode

from django_otp.oath import totp
from playwright.sync_api import expect

from tests.accounts.invitations import link_in_last_email, path_of
from tests.e2e.helpers import check_page
from tests.factories import STAFF_PASSWORD


def code_from_setup_key(page) -> str:
    key = page.locator("code[aria-label]").inner_text().replace(" ", "").strip()
    padded = key + "=" * (-len(key) % 8)
    return f"{totp(b32decode(padded)):06d}"


def enrol_two_factor(page) -> None:
    """On the set-up screen of a first sign-in: type the code of the key shown, as an app would."""
    page.wait_for_url("**/admin/2fa/set-up/**")
    check_page(page, "enrol-two-factor")
    code = page.locator("#id_code")
    code.fill(code_from_setup_key(page))
    with page.expect_navigation():
        code.press("Enter")
    expect(page.get_by_text("Two-factor authentication is on for your account.")).to_be_visible()
    check_page(page, "back-office")


def sign_in_with_two_factor(page, user, next_path: str) -> None:
    """Sign `user` in (first sign-in: enrolment) and land on `next_path`."""
    user.set_password(STAFF_PASSWORD)
    user.save()
    page.goto(next_path)
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(STAFF_PASSWORD)
    check_page(page, "login")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/2fa/set-up/**")
    check_page(page, "enrol-two-factor")
    code = page.locator("#id_code")
    code.fill(code_from_setup_key(page))
    with page.expect_navigation():
        code.press("Enter")
    page.wait_for_url(f"**{next_path}")  # where the officer was going before signing in
    expect(page.get_by_text("Two-factor authentication is on for your account.")).to_be_visible()


def invite(
    page,
    *,
    email: str,
    first_name: str,
    last_name: str,
    username: str,
    role: str,
    district: str | None = None,
    school: str | None = None,
) -> None:
    """Fill and send "Invite a person" as the signed-in administrator. `role` is the label of
    the role's box; `district` and `school` the labels to pick when there is a choice."""
    page.goto("/admin/staff-invitations/new/")
    page.locator("#id_email").fill(email)
    page.locator("#id_first_name").fill(first_name)
    page.locator("#id_last_name").fill(last_name)
    page.locator("#id_username").fill(username)
    if district is not None:
        page.locator("#id_district").select_option(label=district)
    if school is not None:
        page.locator("#id_school").select_option(label=school)
    page.get_by_label(role, exact=True).check()
    check_page(page, f"invite-{username}")
    with page.expect_navigation():
        page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text(f"An invitation is on its way to {first_name} {last_name}")
    ).to_be_visible()
    check_page(page, f"invited-{username}")


def open_invitation(page, email: str, username: str) -> None:
    """The invitee opens the link of the last e-mail sent to `email`: the password screen."""
    page.goto(path_of(link_in_last_email(email)))
    expect(page.get_by_text(username)).to_be_visible()
    assert "token" not in page.url
    check_page(page, "choose-password")


def set_password(page, password: str) -> None:
    page.locator("#id_new_password1").fill(password)
    page.locator("#id_new_password2").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Set my password").click()


def sign_in_first_time(page, username: str, password: str) -> None:
    """After "Your password is set.": sign in on the screen shown, then pair an app."""
    check_page(page, "sign-in")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").first.click()
    enrol_two_factor(page)


def accept_invitation(page, *, email: str, username: str, password: str) -> None:
    """The whole answer to an invitation: link, password, sign-in, authenticator app."""
    open_invitation(page, email, username)
    set_password(page, password)
    expect(page.get_by_text("Your password is set.")).to_be_visible()
    sign_in_first_time(page, username, password)
