"""Setting the priority of many cases from the queue: all or nothing, one audit event each."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import AuditEvent, Case, Priority
from cases.roles import Role
from cases.services.workflow import bulk_set_case_priority
from tests.factories import SchoolFactory, staff_user, submit_report

pytestmark = pytest.mark.django_db


def test_each_case_gets_the_priority_and_its_own_audit_event_naming_the_officer():
    cedar = SchoolFactory()
    officer = staff_user(role=Role.EQUITY_OFFICER, district=cedar.district)
    cases = [submit_report(school=cedar).case for _ in range(3)]

    assert bulk_set_case_priority(cases=cases, priority=Priority.HIGH, actor=officer) == 3

    assert set(Case.objects.values_list("priority", flat=True)) == {Priority.HIGH}
    events = AuditEvent.objects.filter(action="case.priority_changed")
    assert sorted(event.target_id for event in events) == sorted(str(c.pk) for c in cases)
    assert {event.actor_id for event in events} == {officer.pk}
    assert {event.detail["to"] for event in events} == {Priority.HIGH}


def test_a_case_the_officer_may_not_handle_refuses_the_whole_batch():
    cedar = SchoolFactory()
    lakeview = SchoolFactory(district=cedar.district)
    cedar_only = staff_user(role=Role.EQUITY_OFFICER, school=cedar)
    at_cedar, at_lakeview = submit_report(school=cedar).case, submit_report(school=lakeview).case
    events_before = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):
        bulk_set_case_priority(
            cases=[at_cedar, at_lakeview], priority=Priority.URGENT, actor=cedar_only
        )

    assert {c.priority for c in Case.objects.all()} == {at_cedar.priority}
    assert AuditEvent.objects.count() == events_before


def test_only_the_listed_priorities_are_accepted_as_for_a_single_case():
    cedar = SchoolFactory()
    officer = staff_user(role=Role.EQUITY_OFFICER, district=cedar.district)
    case = submit_report(school=cedar).case

    with pytest.raises(ValidationError, match="listed priorities"):
        bulk_set_case_priority(cases=[case], priority=99, actor=officer)

    case.refresh_from_db()
    assert case.priority != 99
