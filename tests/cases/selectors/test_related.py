"""Related-case suggestions: same school, basis and time window, or the same person named."""

from datetime import date

import pytest

from cases.roles import Role
from cases.selectors.related import related_cases
from tests.factories import SchoolFactory, staff_user, submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cedar():
    return SchoolFactory()


@pytest.fixture
def officer(cedar):
    return staff_user(role=Role.EQUITY_OFFICER, district=cedar.district)


def _numbers(case, user):
    return {item.case.number for item in related_cases(case=case, user=user)}


def test_same_school_and_basis_within_the_window_is_suggested(cedar, officer):
    case = submit_report(school=cedar, incident_date=date(2025, 3, 10), people_involved="").case
    close = submit_report(school=cedar, incident_date=date(2025, 3, 20), people_involved="").case
    months_later = submit_report(
        school=cedar, incident_date=date(2025, 9, 1), people_involved=""
    ).case
    other_basis = submit_report(
        school=cedar,
        incident_date=date(2025, 3, 12),
        bias_basis_codes=["disability"],
        people_involved="",
    ).case

    assert _numbers(case, officer) == {close.number}
    assert months_later.number not in _numbers(case, officer)
    assert other_basis.number not in _numbers(case, officer)


def test_a_report_naming_the_same_person_is_suggested_whatever_the_school(cedar, officer):
    lakeview = SchoolFactory(district=cedar.district)
    case = submit_report(school=cedar, people_involved="Jordan Pike").case
    same_person = submit_report(
        school=lakeview, bias_basis_codes=["religion"], people_involved="jordan pike, grade 8"
    ).case
    stranger = submit_report(
        school=lakeview, bias_basis_codes=["religion"], people_involved="Sam Reyes"
    ).case

    suggestions = {
        item.case.number: item.reasons for item in related_cases(case=case, user=officer)
    }

    assert same_person.number in suggestions
    assert "A report names the same person" in suggestions[same_person.number]
    assert stranger.number not in suggestions


def test_suggestions_never_include_cases_the_user_cannot_see(cedar):
    lakeview = SchoolFactory(district=cedar.district)
    cedar_officer = staff_user(role=Role.EQUITY_OFFICER, school=cedar)
    case = submit_report(school=cedar, people_involved="Jordan Pike").case
    submit_report(school=lakeview, people_involved="Jordan Pike")

    assert _numbers(case, cedar_officer) == set()
