"""A district system reads cases through the staff API: it learns the day a report arrived,
never the time (issue 17, F3). Ordering within a day follows the order of arrival."""

import re

import pytest
from django.utils import timezone

from cases.models import Report
from cases.services.messages import record_reporter_message, send_message_to_reporter
from tests.api.client import ApiClient, status_token, submit, token_for
from tests.factories import SchoolFactory, staff_user

pytestmark = pytest.mark.django_db

TIME_OF_DAY = re.compile(r"\d{2}:\d{2}")


def strings_in(value) -> list[str]:
    """Every string and number of a JSON document, keys included."""
    if isinstance(value, dict):
        return [item for key, inner in value.items() for item in [key, *strings_in(inner)]]
    if isinstance(value, list):
        return [item for inner in value for item in strings_in(inner)]
    return [str(value)]


def test_after_a_report_and_a_reply_the_staff_api_gives_days_only(client):
    school = SchoolFactory()
    reporter = ApiClient(client)
    receipt = submit(reporter, school).json()["receipt"]
    first_report = Report.objects.get()
    officer = staff_user(district=school.district)
    send_message_to_reporter(report=first_report, body="Which lunch period?", author=officer)
    replied = reporter.post(
        "/api/public/replies",
        {"receipt": receipt, "token": status_token(reporter), "body": "Second lunch."},
    )
    assert replied.status_code == 201
    submit(reporter, school)  # a second report the same day
    api = ApiClient(client, token_for(officer))

    listed = api.get("/api/staff/cases").json()
    case_id = listed["items"][0]["id"]
    one = api.get(f"/api/staff/cases/{case_id}").json()

    today = timezone.localdate().isoformat()
    assert [item["opened_on"] for item in listed["items"]] == [today, today]
    assert one["opened_on"] == today
    for document in (listed, one):
        assert not [text for text in strings_in(document) if TIME_OF_DAY.search(text)]
    # Newest first, and within the day by order of arrival, not by a timestamp.
    newest, oldest = (item["number"] for item in listed["items"])
    assert oldest == first_report.case.number
    assert newest != oldest


def test_the_reporters_own_thread_is_dated_to_the_day(client):
    school = SchoolFactory()
    reporter = ApiClient(client)
    receipt = submit(reporter, school).json()["receipt"]
    record_reporter_message(report=Report.objects.get(), body="Also on Wednesday.")

    status = reporter.post(
        "/api/public/status", {"receipt": receipt, "token": status_token(reporter)}
    )

    assert [m["sent_on"] for m in status.json()["messages"]] == [timezone.localdate().isoformat()]
    assert not [text for text in strings_in(status.json()) if TIME_OF_DAY.search(text)]
