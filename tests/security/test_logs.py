"""Log lines written while a reporter reports, checks status and replies name no one."""

import logging

import pytest

from tests.factories import SchoolFactory
from tests.reporting.portal import Reporter, check_receipt, good_answers

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.23"
AGENT = "Mozilla/5.0 (LogProbe-71d2)"
PLANTED = ("Zephyrine", "Avery Quill", "nightowl.parent", "555-0199", "Wintermoonreply")


def test_no_address_agent_or_planted_words_reach_any_log_record(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.defaults.update(
        {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": AGENT, "HTTP_X_FORWARDED_FOR": ADDRESS}
    )
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(good_answers(SchoolFactory()))
    reporter.submit()
    receipt = reporter.receipt()
    check_receipt(client, receipt)
    client.post("/report/status/", {"action": "reply", "body": "Wintermoonreply, thanks"})
    client.get("/report/no-such-page/")

    assert caplog.records
    for record in caplog.records:
        text = f"{record.getMessage()} {record.__dict__}"
        for probe in (ADDRESS, "LogProbe", *PLANTED, receipt, receipt.replace(" ", "")):
            assert probe not in text, record.name
