import pytest
from django.core.management import call_command

from campaigns.demo import COPIES as CAMPAIGN_COPIES
from cases.models import Report, ReporterMessage
from reporting.demo import seed_sample_reports
from tests.reporting.portal import check_receipt

pytestmark = pytest.mark.django_db


def test_sample_reports_are_seeded_once_in_both_languages_with_a_thread(settings, capsys):
    settings.DEBUG = False
    call_command("seed_demo")
    call_command("seed_demo")
    # The three samples, and the planted campaign of near-identical reports (campaigns/demo.py).
    assert Report.objects.count() == 3 + len(CAMPAIGN_COPIES)
    assert set(Report.objects.values_list("language", flat=True)) == {"en", "es"}
    assert ReporterMessage.objects.count() == 2
    receipts = seed_sample_reports()
    assert not any(sample.receipt in capsys.readouterr().out for sample in receipts)


def test_in_development_the_sample_receipts_are_printed_and_open_their_reports(
    settings, capsys, client
):
    settings.DEBUG = True
    call_command("seed_demo")
    output = capsys.readouterr().out
    receipt = seed_sample_reports()[0].receipt
    assert receipt in output

    check_receipt(client, receipt)
    assert (
        "Which days of the week did this happen?" in client.get("/report/status/").content.decode()
    )
