"""Issue 20: a searched queue page reads its first matches in the queue's order from the token
index, so it costs the same queries whether the word matches 10 cases or 100, and lists them
as the unsearched queue orders them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case
from cases.selectors.queue import case_queue
from search.backends import get_backend
from tests.cases.admin.query_budgets import QUEUE, QUEUE_BUDGET
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _add_cases(school, count: int) -> None:
    """`count` reports that all say "slur", some flagged as possible imminent harm so the
    queue's order is not the order they came in."""
    cases = [submit_report(school=school).case for _ in range(count)]
    Case.objects.filter(pk__in=[case.pk for case in cases[::7]]).update(life_safety=True)
    get_backend().rebuild()


def _queries(client, **params) -> tuple[int, list[str]]:
    client.get(QUEUE, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE, params)
    assert response.status_code == 200
    return len(queries), [case.number for case in response.context["cases"]]


def test_a_searched_queue_page_costs_the_same_queries_for_10_and_100_matches(client, world):
    login_staff(client, world.staff["equity_officer"])
    _add_cases(world.school, 10)  # the world's own case does not say "slur"
    at_ten, listed = _queries(client, q="slur", per_page=100)
    assert len(listed) == 10

    _add_cases(world.school, 90)
    at_hundred, listed = _queries(client, q="slur", per_page=100)

    assert at_ten == at_hundred <= QUEUE_BUDGET + 1  # the unsearched page's, and the search
    queue = case_queue(user=world.staff["equity_officer"], today=timezone.localdate())
    assert listed == [case.number for case in queue.exclude(pk=world.case.pk)[:100]]


def test_a_searched_queue_lists_its_matches_page_by_page_in_the_queue_order(client, world):
    login_staff(client, world.staff["equity_officer"])
    _add_cases(world.school, 30)
    everything = [
        case.number
        for case in client.get(QUEUE, {"per_page": 50}).context["cases"]
        if case != world.case
    ]

    first = client.get(QUEUE, {"q": "slur", "per_page": 10})
    third = client.get(QUEUE, {"q": "slur", "per_page": 10, "p": 3})

    assert [c.number for c in first.context["cases"]] == everything[:10]
    assert [c.number for c in third.context["cases"]] == everything[20:30]
    assert first.context["paginator"].count == 30
