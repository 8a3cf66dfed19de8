"""Bots are turned away without a third-party captcha; people never lose their report."""

import pytest

from cases.models import Report
from tests.reporting.portal import Reporter, good_answers

pytestmark = pytest.mark.django_db


def test_a_report_sent_faster_than_a_person_could_is_refused_and_kept(client, settings):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 3600
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(good_answers())
    reporter.submit()
    assert "That was very fast." in reporter.html()
    assert Report.objects.count() == 0

    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0  # time passes; the draft is still there
    reporter.submit()
    assert Report.objects.count() == 1


def test_a_filled_honeypot_refuses_the_report(client):
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(good_answers())
    reporter.post("review", nav="submit", website="https://spam.example")
    assert "Something went wrong. Press Send again." in reporter.html()
    assert Report.objects.count() == 0


def test_when_the_bot_check_itself_fails_the_report_is_refused(client, settings):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = "not a number"  # a broken configuration
    reporter = Reporter(client)
    reporter.start()
    reporter.fill_all(good_answers())
    reporter.submit()
    assert "We could not check your report just now." in reporter.html()
    assert Report.objects.count() == 0
