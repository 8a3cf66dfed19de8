"""Coming back with a receipt: rate limited per code and site-wide, never a lockout."""

import pytest

from reporting import throttle
from reporting.models import RateCounter
from tests.factories import submit_report
from tests.reporting.portal import POW_BITS_RE, check_receipt, status_token

pytestmark = pytest.mark.django_db


def test_a_receipt_typed_with_dashes_opens_the_report(client):
    receipt = submit_report().receipt
    typed = "-".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))
    assert check_receipt(client, typed).status_code == 302
    assert "Received" in client.get("/report/status/").content.decode()


def test_a_wrong_code_gets_a_clear_message_and_stays_in_the_box(client):
    response = check_receipt(client, "1234 5678 9012 3456")
    page = response.content.decode()
    assert "No report has this code." in page
    assert 'value="1234 5678 9012 3456"' in page


def test_a_code_that_is_not_20_or_16_digits_is_explained(client):
    page = check_receipt(client, "12345").content.decode()
    assert "A receipt code has exactly 20 digits (older codes have 16)." in page


def test_one_code_tried_too_often_is_paused(client, settings):
    settings.REPORTING_ATTEMPTS_PER_RECEIPT = 3
    for _ in range(3):
        check_receipt(client, "1111 2222 3333 4444")
    page = check_receipt(client, "1111 2222 3333 4444").content.decode()
    assert "This code has been tried too many times." in page


def test_an_attacker_guessing_codes_cannot_lock_out_the_real_reporter(client, settings):
    settings.REPORTING_ATTEMPTS_PER_RECEIPT = 2
    receipt = submit_report().receipt
    for guess in range(30):
        check_receipt(client, f"{guess:016d}")
    assert check_receipt(client, receipt).status_code == 302


def test_many_failures_site_wide_make_every_check_cost_more_work_not_a_lockout(client, settings):
    settings.REPORTING_POW_FREE_FAILURES = 1
    receipt = submit_report().receipt
    base = int(POW_BITS_RE.search(client.get("/report/status/").content.decode()).group(1))
    for _ in range(2):
        throttle.record_receipt_failure()

    page = client.get("/report/status/").content.decode()

    assert f'data-pow="{base + 1}"' in page
    assert check_receipt(client, receipt).status_code == 302


def test_a_used_form_token_cannot_be_replayed(client):
    token = status_token(client)
    client.post("/report/status/", {"receipt": "1234567890123456", "token": token})
    page = client.post(
        "/report/status/", {"receipt": "1234567890123457", "token": token}
    ).content.decode()
    assert "This page was already used." in page


def test_rate_counters_hold_no_receipt_and_no_address(client):
    receipt = submit_report().receipt
    check_receipt(client, receipt)
    keys = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert receipt not in keys
    assert "127.0.0.1" not in keys


def test_the_session_ends_after_twenty_minutes_and_a_typed_reply_survives(client, settings):
    receipt = submit_report().receipt
    settings.REPORTING_STATUS_SESSION_SECONDS = -1  # the 20 minutes have passed at once
    check_receipt(client, receipt)
    page = client.post("/report/status/", {"action": "reply", "body": "My long answer"})
    page = page.content.decode()
    assert "signed out after 20 minutes" in page
    assert "My long answer" in page
    response = client.post(
        "/report/status/",
        {"receipt": receipt, "token": status_token(client), "pending_reply": "My long answer"},
    )
    assert "My long answer</textarea>" in response.content.decode()


def test_a_reply_quoting_the_receipt_is_refused_and_kept(client):
    receipt = submit_report().receipt
    check_receipt(client, receipt)
    body = f"my code is {receipt}"
    page = client.post("/report/status/", {"action": "reply", "body": body}).content.decode()
    assert "Your message contains your receipt code." in page
    assert body in page


def test_a_reporter_sees_only_their_own_report(client):
    mine, other = submit_report(), submit_report(narrative="Someone else's private story")
    check_receipt(client, mine.receipt)
    page = client.get("/report/status/").content.decode()
    assert "Someone else" not in page
    assert other.case.number not in page
    assert mine.case.number not in page
