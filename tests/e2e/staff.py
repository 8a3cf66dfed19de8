"""Signing staff in through the real screens: password, then an authenticator app enrolled on
the spot, its code computed from the setup key the page shows."""

from base64 import b32decode

from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import STAFF_PASSWORD


def code_from_setup_key(page) -> str:
    key = page.locator("code[aria-label]").inner_text().replace(" ", "").strip()
    padded = key + "=" * (-len(key) % 8)
    return f"{totp(b32decode(padded)):06d}"


def sign_in_with_two_factor(page, user, next_path: str) -> None:
    """Sign `user` in (first sign-in: enrolment) and land on `next_path`."""
    user.set_password(STAFF_PASSWORD)
    user.save()
    page.goto(next_path)
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.shots("login")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/2fa/set-up/**")
    page.shots("enrol-two-factor")
    code = page.locator("#id_code")
    code.fill(code_from_setup_key(page))
    with page.expect_navigation():
        code.press("Enter")
    page.wait_for_url(f"**{next_path}")  # where the officer was going before signing in
    expect(page.get_by_text("Two-factor authentication is on for your account.")).to_be_visible()
