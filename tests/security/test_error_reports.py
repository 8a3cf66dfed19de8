"""An error report (the page or e-mail a crash produces for administrators) never carries what
a reporter or an officer typed: every view that takes narratives, contacts, receipts, case notes,
messages or sign-in codes marks all its POST fields sensitive."""

import pytest
from django.views.debug import SafeExceptionReporterFilter

from tests.reporting.portal import Reporter
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

SECRET = "Zephyrine-was-pushed-at-recess"


def _what_an_error_report_shows(response) -> str:
    return str(SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request))


def test_a_report_step_is_hidden_from_error_reports(client):
    reporter = Reporter(client)
    reporter.start()

    response = reporter.post("story", narrative=SECRET)

    assert SECRET not in _what_an_error_report_shows(response)


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/report/status/", {"receipt": "1234 5678 9012 3456"}),
        ("/report/receipt/", {"receipt": "1234 5678 9012 3456"}),
    ],
)
def test_receipts_are_hidden_from_error_reports(client, url, fields):
    response = client.post(url, fields)

    assert "1234" not in _what_an_error_report_shows(response)


@pytest.mark.parametrize("action", ["notes/", "findings/", "status/"])
def test_an_officers_case_writing_is_hidden_from_error_reports(client, world, action):
    login_staff(client, world.staff["equity_officer"])

    response = client.post(
        f"/admin/cases/{world.case.pk}/{action}", {"text": SECRET, "findings": SECRET}
    )

    assert SECRET not in _what_an_error_report_shows(response)


def test_a_sign_in_code_is_hidden_from_error_reports(client, world):
    client.force_login(world.staff["equity_officer"])

    response = client.post("/admin/2fa/", {"code": "123456"})

    assert "123456" not in _what_an_error_report_shows(response)
