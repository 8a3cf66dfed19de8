"""Every staff screen that shows case, transfer or trend data tells browsers and proxies not
to keep it (Django's never_cache), refusals and downloads included."""

import pytest
from django.urls import reverse

from tests.cases.admin.world import png_upload
from tests.staff import login_staff
from transfers.models import TransferReason
from transfers.services import send_transfer_message, start_transfer_from_case

pytestmark = pytest.mark.django_db


def _never_cached(response) -> None:
    assert response.status_code in (200, 400), response.status_code
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_case_screens_are_never_cached(client, world):
    login_staff(client, world.staff["equity_officer"])
    case = world.case
    evidence = world.report.evidence.get()

    _never_cached(client.get(reverse("cases_admin:queue")))
    _never_cached(client.get(reverse("cases_admin:detail", args=[case.pk])))
    refused = client.post(reverse("cases_admin:change_status", args=[case.pk]), {})
    assert refused.status_code == 400  # the case page again, with the reason
    _never_cached(refused)
    _never_cached(client.get(reverse("cases_admin:evidence_download", args=[case.pk, evidence.pk])))


def test_transfer_screens_are_never_cached(client, world):
    officer = world.staff["equity_officer"]
    transfer = start_transfer_from_case(
        case=world.case,
        actor=officer,
        receiving_district=world.other_district,
        receiving_school=None,
        student_reference="STU-9",
        reason_category=TransferReason.DISCRIMINATION,
    )
    message = send_transfer_message(
        transfer=transfer, actor=officer, body="Records follow.", attachment=png_upload()
    )
    login_staff(client, officer)

    _never_cached(client.get(reverse("transfers_admin:index")))
    _never_cached(client.get(reverse("transfers_admin:detail", args=[transfer.pk])))
    _never_cached(client.get(reverse("transfers_admin:from_case", args=[world.case.pk])))
    refused = client.post(reverse("transfers_admin:change_status", args=[transfer.pk]), {})
    assert refused.status_code == 400
    _never_cached(refused)
    _never_cached(client.get(reverse("transfers_admin:attachment", args=[transfer.pk, message.pk])))
    login_staff(client, world.staff["transfer_officer"])
    _never_cached(client.get(reverse("transfers_admin:create")))


def test_trend_screens_are_never_cached(client, world):
    login_staff(client, world.staff["district_admin"])

    _never_cached(client.get(reverse("trends_admin:dashboard")))
    _never_cached(client.get(reverse("trends_admin:csv", args=["basis"])))
