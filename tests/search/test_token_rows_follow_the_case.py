"""The token rows' copies of the case (district, school, queue order keys) follow every change.

Each service that changes one of them publishes `CASE_CHANGED`; the search job rebuilds the
case's rows from fresh columns after commit. A stale copy would not change what a search finds
(the case's own columns decide), but it would make the scoped index read the wrong range."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, CaseStatus, Priority
from cases.services.assignment import assign_by_rule
from cases.services.follow_up import open_retaliation_follow_up
from cases.services.merge import merge_cases
from cases.services.workflow import set_case_priority
from search.models import CaseSearchToken
from tests.factories import submit_report

pytestmark = pytest.mark.django_db

KEYS = ("district_id", "school_id", "life_safety", "priority", "opened_on", "sequence")


def copied_keys(case: Case) -> set[tuple]:
    return set(CaseSearchToken.objects.filter(case=case).values_list(*KEYS))


def case_keys(case: Case) -> set[tuple]:
    case.refresh_from_db()
    return {tuple(getattr(case, key) for key in KEYS)}


@pytest.fixture
def indexed_case(search_world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit_report(school=search_world.school, narrative="Graffiti on the gym wall.").case
    assert copied_keys(case) == case_keys(case)
    return case


def test_a_new_case_copies_its_district_school_and_order_keys(search_world, indexed_case):
    (district_id, school_id, *_), *_ = copied_keys(indexed_case)
    assert (district_id, school_id) == (search_world.district.pk, search_world.school.pk)


def test_a_priority_change_reaches_the_token_rows(
    search_world, indexed_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_case_priority(
            case=indexed_case,
            priority=Priority.HIGH,
            actor=search_world.officer,
            expected_version=indexed_case.version,
        )
    assert copied_keys(indexed_case) == case_keys(indexed_case)
    assert indexed_case.priority == Priority.HIGH


def test_a_re_route_that_sets_the_priority_reaches_the_token_rows(
    search_world, indexed_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assign_by_rule(
            case=indexed_case,
            rule_id=1,
            assignee=None,
            priority=Priority.LOW,
            actor=search_world.officer,
            expected_version=indexed_case.version,
        )
    assert copied_keys(indexed_case) == case_keys(indexed_case)
    assert indexed_case.priority == Priority.LOW


def test_a_merge_copies_the_most_pressing_sources_keys_to_the_target(
    search_world, indexed_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        source = submit_report(school=search_world.school, narrative="Slurs on the bus.").case
    earlier = timezone.localdate() - timedelta(days=30)
    Case.objects.filter(pk=source.pk).update(
        life_safety=True, priority=Priority.URGENT, opened_on=earlier
    )
    with django_capture_on_commit_callbacks(execute=True):
        merge_cases(
            target=indexed_case,
            sources=[source],
            actor=search_world.officer,
            expected_version=indexed_case.version,
        )
    assert copied_keys(indexed_case) == case_keys(indexed_case)
    assert (indexed_case.life_safety, indexed_case.opened_on) == (True, earlier)


def test_a_retaliation_follow_up_that_reopens_the_case_reaches_the_token_rows(
    indexed_case, django_capture_on_commit_callbacks
):
    Case.objects.filter(pk=indexed_case.pk).update(status=CaseStatus.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        open_retaliation_follow_up(case=indexed_case)
    assert copied_keys(indexed_case) == case_keys(indexed_case)
    assert indexed_case.priority == Priority.HIGH
