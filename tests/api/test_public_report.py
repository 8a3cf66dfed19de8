"""A reporter's app sends a report through the API, keeps the receipt, reads the status and
the officer's message, and replies: the same rules as the web portal."""

import json

import pytest

from cases.models import MessageDirection, Report, ReporterMessage
from cases.services.messages import send_message_to_reporter
from tests.api.client import ApiClient, new_draft, proof, report_body, status_token, submit
from tests.factories import SchoolFactory, staff_user

pytestmark = pytest.mark.django_db


def test_a_report_sent_through_the_api_gives_a_receipt_that_opens_its_status(client):
    api = ApiClient(client)
    school = SchoolFactory()

    options = api.get("/api/public/options").json()
    assert school.pk in [s["id"] for d in options["districts"] for s in d["schools"]]
    sent = submit(api, school)

    assert sent.status_code == 201
    receipt = sent.json()["receipt"]
    assert len(receipt.replace(" ", "")) == 20
    report = Report.objects.get()
    assert report.narrative == "Zephyrine was mocked for her hijab every lunch."
    assert report.contact is None
    officer = staff_user(school=school)
    send_message_to_reporter(report=report, body="Which lunch period?", author=officer)

    status = api.post("/api/public/status", {"receipt": receipt, "token": status_token(api)})

    assert status.status_code == 200
    body = status.json()
    assert body["status"]["label"] == "Received"
    assert [m["body"] for m in body["messages"]] == ["Which lunch period?"]
    assert body["unread_count"] == 1

    replied = api.post(
        "/api/public/replies",
        {"receipt": receipt, "token": status_token(api), "body": "Second lunch, on Tuesdays."},
    )
    assert replied.status_code == 201
    assert ReporterMessage.objects.filter(direction=MessageDirection.FROM_REPORTER).count() == 1


def test_the_public_api_never_sees_who_is_asking_and_is_never_cached(client):
    api = ApiClient(client)
    response = client.post(
        "/api/public/drafts",
        json.dumps(proof(api)),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Phone/1.0",
    )

    assert response.status_code == 201
    assert response.wsgi_request.META["REMOTE_ADDR"] == ""
    assert response.wsgi_request.META["HTTP_USER_AGENT"] == ""
    assert "no-store" in response["Cache-Control"]
    assert api.get("/api/public/options")["Referrer-Policy"] == "same-origin"


def test_a_report_sent_too_soon_after_its_draft_is_refused_and_the_draft_kept(client, settings):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 10
    api = ApiClient(client)

    response = submit(api, SchoolFactory())

    assert response.status_code == 429
    assert "very fast" in response.json()["detail"]
    assert Report.objects.count() == 0


def test_a_draft_works_once(client):
    api = ApiClient(client)
    school = SchoolFactory()
    draft = new_draft(api)
    first = api.post("/api/public/reports", {"draft": draft, **report_body(school)})

    again = api.post("/api/public/reports", {"draft": draft, **report_body(school)})

    assert first.status_code == 201
    assert again.status_code == 409
    assert list(again.json()["errors"]) == ["draft"]
    assert "already used to send a report" in again.json()["detail"]
    assert Report.objects.count() == 1


def test_a_draft_without_work_is_refused_and_with_work_starts(client, settings):
    api = ApiClient(client)
    challenge = api.post("/api/public/draft-tokens").json()

    wrong = api.post("/api/public/drafts", {"token": challenge["token"], "work": "x"})
    missing = api.post("/api/public/drafts", {})
    right = api.post("/api/public/drafts", proof(api))

    assert wrong.status_code == 400
    assert list(wrong.json()["errors"]) == ["work"]
    assert missing.status_code == 400
    assert list(missing.json()["errors"]) == ["token"]
    assert right.status_code == 201


def test_without_work_an_app_must_wait_as_a_browser_without_javascript(client, settings):
    settings.REPORTING_NOJS_WAIT_SECONDS = 30
    api = ApiClient(client)
    challenge = api.post("/api/public/status-tokens").json()

    response = api.post(
        "/api/public/status", {"receipt": "1111 2222 3333 4444 5555", "token": challenge["token"]}
    )

    assert challenge["wait_seconds"] == 30
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_a_wrong_code_and_a_reused_token_are_field_errors(client):
    api = ApiClient(client)
    submit(api, SchoolFactory())
    token = status_token(api)

    wrong = api.post("/api/public/status", {"receipt": "1111 2222 3333 4444", "token": token})
    reused = api.post("/api/public/status", {"receipt": "1111 2222 3333 4444", "token": token})

    assert wrong.status_code == 400
    assert wrong.json()["errors"] == {
        "receipt": ["No report has this code. Check each digit and try again."]
    }
    assert reused.status_code == 400
    assert list(reused.json()["errors"]) == ["token"]


def test_a_reply_quoting_the_receipt_is_refused(client):
    api = ApiClient(client)
    receipt = submit(api, SchoolFactory()).json()["receipt"]

    response = api.post(
        "/api/public/replies",
        {"receipt": receipt, "token": status_token(api), "body": f"My code is {receipt}"},
    )

    assert response.status_code == 400
    assert "receipt code" in response.json()["errors"]["body"][0]
    assert ReporterMessage.objects.count() == 0
