"""A reporter presses Send twice, or a phone resends the form, or reloads the receipt page:
one report is filed, the code is shown once, and every page after that says the report was
sent. Never "Nothing was sent" for a sent report."""

import pytest

from cases.models import Case, Report
from reporting.models import ReportDraft
from reporting.tasks import purge_expired_drafts
from tests.reporting.portal import RECEIPT_RE, Reporter, good_answers

pytestmark = pytest.mark.django_db

SENT = "Your report was sent"
NOT_SHOWN_TWICE = "is not shown twice"


def _ready(client) -> Reporter:
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(good_answers())
    return reporter


def test_send_pressed_twice_files_one_report_and_the_second_lands_on_sent(client):
    reporter = _ready(client)
    first = reporter.post("review", nav="submit", website="")
    second = reporter.post("review", nav="submit", website="")

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == "/report/sent/"
    assert Report.objects.count() == 1
    assert Case.objects.count() == 1
    page = client.get("/report/sent/").content.decode()
    assert SENT in page
    assert RECEIPT_RE.search(page)  # shown once, to whichever Send the browser followed


def test_the_receipt_url_never_carries_the_code(client):
    reporter = _ready(client)
    response = reporter.post("review", nav="submit", website="")
    receipt = RECEIPT_RE.search(client.get(response["Location"]).content.decode()).group(1)
    assert receipt.replace(" ", "") not in response["Location"].replace(" ", "")
    assert receipt.split(" ")[0] not in response["Location"]


def test_reloading_the_receipt_page_says_sent_and_does_not_show_the_code_again(client):
    reporter = _ready(client)
    reporter.submit()
    receipt = reporter.receipt()

    reload = client.get("/report/sent/").content.decode()

    assert SENT in reload
    assert NOT_SHOWN_TWICE in reload
    assert "Check my report" in reload
    assert receipt not in reload
    assert "Nothing was sent" not in reload
    assert "unfinished report was deleted" not in reload


def test_sending_again_from_an_old_tab_after_the_hand_over_ended_still_says_sent(client):
    reporter = _ready(client)
    reporter.submit()
    receipt = reporter.receipt()
    ReportDraft.objects.update(expires_at="2000-01-01T00:00:00Z")
    purge_expired_drafts.delay().get()  # the sent draft and its hand-over are gone

    again = reporter.submit().content.decode()

    assert SENT in again
    assert NOT_SHOWN_TWICE in again
    assert receipt not in again
    assert "Nothing was sent" not in again
    assert Report.objects.count() == 1


def test_the_back_button_after_sending_leads_to_the_sent_page_not_the_form(client):
    reporter = _ready(client)
    reporter.submit()
    back = reporter.post("review", nav="back")
    assert back.status_code == 302
    page = client.get(back["Location"]).content.decode()
    assert SENT in page
    assert "Zephyrine" not in page


def test_a_refused_send_keeps_the_draft_and_a_later_send_files_it(client, settings):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 3600  # the bot check: "too fast"
    reporter = _ready(client)
    reporter.submit()
    assert "That was very fast." in reporter.html()
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0
    reporter.submit()
    assert "Your receipt code" in reporter.html()
    assert Report.objects.count() == 1


def test_the_receipt_page_in_a_fresh_browser_does_not_claim_nothing_was_sent(client):
    page = client.get("/report/sent/").content.decode()
    assert "Nothing was sent" not in page
    assert NOT_SHOWN_TWICE in page
    assert not RECEIPT_RE.search(page)


def test_a_life_safety_report_keeps_the_crisis_contacts_on_reload(client):
    reporter = Reporter(client)
    reporter.start()
    answers = good_answers()
    answers["story"] = {"narrative": "He said he will kill himself tonight."}
    reporter.fill_all(answers)
    reporter.submit()
    assert Report.objects.get().life_safety
    assert "call or text 988" in reporter.html()
    assert "call or text 988" in client.get("/report/sent/").content.decode()
