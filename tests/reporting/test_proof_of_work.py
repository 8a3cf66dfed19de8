"""Abuse limits one client cannot exhaust (issue 17, F1 and F2): every draft and every receipt
check costs the client proof of work, or without JavaScript a short wait, and nothing about
the client is stored."""

import time

import pytest
from django.core import signing

from cases.models import Report
from reporting import pow, throttle
from reporting.drafts import start_draft
from reporting.models import ReportDraft
from tests.factories import submit_report
from tests.reporting.portal import (
    DRAFT_RE,
    POW_BITS_RE,
    STATUS_TOKEN_RE,
    Reporter,
    check_receipt,
    solved,
    start_report,
)

pytestmark = pytest.mark.django_db


def _challenge(purpose=pow.Purpose.CHECK) -> pow.Challenge:
    return pow.issue(purpose)


def test_a_valid_solution_is_accepted_once():
    challenge = _challenge()
    work = pow.solve(challenge.token, challenge.bits)

    first = pow.verify(purpose=pow.Purpose.CHECK, token=challenge.token, work=work)
    again = pow.verify(purpose=pow.Purpose.CHECK, token=challenge.token, work=work)

    assert first.verdict is pow.Verdict.ACCEPTED
    assert again.verdict is pow.Verdict.USED


def test_a_wrong_solution_is_refused():
    challenge = _challenge()
    work = pow.solve(challenge.token, challenge.bits)
    wrong = next(
        str(n)
        for n in range(int(work) + 1, int(work) + 100_000)
        if not pow.work_is_valid(challenge.token, str(n), challenge.bits)
    )

    check = pow.verify(purpose=pow.Purpose.CHECK, token=challenge.token, work=wrong)

    assert check.verdict is pow.Verdict.WRONG_WORK


def test_a_challenge_for_a_draft_does_not_open_a_receipt_check():
    challenge = _challenge(pow.Purpose.DRAFT)
    work = pow.solve(challenge.token, challenge.bits)

    check = pow.verify(purpose=pow.Purpose.CHECK, token=challenge.token, work=work)

    assert check.verdict is pow.Verdict.EXPIRED


def test_a_forged_easier_challenge_is_refused():
    data = {"p": "check", "n": "forged", "t": int(time.time()), "b": 0}
    forged = signing.dumps(data, salt="another salt")

    check = pow.verify(purpose=pow.Purpose.CHECK, token=forged, work="0")

    assert check.verdict is pow.Verdict.EXPIRED


def test_difficulty_rises_one_bit_each_time_the_load_doubles(settings):
    settings.REPORTING_POW_FREE_DRAFTS = 4
    settings.REPORTING_POW_MAX_BITS = 30
    base = pow.difficulty(pow.Purpose.DRAFT)
    seen = []
    for _ in range(16):
        throttle.record_draft()
        seen.append(pow.difficulty(pow.Purpose.DRAFT))

    assert seen[:4] == [base] * 4  # the free level
    assert seen[4:8] == [base + 1] * 4  # 5 to 8 drafts
    assert seen[8:] == [base + 2] * 8  # 9 to 16 drafts: gradual, never a lockout
    throttle.record_draft()
    assert pow.issue(pow.Purpose.DRAFT).bits == base + 3


def test_difficulty_stops_at_a_ceiling_a_phone_can_still_reach(settings):
    settings.REPORTING_POW_FREE_FAILURES = 1
    for _ in range(5000):
        throttle.hit(throttle.GLOBAL_RECEIPT_FAILURES)

    assert pow.difficulty(pow.Purpose.CHECK) == settings.REPORTING_POW_MAX_BITS


# F1: tokens cannot be stockpiled


def test_a_status_token_used_twice_is_refused_even_with_valid_work(client):
    receipt = submit_report().receipt
    proof = solved(client.get("/report/status/").content.decode())
    client.post("/report/status/", {"receipt": "1111 2222 3333 4444 5555", **proof})

    page = client.post("/report/status/", {"receipt": receipt, **proof}).content.decode()

    assert "This page was already used." in page
    assert 'value="' + receipt + '"' in page  # what was typed is kept


def test_an_old_status_token_is_refused(client, monkeypatch):
    receipt = submit_report().receipt
    proof = solved(client.get("/report/status/").content.decode())
    later = time.time() + pow.LIFE_SECONDS + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)

    page = client.post("/report/status/", {"receipt": receipt, **proof}).content.decode()

    assert "This page had expired. Press Check again." in page
    assert Report.objects.count() == 1


def test_n_guesses_need_n_solved_challenges(client):
    page = client.get("/report/status/").content.decode()
    proofs = [solved(client.get("/report/status/").content.decode()) for _ in range(3)]
    unsolved = STATUS_TOKEN_RE.search(page).group(1)

    answers = [
        client.post("/report/status/", {"receipt": f"{n:020d}", **proof}).content.decode()
        for n, proof in enumerate(proofs)
    ]
    cheat = client.post(
        "/report/status/", {"receipt": f"{9:020d}", "token": unsolved, "work": "1"}
    ).content.decode()

    assert all("No report has this code." in answer for answer in answers)
    assert "did not finish correctly" in cheat


# F2: one client cannot close intake


def test_a_loop_of_starts_without_work_starts_nothing_while_a_solved_start_works(client):
    page = client.get("/report/").content.decode()
    token = STATUS_TOKEN_RE.search(page).group(1)
    for _ in range(50):
        client.post("/report/", {"nav": "start", "token": token, "work": "1"})
        client.post("/report/", {"nav": "start"})
    flood = ReportDraft.objects.count()

    response = start_report(client)

    assert flood <= 1  # at most the one start the token allowed if "1" happened to solve it
    assert DRAFT_RE.search(response.content.decode())
    assert ReportDraft.objects.count() == flood + 1


def test_a_flood_of_solved_drafts_raises_the_price_but_never_closes_intake(client, settings):
    settings.REPORTING_POW_FREE_DRAFTS = 2
    for _ in range(40):
        start_report(client)

    page = client.get("/report/").content.decode()
    reporter = Reporter(client)
    reporter.start()

    assert int(POW_BITS_RE.search(page).group(1)) > settings.REPORTING_POW_BITS
    assert reporter.draft
    assert ReportDraft.objects.count() == 41


# Without JavaScript: a short, server-enforced wait, and a budget for the whole site


def test_without_javascript_the_start_page_must_be_open_a_few_seconds(client, settings):
    settings.REPORTING_NOJS_WAIT_SECONDS = 5
    page = client.get("/report/").content.decode()
    token = STATUS_TOKEN_RE.search(page).group(1)

    too_soon = client.post("/report/", {"nav": "start", "token": token}).content.decode()
    settings.REPORTING_NOJS_WAIT_SECONDS = 0  # as if the seconds had passed
    later = client.post("/report/", {"nav": "start", "token": token}).content.decode()

    assert "Without JavaScript, this page must be open a little while" in too_soon
    assert token in too_soon  # the same challenge: its age keeps counting
    assert ReportDraft.objects.count() == 1
    assert DRAFT_RE.search(later)


def test_without_javascript_a_receipt_check_waits_and_keeps_the_code(client, settings):
    settings.REPORTING_NOJS_WAIT_SECONDS = 5
    receipt = submit_report().receipt
    token = STATUS_TOKEN_RE.search(client.get("/report/status/").content.decode()).group(1)

    page = client.post("/report/status/", {"receipt": receipt, "token": token}).content.decode()
    settings.REPORTING_NOJS_WAIT_SECONDS = 0
    opened = client.post("/report/status/", {"receipt": receipt, "token": token})

    assert "Wait 5 seconds, then press Check again." in page
    assert f'value="{receipt}"' in page
    assert opened.status_code == 302


def test_without_javascript_the_wait_grows_with_use_then_a_budget_applies(client, settings):
    settings.REPORTING_NOJS_WAIT_SECONDS = 1
    settings.REPORTING_NOJS_FREE = 2
    settings.REPORTING_NOJS_PER_WINDOW = 3
    waits = []
    for _ in range(3):
        challenge = pow.issue(pow.Purpose.DRAFT)
        waits.append(challenge.wait_seconds)
        settings.REPORTING_NOJS_WAIT_SECONDS = 0
        pow.verify(purpose=pow.Purpose.DRAFT, token=challenge.token, work="")
        settings.REPORTING_NOJS_WAIT_SECONDS = 1
    fourth = pow.issue(pow.Purpose.DRAFT)
    settings.REPORTING_NOJS_WAIT_SECONDS = 0
    over = pow.verify(purpose=pow.Purpose.DRAFT, token=fourth.token, work="")
    page = start_report(client).content.decode()

    assert waits == [1, 1, 1]
    assert fourth.wait_seconds == 2
    assert over.verdict is pow.Verdict.BUSY
    assert DRAFT_RE.search(page)  # with JavaScript, intake stays open


def test_the_limits_store_nothing_about_the_client(client):
    start_report(client, prefix="")
    check_receipt(client, "1111 2222 3333 4444 5555")
    start_draft()

    keys = " ".join(throttle.RateCounter.objects.values_list("key", flat=True))

    assert "127.0.0.1" not in keys
    assert "1111" not in keys
