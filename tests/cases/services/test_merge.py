"""Several reports about one incident become one case; the others close and point to it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.models import AuditEvent, Case, Priority
from cases.roles import Role
from cases.selectors.reporter import report_for_receipt
from cases.selectors.timeline import merged_into_case_id
from cases.services.merge import merge_cases
from cases.services.workflow import add_case_note, set_legal_hold
from tests.factories import DistrictFactory, SchoolFactory, staff_user, submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return SchoolFactory(district=DistrictFactory(code="NVU"))


@pytest.fixture
def officer(school):
    return staff_user(role=Role.EQUITY_OFFICER, district=school.district)


def test_merging_moves_reports_and_notes_and_unions_the_facts(school, officer):
    target = submit_report(school=school, bias_basis_codes=["race"], incident_date=date(2025, 3, 4))
    source = submit_report(
        school=school,
        bias_basis_codes=["religion"],
        incident_type_codes=["exclusion"],
        incident_date=date(2025, 3, 1),
        narrative="They said they will bring a knife tomorrow.",
    )
    add_case_note(case=source.case, body="Called home.", author=officer)

    merged = merge_cases(
        target=target.case,
        sources=[source.case],
        actor=officer,
        expected_version=target.case.version,
    )

    assert set(merged.reports.values_list("pk", flat=True)) == {target.report.pk, source.report.pk}
    assert merged.notes.get().body == "Called home."
    assert set(merged.bias_bases.values_list("code", flat=True)) == {"race", "religion"}
    assert set(merged.incident_types.values_list("code", flat=True)) == {"harassment", "exclusion"}
    assert merged.incident_date == date(2025, 3, 1)
    assert merged.life_safety is True
    assert merged.priority == Priority.URGENT


def test_the_source_closes_points_to_the_target_and_its_reporter_follows_the_target(
    school, officer
):
    target, source = submit_report(school=school), submit_report(school=school)

    merge_cases(
        target=target.case,
        sources=[source.case],
        actor=officer,
        expected_version=target.case.version,
    )

    closed = Case.objects.get(pk=source.case.pk)
    assert closed.status == "closed"
    assert merged_into_case_id(case=closed) == str(target.case.pk)
    assert report_for_receipt(source.receipt).case == target.case
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"case.merged_into", "case.merged_from"} <= actions


def test_a_case_of_another_district_or_out_of_sight_cannot_be_merged(school, officer):
    target = submit_report(school=school)
    foreign = submit_report(school=SchoolFactory())

    with pytest.raises(ValidationError, match="was not found"):
        merge_cases(
            target=target.case,
            sources=[foreign.case],
            actor=officer,
            expected_version=target.case.version,
        )
    assert foreign.case.reports.count() == 1


def test_a_case_under_legal_hold_stays_as_it_is(school, officer):
    target, held = submit_report(school=school), submit_report(school=school)
    set_legal_hold(case=held.case, on=True, actor=officer, expected_version=held.case.version)

    with pytest.raises(ValidationError, match="legal hold"):
        merge_cases(
            target=target.case,
            sources=[held.case],
            actor=officer,
            expected_version=target.case.version,
        )
    assert held.case.reports.count() == 1


def test_a_case_cannot_be_merged_into_itself_or_twice(school, officer):
    target, source = submit_report(school=school), submit_report(school=school)

    with pytest.raises(ValidationError, match="into itself"):
        merge_cases(
            target=target.case,
            sources=[target.case],
            actor=officer,
            expected_version=target.case.version,
        )
    merge_cases(
        target=target.case,
        sources=[source.case],
        actor=officer,
        expected_version=target.case.version,
    )
    other = submit_report(school=school)
    with pytest.raises(ValidationError, match="already merged"):
        merge_cases(
            target=other.case,
            sources=[Case.objects.get(pk=source.case.pk)],
            actor=officer,
            expected_version=other.case.version,
        )
