"""A newcomer runs `make run` and finds a district with a past: two years of cases in every demo
district, transfer requests at every step, and a trends page with bars and suppressed cells."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases.demo import seed_organisation, seed_staff
from cases.models import AuditEvent, Case, District, Report
from cases.selectors.reporter import report_for_receipt
from cases.synthetic import SYNTHETIC_RECEIPT_PREFIX
from reporting.demo_history import seed_history
from tests.staff import login_staff
from transfers.models import TransferRequest, TransferStatus

pytestmark = pytest.mark.django_db

FULL_SIZE = 60  # config/settings/base.py: DEMO_HISTORY_REPORTS_PER_SCHOOL


def _counts() -> tuple[int, int, int]:
    return Case.objects.count(), Report.objects.count(), TransferRequest.objects.count()


def test_a_small_history_spreads_over_two_years_and_no_receipt_opens_it():
    seed_organisation()
    seed_staff(set_passwords=False)
    districts = list(District.objects.all())

    added = seed_history(districts=districts, reports_per_school=6)

    assert added.cases == 6 * 12
    today = timezone.localdate()
    for district in districts:
        opened = list(Case.objects.filter(district=district).values_list("opened_on", flat=True))
        assert min(opened) < today - timedelta(days=365)  # the previous school year too
        assert max(opened) <= today
        in_number_order = Case.objects.filter(district=district).order_by("number")
        days = list(in_number_order.values_list("opened_on", flat=True))
        assert days == sorted(days)  # numbered day after day, as intake numbers them
    reports = Report.objects.all()
    assert all(r.receipt_hash.startswith(SYNTHETIC_RECEIPT_PREFIX) for r in reports)
    assert len({r.receipt_hash for r in reports}) == reports.count()
    assert report_for_receipt("0" * 20) is None
    assert all(r.narrative.startswith(("Demo report", "Informe de demostración")) for r in reports)
    assert not AuditEvent.objects.filter(action="report.submitted").exists()

    assert seed_history(districts=districts, reports_per_school=6).cases == 0


def test_the_full_demo_has_a_past_the_trends_page_shows_and_seeds_once(settings, client):
    settings.DEMO_HISTORY_REPORTS_PER_SCHOOL = FULL_SIZE
    started = time.perf_counter()
    call_command("seed_demo")
    seconds = time.perf_counter() - started

    assert seconds < 60
    for district in District.objects.all():
        assert Case.objects.filter(district=district).count() >= 150
    moved = set(TransferRequest.objects.values_list("status", flat=True))
    assert moved == set(TransferStatus.values)  # a request at every step
    today = timezone.localdate()
    past = TransferRequest.objects.filter(
        linked_cases__reports__receipt_hash__startswith=SYNTHETIC_RECEIPT_PREFIX
    )
    assert past.count() == 24
    assert not past.filter(created_at__date__gte=today).exists()  # moved over past weeks
    assert past.filter(step_due__lt=today).exists()  # and a few are overdue
    assert (
        Case.objects.filter(status="closed").count()
        > Case.objects.exclude(status__in=["closed", "withdrawn"]).count()
    )

    administrator = get_user_model().objects.get(username="admin.northvale")
    login_staff(client, administrator)
    page = client.get(reverse("trends_admin:dashboard")).content.decode()
    assert "chart-bar--suppressed" in page
    assert "chart-bar--a" in page

    before = _counts()
    call_command("seed_demo")
    assert _counts() == before  # nothing added the second time
