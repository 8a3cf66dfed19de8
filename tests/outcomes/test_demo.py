"""The demo shows the feature: Northvale's wordings, and the Riverbend sample closed with an
outcome notice whose reporter finds the check-in question waiting. Seeding twice adds nothing."""

import pytest
from django.core.management import call_command

from cases.models import Case, CaseStatus
from outcomes.models import CheckIn, CheckInState, NoticeTemplate, OutcomeNotice
from reporting.demo import seed_sample_reports
from tests.reporting.portal import check_receipt

pytestmark = pytest.mark.django_db


def test_the_demo_closes_one_sample_with_a_notice_and_asks_its_first_check_in(settings, client):
    settings.DEBUG = False
    call_command("seed_demo")
    call_command("seed_demo")

    notice = OutcomeNotice.objects.get()
    assert notice.case.status == CaseStatus.CLOSED
    assert notice.case.district.slug == "riverbend"
    assert CheckIn.objects.filter(state=CheckInState.ASKED).count() == 1
    assert NoticeTemplate.objects.filter(district__slug="northvale").count() == 4

    receipt = next(s.receipt for s in seed_sample_reports() if "Riverbend" in s.label)
    check_receipt(client, receipt)
    page = client.get("/report/status/").content.decode()
    assert "Sample notice: we found that the group chat posts happened." in page
    assert "Has anything happened since your case was closed?" in page
    assert Case.objects.filter(retaliation_follow_up=True).count() == 0
