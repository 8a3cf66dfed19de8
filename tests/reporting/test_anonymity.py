"""Nothing about the reporter's device or network is stored, logged or sent elsewhere."""

import logging

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session

from cases.models import Report
from cases.services.messages import send_message_to_reporter
from tests.factories import SchoolFactory, staff_user
from tests.reporting.portal import Reporter, check_receipt, good_answers, small_png

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (TraceableAgent-8f3c)"
REFERRER = "https://referrer.example/secret-page"
META = {
    "REMOTE_ADDR": ADDRESS,
    "HTTP_USER_AGENT": AGENT,
    "HTTP_REFERER": REFERRER,
    "HTTP_X_FORWARDED_FOR": ADDRESS,
}
PROBES = (ADDRESS, "TraceableAgent", "referrer.example")


def _walk_the_whole_portal(client):
    client.defaults.update(META)
    school = SchoolFactory()
    reporter = Reporter(client)
    client.get("/report/")
    reporter.start()
    reporter.fill_all(good_answers(school), files=[small_png()])
    reporter.submit()
    receipt = reporter.receipt()
    client.post("/report/receipt/", {"receipt": receipt})
    client.post("/report/", {"draft": "not-a-draft", "nav": "next"})  # an error path too
    from cases.models import Report

    report = Report.objects.get()
    send_message_to_reporter(
        report=report, body="Question?", author=staff_user(district=school.district)
    )
    check_receipt(client, "0000 0000 0000 0000")
    check_receipt(client, receipt)
    client.post("/report/status/", {"action": "reply", "body": "Answer."})
    client.post("/report/status/", {"action": "evidence", "files": [small_png("b.png")]})
    client.get("/es/report/status/")
    client.get("/report/does-not-exist/")


def test_no_address_agent_or_referrer_reaches_any_log_line(client, caplog):
    caplog.set_level(logging.DEBUG)
    _walk_the_whole_portal(client)
    assert caplog.records  # the walk did log (e.g. the 404), just nothing identifying
    for record in caplog.records:
        text = f"{record.getMessage()} {record.__dict__}"
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            text += repr(request.META)
        for probe in PROBES:
            assert probe not in text


def test_no_address_agent_or_referrer_is_stored_in_any_table(client):
    _walk_the_whole_portal(client)
    dump = []
    for model in apps.get_models():
        for row in model._base_manager.values_list():
            dump.append(repr(row))
    for session in Session.objects.all():
        dump.append(repr(session.get_decoded()))
    dump = "\n".join(dump)
    for probe in PROBES:
        assert probe not in dump


def test_portal_pages_carry_the_privacy_headers(client):
    for response in (client.get("/report/"), client.get("/es/report/status/")):
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert "microphone=()" in response["Permissions-Policy"]
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_portal_pages_load_nothing_from_another_site(client):
    reporter = Reporter(client)
    pages = [client.get("/report/").content.decode()]
    reporter.start()
    pages.append(reporter.html())
    pages.append(client.get("/report/status/").content.decode())
    for page in pages:
        for attribute in ('src="http', "src='http", 'href="//', 'src="//'):
            assert attribute not in page
        assert "<script>" not in page
        assert "style=" not in page
        # Only the quick exit points elsewhere, and it is a plain link.
        assert page.count("https://") == page.count("https://www.weather.gov/")


def test_only_the_csrf_and_the_short_encrypted_portal_cookies_are_set(client):
    reporter = Reporter(client)
    client.get("/report/")
    reporter.start()
    reporter.fill_all(good_answers())
    reporter.submit()
    receipt = reporter.receipt()
    check_receipt(client, receipt)
    assert set(client.cookies) <= {"csrftoken", "reporter", "report_sent"}
    # Every cookie ends with the browser session: no year-long trace on the device (F10).
    for name in ("csrftoken", "reporter", "report_sent"):
        assert not client.cookies[name]["max-age"]
        assert not client.cookies[name]["expires"]
    # Neither the receipt nor the report id can be read off the device.
    report = Report.objects.get()
    for name in ("reporter", "report_sent"):
        assert receipt.replace(" ", "") not in client.cookies[name].value
        assert str(report.pk) not in client.cookies[name].value
        assert str(report.pk).replace("-", "") not in client.cookies[name].value


def test_the_draft_lives_in_a_hidden_field_never_in_a_url_or_cookie(client):
    reporter = Reporter(client)
    reporter.start()
    assert reporter.draft not in reporter.last.get("Location", "")
    assert all(reporter.draft not in morsel.value for morsel in client.cookies.values())


def test_every_page_offers_a_quick_exit_to_a_neutral_site(client):
    page = client.get("/report/").content.decode()
    assert 'id="quick-exit" href="https://www.weather.gov/"' in page


def test_the_production_access_log_format_records_no_address_agent_or_referrer():
    from datetime import timedelta

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    config = Config()
    config.set("accesslog", "-")
    with open("config/gunicorn.py") as handle:
        source = {}
        exec(compile(handle.read(), "config/gunicorn.py", "exec"), source)  # noqa: S102
    config.set("access_log_format", source["access_log_format"])
    logger = Logger(config)

    class Response:
        status = "200 OK"
        response_length = 10
        sent = 10
        headers = ()

    class Request:
        headers = [("USER-AGENT", AGENT), ("REFERER", REFERRER)]

    environ = {
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": AGENT,
        "HTTP_REFERER": REFERRER,
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/report/status/",
        "QUERY_STRING": "",
        "RAW_URI": "/report/status/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = logger.atoms(Response(), Request(), environ, timedelta(milliseconds=5))
    line = source["access_log_format"] % atoms
    assert "/report/status/" in line
    for probe in PROBES:
        assert probe not in line
