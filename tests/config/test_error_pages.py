"""When a request fails, the reporter, the officer and the API client are each told plainly
what happened and what to do, in their language, and a reporter loses nothing they typed."""

import re
import uuid

import pytest
from django.test import Client

from reporting.models import ReportDraft
from tests.reporting.portal import Reporter
from tests.staff import login_staff
from tests.two_districts import two_districts

pytestmark = pytest.mark.django_db

STORY = "They wrote slurs on my locker again on Monday"


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0


def test_a_missing_portal_page_says_so_in_the_readers_language(client):
    english = client.get("/no-such-page/")
    spanish = client.get("/es/no-such-page/")

    assert english.status_code == spanish.status_code == 404
    assert "Page not found" in english.content.decode()
    assert "No se encontró la página" in spanish.content.decode()


def test_a_missing_staff_page_looks_like_every_other_back_office_miss(client):
    login_staff(client, two_districts().officer)

    for url in (f"/admin/cases/{uuid.uuid4()}/", "/admin/2fa/no-such-step/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Go to Wagtail admin" in response.content.decode()


def test_a_report_step_with_too_many_fields_gets_a_page_that_says_what_to_do(client):
    reporter = Reporter(client)
    reporter.start()
    flood = {f"field{number}": "x" for number in range(10_001)}

    response = reporter.post("story", narrative=STORY, **flood)

    assert response.status_code == 400
    page = response.content.decode()
    assert "The page sent too much" in page
    assert "what you typed is still on the page" in page


def test_an_api_client_gets_errors_as_json(client):
    response = client.get("/api/no-such-endpoint/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_report_step_held_open_too_long_comes_back_with_what_was_typed():
    reporter = Reporter(Client())
    reporter.start()
    # The browser was closed and the tab restored: the CSRF cookie is gone, the page is not.
    restored = Client(enforce_csrf_checks=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', reporter.html()).group(1)

    response = restored.post(
        "/report/",
        {
            "csrfmiddlewaretoken": token,
            "draft": reporter.draft,
            "step": "story",
            "nav": "next",
            "narrative": STORY,
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "your last press was not accepted" in page
    assert STORY in page
    assert "csrftoken" in response.cookies
    # Nothing from the refused post was stored.
    assert "story" not in ReportDraft.objects.get(pk=reporter.draft).answers


def test_a_refused_report_step_is_resent_with_the_fresh_token_and_saved():
    reporter = Reporter(Client())
    reporter.start()
    restored = Client(enforce_csrf_checks=True)
    stale = {"draft": reporter.draft, "step": "story", "nav": "stay", "narrative": STORY}
    refused = restored.post("/report/", {**stale, "csrfmiddlewaretoken": "x" * 64})
    fresh = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', refused.content.decode())

    restored.post("/report/", {**stale, "csrfmiddlewaretoken": fresh.group(1)})

    assert ReportDraft.objects.get(pk=reporter.draft).answers["story"]["narrative"] == [STORY]


def test_a_portal_form_without_a_draft_gets_a_page_that_reopens_it():
    response = Client(enforce_csrf_checks=True).post("/es/report/status/", {"receipt": "1234"})

    assert response.status_code == 403
    page = response.content.decode()
    assert "abierta demasiado tiempo" in page
    assert 'href="/es/report/status/"' in page


def test_a_staff_form_held_open_too_long_is_explained_to_the_officer():
    staff = Client(enforce_csrf_checks=True)
    login_staff(staff, two_districts().officer)

    response = staff.post(f"/admin/cases/{uuid.uuid4()}/notes/", {"text": "Called the family"})

    assert response.status_code == 403
    assert "The form was open too long" in response.content.decode()


@pytest.mark.urls("tests.config.failing_urls")
@pytest.mark.parametrize(
    ("prefix", "heading", "advice"),
    [
        ("", "Something went wrong", "A report is never filed twice from the same form"),
        ("/es", "Algo salió mal", "Un reporte nunca se registra dos veces"),
    ],
)
def test_a_crash_on_the_portal_tells_a_reporter_what_is_safe_to_do(prefix, heading, advice):
    response = Client(raise_request_exception=False).get(f"{prefix}/crash/")

    page = response.content.decode()
    assert response.status_code == 500
    assert heading in page
    assert advice in page
    assert "Traceback" not in page


@pytest.mark.urls("tests.config.failing_urls")
def test_a_crash_in_the_back_office_tells_the_officer_to_check_before_resending():
    response = Client(raise_request_exception=False).get("/admin/crash/")

    assert response.status_code == 500
    assert "may not have been saved" in response.content.decode()


@pytest.mark.urls("tests.config.failing_urls")
def test_a_crash_in_the_api_is_json():
    response = Client(raise_request_exception=False).get("/api/crash/")

    assert response.status_code == 500
    assert "detail" in response.json()
