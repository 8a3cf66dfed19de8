"""Bulk assignment from the queue: all or nothing."""

import pytest
from django.core.exceptions import ValidationError

from cases.roles import Role
from cases.services.assignment import bulk_assign_cases
from tests.factories import SchoolFactory, staff_user, submit_report

pytestmark = pytest.mark.django_db


def test_cases_are_assigned_together_or_not_at_all():
    cedar = SchoolFactory()
    lakeview = SchoolFactory(district=cedar.district)
    officer = staff_user(role=Role.EQUITY_OFFICER, district=cedar.district)
    cedar_only = staff_user(role=Role.EQUITY_OFFICER, school=cedar)
    at_cedar, at_lakeview = submit_report(school=cedar).case, submit_report(school=lakeview).case

    with pytest.raises(ValidationError, match="cannot handle"):
        bulk_assign_cases(cases=[at_cedar, at_lakeview], assignee=cedar_only, actor=officer)
    at_cedar.refresh_from_db()
    assert at_cedar.assignee is None

    assert bulk_assign_cases(cases=[at_cedar], assignee=cedar_only, actor=officer) == 1
    at_cedar.refresh_from_db()
    assert at_cedar.assignee == cedar_only


def test_an_officer_cannot_assign_cases_they_cannot_see():
    outsider = staff_user(role=Role.EQUITY_OFFICER)
    case = submit_report().case

    with pytest.raises(ValidationError, match="not found"):
        bulk_assign_cases(cases=[case], assignee=outsider, actor=outsider)
