"""Closed cases are kept for the district's retention period, then purged to a tombstone;
a legal hold stops both the purge and any change to findings."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cases.models import (
    AuditEvent,
    Case,
    CaseNote,
    CaseStatus,
    EvidenceFile,
    IdentityDisclosure,
    PurgedCase,
    Report,
    ReporterMessage,
)
from cases.services.identity import share_identity
from cases.services.retention import (
    LegalHoldError,
    NotDueForPurge,
    cases_due_for_purge,
    purge_case,
    years_before,
)
from cases.services.workflow import change_case_status, record_findings, set_legal_hold
from jobs.models import OutboxMessage
from tests.cases.retention.factories import NARRATIVE, finished_case, years
from tests.factories import DistrictFactory, staff_user, submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return DistrictFactory(retention_years=7)


def due_now():
    return set(cases_due_for_purge(now=timezone.now()))


def test_a_case_closed_longer_ago_than_the_retention_period_is_due(district):
    old = finished_case(district=district, closed_days_ago=years(7))
    recent = finished_case(district=district, closed_days_ago=years(6))

    assert due_now() == {old}
    assert recent.pk  # kept: still inside its seven years


@pytest.mark.parametrize("status", [CaseStatus.WITHDRAWN, CaseStatus.REFERRED_OUT])
def test_withdrawn_and_referred_out_cases_age_out_too(district, status):
    case = finished_case(district=district, closed_days_ago=years(8), status=status)
    assert due_now() == {case}


def test_open_cases_are_never_due_however_old(district):
    case = finished_case(district=district, closed_days_ago=years(20))
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.REOPENED)
    assert due_now() == set()


def test_each_district_keeps_cases_for_its_own_period():
    short = DistrictFactory(retention_years=3)
    long = DistrictFactory(retention_years=10)
    short_case = finished_case(district=short, closed_days_ago=years(4))
    finished_case(district=long, closed_days_ago=years(4))
    assert due_now() == {short_case}


def test_a_retention_of_zero_years_is_treated_as_a_mistake_not_as_purge_at_once():
    district = DistrictFactory(retention_years=0)
    finished_case(district=district, closed_days_ago=years(30))
    assert due_now() == set()


def test_a_case_under_legal_hold_is_never_due(district):
    finished_case(district=district, closed_days_ago=years(9), legal_hold=True)
    assert due_now() == set()


def test_retention_counts_calendar_years_even_from_a_leap_day():
    leap = datetime(2028, 2, 29, 12, tzinfo=UTC)
    assert years_before(leap, 7) == datetime(2021, 2, 28, 12, tzinfo=UTC)


def test_purging_deletes_everything_but_a_tombstone_and_the_audit_trail(
    district, django_capture_on_commit_callbacks
):
    case = finished_case(district=district, closed_days_ago=years(8), with_everything=True)
    report = case.reports.get()
    share_identity(report=report, name="Rosalind Park")
    evidence = report.evidence.get()
    storage = EvidenceFile._meta.get_field("file").storage
    assert storage.exists(evidence.file.name)
    number, opened_on, closed_at, case_id = case.number, case.opened_on, case.closed_at, case.pk
    earlier_events = AuditEvent.objects.filter(target_id=str(case_id)).count()

    with django_capture_on_commit_callbacks(execute=True):
        tombstone = purge_case(case=case)

    assert not Case.objects.filter(pk=case_id).exists()
    assert not Report.objects.filter(pk=report.pk).exists()
    assert not ReporterMessage.objects.filter(report_id=report.pk).exists()
    assert not EvidenceFile.objects.filter(pk=evidence.pk).exists()
    assert not CaseNote.objects.filter(case_id=case_id).exists()
    assert not IdentityDisclosure.objects.filter(report_id=report.pk).exists()
    assert not storage.exists(evidence.file.name)

    tombstone = PurgedCase.objects.get(case_id=case_id)
    assert (tombstone.number, tombstone.district) == (number, district)
    assert (tombstone.opened_on, tombstone.closed_at) == (opened_on, closed_at)

    purged = AuditEvent.objects.get(action="case.purged", target_id=str(case_id))
    assert purged.actor_kind == "system"
    assert purged.detail == {"reports": 1, "evidence_files": 1, "messages": 1, "notes": 1}
    assert AuditEvent.objects.filter(target_id=str(case_id)).count() == earlier_events + 1
    assert NARRATIVE not in str(list(AuditEvent.objects.values()))


def test_search_and_trends_are_told_of_a_purge_through_the_outbox(district):
    case = finished_case(district=district, closed_days_ago=years(8))

    purge_case(case=case)

    jobs = OutboxMessage.objects.filter(payload__case=str(case.pk))
    assert set(jobs.values_list("topic", flat=True)) >= {
        "search.remove_case",
        "trends.recount_purged",
    }
    assert all(job.payload["district"] == district.pk for job in jobs)


def test_a_purge_that_rolls_back_tells_nobody(district):
    case = finished_case(district=district, closed_days_ago=years(8))

    def purge_then_fail():
        with transaction.atomic():
            purge_case(case=case)
            raise RuntimeError("the rest of the batch failed")

    with pytest.raises(RuntimeError):
        purge_then_fail()

    assert Case.objects.filter(pk=case.pk).exists()
    assert not OutboxMessage.objects.filter(
        topic__in=["search.remove_case", "trends.recount_purged"], payload__case=str(case.pk)
    ).exists()


def test_a_case_under_legal_hold_cannot_be_purged(district):
    case = finished_case(district=district, closed_days_ago=years(9), legal_hold=True)

    with pytest.raises(LegalHoldError, match="under legal hold"):
        purge_case(case=case)

    assert Case.objects.filter(pk=case.pk).exists()
    assert case.reports.exists()
    assert not PurgedCase.objects.exists()


def test_a_case_inside_its_retention_period_cannot_be_purged(district):
    case = finished_case(district=district, closed_days_ago=years(1))
    with pytest.raises(NotDueForPurge):
        purge_case(case=case)
    assert Case.objects.filter(pk=case.pk).exists()


def test_an_open_case_cannot_be_purged(district):
    case = submit_report().case
    with pytest.raises(NotDueForPurge):
        purge_case(case=case)


def test_no_code_path_deletes_a_held_case(district):
    case = finished_case(district=district, closed_days_ago=years(1), legal_hold=True)
    case.reports.all().delete()

    with pytest.raises(PermissionDenied), transaction.atomic():
        case.delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        Case.objects.filter(pk=case.pk).delete()
    assert Case.objects.filter(pk=case.pk).exists()


def test_findings_are_frozen_while_on_hold_and_editable_once_lifted(district):
    case = submit_report().case
    officer = staff_user(school=case.school)
    case = set_legal_hold(case=case, on=True, actor=officer, expected_version=case.version)

    with pytest.raises(PermissionDenied, match="legal hold"):
        record_findings(
            case=case,
            findings="Substantiated",
            actions_taken="",
            actor=officer,
            expected_version=case.version,
        )

    case = set_legal_hold(case=case, on=False, actor=officer, expected_version=case.version)
    record_findings(
        case=case,
        findings="Substantiated",
        actions_taken="",
        actor=officer,
        expected_version=case.version,
    )
    case.refresh_from_db()
    assert case.findings == "Substantiated"


def test_withdrawing_a_case_starts_its_retention_clock():
    case = submit_report().case
    officer = staff_user(school=case.school)
    before = timezone.now() - timedelta(seconds=1)

    case = change_case_status(
        case=case, to_status=CaseStatus.WITHDRAWN, actor=officer, expected_version=case.version
    )

    assert case.closed_at >= before
    reopened = change_case_status(
        case=case, to_status=CaseStatus.REOPENED, actor=officer, expected_version=case.version
    )
    assert reopened.closed_at is None
