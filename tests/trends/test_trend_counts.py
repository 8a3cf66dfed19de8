"""The trend cells always add up to what counting the cases themselves gives.

Administrators read trends from `CaseTrendCount`; these stories check that every way a case
changes (a new report, a status change, a purge) reaches the cells through the case's outbox
job, and that the cells equal an independent count made here from the cases.
"""

import io
from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, CaseStatus
from cases.services.retention import purge_case
from cases.services.workflow import change_case_status
from tests.cases.retention.factories import finished_case, years
from tests.factories import SchoolFactory, submit_report
from trends.counts import (
    CRDC_ALLEGATION_TYPES,
    refresh_trend_counts,
)
from trends.models import CaseTrendCount

pytestmark = pytest.mark.django_db


def counted_from_cases(district) -> Counter:
    """(dimension, school id, month, code) -> cases, counted one case at a time in Python."""
    cells: Counter = Counter()
    cases = Case.objects.filter(district=district).prefetch_related("bias_bases", "incident_types")
    for case in cases:
        month = case.opened_on.replace(day=1)
        key = (case.school_id, month)
        cells[("all", *key, "")] += 1
        cells[("grade_band", *key, case.grade_band)] += 1
        cells[("status", *key, case.status)] += 1
        types = {t.code for t in case.incident_types.all()}
        for code in types:
            cells[("incident_type", *key, code)] += 1
        for basis in case.bias_bases.all():
            cells[("basis", *key, basis.code)] += 1
        if types & set(CRDC_ALLEGATION_TYPES):
            for category in {b.crdc_category for b in case.bias_bases.all()} - {""}:
                cells[("crdc", *key, category)] += 1
    return cells


def cells_of(district) -> Counter:
    return Counter(
        {
            (c.dimension, c.school_id, c.month, c.code): c.cases
            for c in CaseTrendCount.objects.filter(district=district)
        }
    )


def opened_months_ago(result, months: int) -> None:
    opened = timezone.localdate() - timedelta(days=31 * months)
    Case.objects.filter(pk=result.case.pk).update(opened_on=opened)


def test_each_new_report_reaches_the_trend_cells_when_its_job_runs(
    trends_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit_report(school=trends_world.school, bias_basis_codes=["race", "religion"])
        submit_report(
            school=trends_world.other_school,
            bias_basis_codes=["disability"],
            incident_type_codes=["bullying", "exclusion"],
            grade_band="9_12",
        )

    assert cells_of(trends_world.district) == counted_from_cases(trends_world.district)
    month = timezone.localdate().replace(day=1)
    race = CaseTrendCount.objects.get(
        district=trends_world.district, dimension="basis", code="race", month=month
    )
    assert (race.school_id, race.cases) == (trends_world.school.pk, 1)


def test_a_status_change_moves_the_case_between_status_cells(
    trends_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = submit_report(school=trends_world.school)
    statuses = {
        c.code: c.cases
        for c in CaseTrendCount.objects.filter(district=trends_world.district, dimension="status")
    }
    assert statuses == {CaseStatus.NEW: 1}

    with django_capture_on_commit_callbacks(execute=True):
        change_case_status(
            case=result.case,
            to_status=CaseStatus.TRIAGE,
            actor=trends_world.officer,
            expected_version=result.case.version,
        )

    statuses = {
        c.code: c.cases
        for c in CaseTrendCount.objects.filter(district=trends_world.district, dimension="status")
    }
    assert statuses == {CaseStatus.TRIAGE: 1}


def test_a_purged_case_leaves_the_counts_of_its_month(
    trends_world, django_capture_on_commit_callbacks
):
    kept = finished_case(district=trends_world.district, closed_days_ago=years(2))
    purged = finished_case(district=trends_world.district, closed_days_ago=years(8))
    refresh_trend_counts(district_id=trends_world.district.pk)
    assert sum(cells_of(trends_world.district).values()) > 0

    with django_capture_on_commit_callbacks(execute=True):
        purge_case(case=purged)

    assert cells_of(trends_world.district) == counted_from_cases(trends_world.district)
    assert Case.objects.filter(district=trends_world.district).get() == kept


def test_cells_equal_a_count_of_the_cases_across_months_schools_and_breakdowns(trends_world):
    third = SchoolFactory(district=trends_world.district)
    plan = [
        (trends_world.school, ["race"], ["harassment"], "6_8", 0),
        (trends_world.school, ["race", "sex"], ["bullying", "harassment"], "9_12", 1),
        (trends_world.other_school, ["other"], ["exclusion"], "unknown", 1),
        (trends_world.other_school, ["disability"], ["harassment"], "3_5", 13),
        (third, ["religion", "national_origin"], ["slur_graffiti"], "6_8", 25),
        (trends_world.far_school, ["race"], ["harassment"], "6_8", 2),  # another district
    ]
    for school, bases, types, grade, months_ago in plan:
        result = submit_report(
            school=school, bias_basis_codes=bases, incident_type_codes=types, grade_band=grade
        )
        opened_months_ago(result, months_ago)
    Case.objects.filter(school=third).update(school=None)  # a report naming no school

    call_command("rebuild_trend_counts", stdout=io.StringIO())

    for district in (trends_world.district, trends_world.other_district):
        assert cells_of(district) == counted_from_cases(district)
    assert cells_of(trends_world.district)[("all", None, _month_of(25), "")] == 1


def test_recounting_twice_or_late_never_double_counts(trends_world):
    submit_report(school=trends_world.school)
    month = timezone.localdate()
    refresh_trend_counts(district_id=trends_world.district.pk, months=[month])
    refresh_trend_counts(district_id=trends_world.district.pk, months=[month])
    CaseTrendCount.objects.filter(dimension="all").update(cases=99)  # a stale cell

    refresh_trend_counts(district_id=trends_world.district.pk, months=[month])

    assert cells_of(trends_world.district) == counted_from_cases(trends_world.district)


def _month_of(months_ago: int):
    opened = timezone.localtime(timezone.now() - timedelta(days=31 * months_ago))
    return datetime(opened.year, opened.month, 1).date()
