"""Five Sends of one draft at the same moment, on real threads and real connections: one
report, one case, and every browser lands on the "sent" page. Needs PostgreSQL: the test
SQLite database lives in one connection's memory, which threads cannot share."""

import threading

import pytest
from django.db import connection
from django.test import Client

from cases.models import Case, Report
from tests.api.client import ApiClient, new_draft, report_body
from tests.factories import SchoolFactory
from tests.reporting.portal import RECEIPT_RE, Reporter, good_answers

pytestmark = [
    # serialized_rollback: each test gets the seeded choices back after the one before flushed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite's in-memory test database cannot be shared by threads; "
        "test_one_report_per_draft covers the repeated Send on SQLite",
    ),
]

SENDS = 5


def _at_once(work) -> list:
    """Run `work(i)` on SENDS threads released together; each thread has its own connection."""
    barrier = threading.Barrier(SENDS)
    results: list = [None] * SENDS

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # reported below as the thread's result
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(SENDS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_five_simultaneous_sends_of_one_draft_file_one_report_and_all_say_sent():
    reporter = Reporter(Client())
    reporter.start()
    reporter.fill_all(good_answers())
    browsers = [Client() for _ in range(SENDS)]
    form = {"draft": reporter.draft, "step": "review", "nav": "submit", "website": ""}

    responses = _at_once(lambda i: browsers[i].post("/report/", form))

    assert all(not isinstance(response, Exception) for response in responses), responses
    assert [response.status_code for response in responses] == [302] * SENDS
    assert {response["Location"] for response in responses} == {"/report/sent/"}
    assert Report.objects.count() == 1
    assert Case.objects.count() == 1
    pages = [browser.get("/report/sent/").content.decode() for browser in browsers]
    assert all("Your report was sent" in page for page in pages)
    assert sum(bool(RECEIPT_RE.search(page)) for page in pages) == 1  # the code, once
    assert not any("Nothing was sent" in page for page in pages)


def test_five_simultaneous_api_sends_of_one_draft_file_one_report():
    school = SchoolFactory()
    api = ApiClient(Client())
    draft = new_draft(api)
    body = {"draft": draft, **report_body(school)}

    responses = _at_once(lambda i: ApiClient(Client()).post("/api/public/reports", body))

    codes = sorted(response.status_code for response in responses)
    assert codes == [201] + [409] * (SENDS - 1)
    assert Report.objects.count() == 1
    assert Case.objects.count() == 1
